#!/usr/bin/env node
// Runs a TypeScript entry point (bench, scripts) from a source checkout: `node bin/run-ts.js FILE ARGS`.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { register } from 'tsx/esm/api';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: run-ts FILE [ARGS...]');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(file), ...rest];
register();
await import(pathToFileURL(resolve(file)).href);
