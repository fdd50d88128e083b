#!/usr/bin/env node
// `npm start`: the desktop app when the Electron binary is installed; otherwise `mkinspect serve` on the
// demo database, printing the URL (and opening a browser when there is one). Builds what it needs first,
// so `ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci && npm start` works on a fresh clone.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const node = process.execPath;
const args = process.argv.slice(2);
const noOpen = args.includes('--no-open') || Boolean(process.env.CI);

function run(script, scriptArgs, what) {
  const r = spawnSync(node, [join(root, ...script), ...scriptArgs], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm start: ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

/**
 * The demo database (`mkinspect demo .demo`: a library catalogue with subviews, a starkit-like file
 * tree, a 1M-row sensor log, every type, and an aside with commits; demo.mka next to demo.mk is
 * attached automatically), a Tcl starkit (a script with Metakit data appended), and real Metakit
 * files from the corpus (nested subviews, every type, long strings, bytes, a main file with its aside).
 */
function demoFiles() {
  const dir = join(root, '.demo');
  mkdirSync(dir, { recursive: true });
  const demo = join(dir, 'demo.mk');
  if (!existsSync(demo) || !existsSync(join(dir, 'demo.mka'))) run(['bin', 'mkinspect.js'], ['demo', dir, '--force'], 'writing the demo database');
  const kit = join(dir, 'sample.kit');
  if (!existsSync(kit)) run(['bin', 'run-ts.js'], [join(root, 'scripts', 'make-starkit.ts'), kit], 'writing the sample starkit');
  const corpus = (c, f = 'data.mk') => join(root, 'test', 'fixtures', 'corpus', c, f);
  // x.mka next to x.mk is attached automatically: give the aside sample those names.
  copyFileSync(corpus('aside-4', 'main.mk'), join(dir, 'with-aside.mk'));
  copyFileSync(corpus('aside-4', 'aside.mka'), join(dir, 'with-aside.mka'));
  return [demo, kit, corpus('nested-3'), corpus('all-types'), corpus('str-long'), corpus('bytes-values'), join(dir, 'with-aside.mk')];
}

const LIVE_HINT = 'To watch live reads, extend the demo aside from another terminal: npx mkinspect demo-writer .demo --rate 5';

function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'path.txt')) || !existsSync(join(pkg, 'dist'))) return null;
  return pkg;
}

function openBrowser(url) {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => console.log(`(no browser opener found: open the URL yourself)`));
    child.unref();
  } catch {
    console.log('(no browser opener found: open the URL yourself)');
  }
}

const files = args.filter((a) => !a.startsWith('--'));
const electron = electronBinary();
if (electron) {
  run(['scripts', 'build.js'], [], 'building the app');
  const { default: binary } = await import(join(electron, 'index.js'));
  const child = spawn(binary, [root, ...(files.length ? files : demoFiles())], { cwd: root, stdio: 'inherit' });
  if (!files.length) console.log(LIVE_HINT);
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  run(['scripts', 'build-renderer.js'], [], 'building the renderer');
  const serveArgs = ['serve', ...(files.length ? files : demoFiles())];
  const portAt = args.indexOf('--port');
  if (portAt >= 0 && args[portAt + 1]) serveArgs.push('--port', args[portAt + 1]);
  console.log('npm start: no Electron binary here; serving the inspector on the loopback interface instead');
  const child = spawn(node, [join(root, 'bin', 'mkinspect.js'), ...serveArgs], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(chunk.toString())?.[0];
    if (url && !printed) {
      printed = true;
      console.log(`\nOpen ${url} in a browser (over SSH: ssh -L PORT:127.0.0.1:PORT this-machine). Ctrl+C stops.`);
      if (!files.length) console.log(LIVE_HINT);
      if (!noOpen) openBrowser(url);
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill('SIGINT'));
  child.on('exit', (code) => process.exit(code ?? 0));
}
