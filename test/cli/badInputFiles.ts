/** The awkward inputs of badInput.test.ts, made in a scratch folder another user can enter. */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, mkdirSync, openSync, writeSync, ftruncateSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CORPUS_DIR } from '../helpers/corpus.js';

/** The user the permission rows run as when the tests run as root (`nobody` on Debian). */
export const NOBODY = 65534;

export interface BadInputs {
  dir: string;
  /** Where output files would go (must stay empty of them). */
  out: string;
  /** A real Metakit file (corpus aside-4's main.mk) and its aside, under other names. */
  valid: string;
  validAside: string;
  directory: string;
  fifo: string;
  /** A copy of `valid` with mode 000. */
  unreadable: string;
  /** 0 bytes, named data.mk so `dump --json` equals the corpus case empty-storage. */
  empty: string;
  /** 64 MiB, sparse: random first and last 4 KiB, no Metakit header anywhere. */
  huge: string;
}

/** A sparse file of `size` bytes with random bytes at both ends. */
export function sparseForeignFile(path: string, size: number): void {
  const fd = openSync(path, 'w');
  try {
    // 'PK' first: a zip-like start; random bytes may not form a Metakit header ("JL\x1a\0"/"LJ\x1a\0").
    const head = Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(4092)]);
    writeSync(fd, head, 0, head.length, 0);
    ftruncateSync(fd, size);
    const tail = randomBytes(4096);
    writeSync(fd, tail, 0, tail.length, size - tail.length);
  } finally {
    closeSync(fd);
  }
}

export function makeBadInputs(dir: string): BadInputs {
  chmodSync(dir, 0o755);
  const f: BadInputs = {
    dir,
    out: join(dir, 'out'),
    valid: join(dir, 'valid.mk'),
    validAside: join(dir, 'valid-aside.mka'),
    directory: join(dir, 'folder.mk'),
    fifo: join(dir, 'fifo.mk'),
    unreadable: join(dir, 'secret.mk'),
    empty: join(dir, 'empty', 'data.mk'),
    huge: join(dir, 'huge.bin'),
  };
  mkdirSync(f.out, { mode: 0o777 });
  chmodSync(f.out, 0o777);
  copyFileSync(join(CORPUS_DIR, 'aside-4', 'main.mk'), f.valid);
  copyFileSync(join(CORPUS_DIR, 'aside-4', 'aside.mka'), f.validAside);
  mkdirSync(f.directory);
  const made = spawnSync('mkfifo', [f.fifo], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
  copyFileSync(f.valid, f.unreadable);
  chmodSync(f.unreadable, 0o000);
  mkdirSync(join(dir, 'empty'));
  closeSync(openSync(f.empty, 'w'));
  sparseForeignFile(f.huge, 64 << 20);
  return f;
}
