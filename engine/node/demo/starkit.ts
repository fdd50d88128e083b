/**
 * The demo's starkit-like file tree, laid out as Tcl's mk4vfs lays out a starkit:
 * `dirs[name:S,parent:I,files[name:S,size:I,date:I,contents:B]]`, row 0 the root (parent -1),
 * `size` the file's real size and `contents` its zlib-deflated bytes (node:zlib deflateSync, the
 * format mk4vfs decompresses), or the raw bytes when deflating would not make them smaller — mk4vfs
 * tells the two apart by comparing the stored length with `size`. Scripts are real-looking Tcl; the
 * binary files are a valid PNG and a block of seeded pseudo-random bytes (large enough to be a memo).
 */
import { deflateSync } from 'node:zlib';
import { DemoRandom } from './random.js';
import { TCL_FILES } from './tclFiles.js';

export const DIRS_LAYOUT = 'dirs[name:S,parent:I,files[name:S,size:I,date:I,contents:B]]';

export interface StarkitFile {
  name: string;
  size: number;
  /** Seconds since 1970 (mk4vfs stores `file mtime`). */
  date: number;
  contents: Uint8Array;
}

export interface StarkitDir {
  name: string;
  parent: number;
  files: StarkitFile[];
}

/** 2023-11-14T22:13:20Z, the tree's oldest mtime. */
const EPOCH = 1_700_000_000;

function stored(bytes: Uint8Array): Uint8Array {
  // level 9 and default strategy, fixed: the output is the same on every run of one Node build.
  const z = new Uint8Array(deflateSync(bytes, { level: 9 }));
  return z.length < bytes.length ? z : bytes;
}

function file(name: string, content: Uint8Array, age: number): StarkitFile {
  return { name, size: content.length, date: EPOCH + age * 3613, contents: stored(content) };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A 48x48 RGB PNG: a diagonal gradient with a ring, deterministic. */
export function demoPng(): Uint8Array {
  const w = 48;
  const h = 48;
  const raw = new Uint8Array(h * (1 + w * 3));
  for (let y = 0; y < h; y++) {
    const row = y * (1 + w * 3);
    for (let x = 0; x < w; x++) {
      const d = Math.hypot(x - 24, y - 24);
      const ring = d > 14 && d < 19;
      raw[row + 1 + x * 3] = ring ? 0xf0 : (x * 5) & 0xff;
      raw[row + 2 + x * 3] = ring ? 0x90 : (y * 5) & 0xff;
      raw[row + 3 + x * 3] = ring ? 0x20 : 0x80;
    }
  }
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, w);
  dv.setUint32(4, h);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', new Uint8Array(deflateSync(raw, { level: 9 }))), chunk('IEND', new Uint8Array(0))];
  return new Uint8Array(Buffer.concat(parts));
}

/** Seeded bytes that do not compress: stored raw, and big enough (> 10,000 bytes) to be a memo. */
function noise(length: number, seed: number): Uint8Array {
  const rnd = new DemoRandom(seed);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 4) {
    const v = rnd.next();
    out[i] = v & 0xff;
    out[i + 1] = (v >>> 8) & 0xff;
    out[i + 2] = (v >>> 16) & 0xff;
    out[i + 3] = v >>> 24;
  }
  return out;
}

const utf8 = new TextEncoder();

export function starkitTree(): StarkitDir[] {
  const text = (name: keyof typeof TCL_FILES): Uint8Array => utf8.encode(TCL_FILES[name]);
  return [
    { name: '<root>', parent: -1, files: [file('main.tcl', text('main.tcl'), 0), file('README.txt', text('README.txt'), 1)] },
    { name: 'lib', parent: 0, files: [] },
    {
      name: 'app-demo',
      parent: 1,
      files: [file('pkgIndex.tcl', text('app-demo/pkgIndex.tcl'), 2), file('demo.tcl', text('app-demo/demo.tcl'), 5), file('browse.tcl', text('app-demo/browse.tcl'), 7)],
    },
    { name: 'images', parent: 2, files: [file('logo.png', demoPng(), 3)] },
    { name: 'data', parent: 2, files: [file('sample.bin', noise(24_576, 4242), 4), file('empty.dat', new Uint8Array(0), 4)] },
    { name: 'msgs', parent: 2, files: [file('de.msg', text('app-demo/msgs/de.msg'), 6), file('fr.msg', text('app-demo/msgs/fr.msg'), 6)] },
    { name: 'json', parent: 1, files: [file('pkgIndex.tcl', text('json/pkgIndex.tcl'), 8), file('json.tcl', text('json/json.tcl'), 9)] },
  ];
}
