/**
 * Writes a small starkit-like file tree with the engine's writer, as Tcl's vfs::mk4 stores one:
 * `dirs[name:S,parent:I,files[name:S,size:I,date:I,contents:B]]`, file contents zlib-compressed when
 * that makes them smaller (size then differs from the stored length). Sample data for `npm start`
 * and the browser tests until `mkinspect demo` writes the full demo database.
 * Run as `node bin/run-ts.js scripts/make-starkit.ts OUT`.
 */
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { WritableStorage } from '../engine/core/write/writableStorage.js';
import { FileByteStore } from '../engine/node/fileByteStore.js';

export const STARKIT_LAYOUT = 'dirs[name:S,parent:I,files[name:S,size:I,date:I,contents:B]]';

const MAIN_TCL = `package require starkit
starkit::startup
package require app-inspector
app-inspector::main $argv
`;

function readme(): string {
  const lines = ['Metakit Inspector sample starkit', '', 'This file tree is stored the way Tcl starkits store theirs: one row per directory,'];
  lines.push('a subview of files per directory, and file contents zlib-compressed where that helps.', '');
  for (let i = 1; i <= 200; i++) lines.push(`${String(i).padStart(3, '0')}: the quick brown fox jumps over the lazy dog; line ${i} of the README.`);
  return `${lines.join('\n')}\n`;
}

function stored(content: Uint8Array, date: number, name: string): { name: string; size: number; date: number; contents: Uint8Array } {
  const packed = deflateSync(content, { level: 9 });
  return { name, size: content.length, date, contents: packed.length < content.length ? packed : content };
}

export function writeStarkit(out: string, iconPng: Uint8Array): void {
  const tmp = `${out}.tmp`;
  rmSync(tmp, { force: true });
  const store = new FileByteStore(tmp, { writable: true, create: true });
  const db = WritableStorage.open(store, { mode: 'readwrite', durable: false });
  const dirs = db.getAs(STARKIT_LAYOUT);
  if (!dirs) throw new Error(`getAs(${STARKIT_LAYOUT}) returned no view`);
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  const t0 = 1_700_000_000;
  dirs.append({ name: '<root>', parent: -1, files: [stored(text(MAIN_TCL), t0, 'main.tcl'), stored(text(readme()), t0 + 60, 'README.txt')] });
  dirs.append({ name: 'lib', parent: 0, files: [] });
  dirs.append({
    name: 'app-inspector', parent: 1,
    files: [
      stored(text('package ifneeded app-inspector 1.0 [list source [file join $dir inspector.tcl]]\n'), t0 + 120, 'pkgIndex.tcl'),
      stored(text(`namespace eval app-inspector {\n${'    proc main {argv} { puts "inspecting $argv" }\n'.repeat(40)}}\n`), t0 + 180, 'inspector.tcl'),
      stored(iconPng, t0 + 240, 'icon.png'),
    ],
  });
  db.commit();
  db.close();
  renameSync(tmp, out);
}

if (process.argv[1]?.endsWith('make-starkit.ts')) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: make-starkit.ts OUT');
  writeStarkit(out, readFileSync(join(import.meta.dirname, '..', 'build', 'icon.png')));
  console.log(`wrote ${out}`);
}
