#!/usr/bin/env node
// The one test command (README, CI): type-check every layer, lint the layer rules, run the unit,
// golden, property, fuzz, multi-process and crash tests, then the browser end-to-end tests.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  ['type-check (tsc -b, every layer)', 'npx', ['tsc', '-b']],
  ['lint (eslint, layer rules)', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['unit, golden, property, fuzz, multi-process and crash tests (vitest)', 'npx', ['vitest', 'run']],
];
if (existsSync('playwright.config.ts')) steps.push(['browser end-to-end tests (Playwright, Debian chromium)', 'npx', ['playwright', 'test']]);

// The browser tests drive Debian's Chromium: on a fresh Debian machine install it first (as .ci/run
// does), so this one command works there too.
if (existsSync('playwright.config.ts') && !existsSync('/usr/bin/chromium')) {
  console.log('\n=== installing Debian chromium for the browser tests (apt-get)');
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = (args) => spawnSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (apt(['update', '-qq']).status !== 0 || apt(['install', '-y', '-qq', 'chromium']).status !== 0 || !existsSync('/usr/bin/chromium')) {
    console.error('*** could not install Debian chromium (apt-get install chromium); the browser tests need /usr/bin/chromium');
    process.exit(1);
  }
}

for (const [title, cmd, args] of steps) {
  console.log(`\n=== ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  if (r.status !== 0) {
    console.error(`\n*** ${title} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}
console.log('\nall tests passed');
