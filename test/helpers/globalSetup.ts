/**
 * Bundles the child-process scripts of the multi-process and crash tests (test/children/*.ts) into
 * plain .mjs files once, so each spawned process starts in milliseconds instead of going through tsx.
 */
import { build } from 'esbuild';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const CHILD_BUILD_DIR = '.test-build';

export default async function setup(): Promise<void> {
  mkdirSync(CHILD_BUILD_DIR, { recursive: true });
  const dir = join('test', 'children');
  const entries = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
  if (entries.length === 0) return;
  await build({
    entryPoints: entries,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: CHILD_BUILD_DIR,
    outExtension: { '.js': '.mjs' },
    sourcemap: 'inline',
    // CommonJS packages (commander) require Node built-ins; ESM output has no `require` of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}
