#!/usr/bin/env node
// Entry of the `mkinspect` command. In a source checkout the TypeScript is run directly through tsx,
// so the command can never be stale; a packaged build (no sources) runs the compiled JavaScript.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const candidates = [
  ['electron/server/mkinspect.ts', true],
  ['engine/cli/main.ts', true],
  ['dist/electron/server/mkinspect.js', false],
  ['dist/engine/cli/main.js', false],
];
for (const [rel, isSource] of candidates) {
  const file = join(root, rel);
  if (!existsSync(file)) continue;
  if (isSource) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  await import(pathToFileURL(file).href);
  break;
}
