#!/usr/bin/env node
// `npm start`: until the GUI lands, show what the engine reads from a bundled sample datafile.
import { spawnSync } from 'node:child_process';

const sample = 'test/fixtures/corpus/nested-3/data.mk';
for (const args of [['stats', sample], ['dump', sample]]) {
  console.log(`$ mkinspect ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['bin/mkinspect.js', ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
