/**
 * Starting a worker from a module next to the caller. In a source checkout the modules are TypeScript
 * run through tsx, which a worker does not inherit: the worker then registers tsx first. Packaged
 * apps run the compiled JavaScript (from app.asar.unpacked, where workers can read it).
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function spawnModuleWorker(moduleUrl: URL, options: WorkerOptions = {}): Worker {
  const file = fileURLToPath(moduleUrl).replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  if (!file.endsWith('.ts')) return new Worker(file, options);
  // The ESM build of tsx's API (the package's `import` condition), next to the CommonJS one.
  const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const boot = `import(${JSON.stringify(pathToFileURL(tsxApi).href)})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })
    .catch((e) => { process.nextTick(() => { throw e; }); });`;
  return new Worker(boot, { ...options, eval: true });
}
