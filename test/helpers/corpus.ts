/**
 * The fixtures written by the reference C++ Metakit 2.4.9.8: the corpus, and the replay scenarios
 * (test/fixtures/replay-scenarios, same case layout): listing and loading cases.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dumpToString } from '../../engine/core/analysis/dump.js';
import { Storage } from '../../engine/core/read/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'fixtures', 'corpus');
export const REPLAY_SCENARIOS_DIR = join(import.meta.dirname, '..', 'fixtures', 'replay-scenarios');

export interface Expected {
  metakit: string;
  main: string;
  aside?: string;
  endOfData: number | { error: string };
  sizes: { main: number; aside?: number };
  views?: { name: string; layout: string; rows: unknown[] }[];
  error?: string;
  note?: string;
}

export interface CorpusCase {
  name: string;
  dir: string;
  expectedText: string;
  expected: Expected;
  mainPath: string;
  asidePath?: string;
  ops?: unknown[];
}

export function corpusCases(root = CORPUS_DIR): CorpusCase[] {
  return readdirSync(root)
    .filter((d) => existsSync(join(root, d, 'expected.json')))
    .sort()
    .map((name) => loadCase(name, root));
}

export function loadCase(name: string, root = CORPUS_DIR): CorpusCase {
  const dir = join(root, name);
  const expectedText = readFileSync(join(dir, 'expected.json'), 'utf8');
  const expected = JSON.parse(expectedText) as Expected;
  const c: CorpusCase = { name, dir, expectedText, expected, mainPath: join(dir, expected.main) };
  if (expected.aside) c.asidePath = join(dir, expected.aside);
  const opsPath = join(dir, 'ops.json');
  if (existsSync(opsPath)) c.ops = JSON.parse(readFileSync(opsPath, 'utf8')) as unknown[];
  return c;
}

export function fileSize(path: string): number {
  return statSync(path).size;
}

/** Bits of bytes Metakit filled with uninitialised memory, per `case/file`. */
export function nondeterministicBytes(root = CORPUS_DIR): Record<string, { offset: number; mask: string }[]> {
  return JSON.parse(readFileSync(join(root, 'nondeterministic-bytes.json'), 'utf8')) as Record<string, { offset: number; mask: string }[]>;
}

/**
 * Our reader's dump of a case's files in the expected.json schema: the files in `dir` (default: the
 * case's own folder; a replay puts its copies elsewhere), read with the aside when the case has one.
 */
export function dumpCase(c: CorpusCase, dir = c.dir): string {
  const mainPath = join(dir, c.expected.main);
  const asidePath = c.expected.aside ? join(dir, c.expected.aside) : undefined;
  const aside = asidePath ? Storage.open(new FileByteStore(asidePath)) : undefined;
  const storage = Storage.open(new FileByteStore(mainPath), { aside });
  try {
    return dumpToString(storage, {
      main: c.expected.main,
      aside: c.expected.aside,
      mainSize: fileSize(mainPath),
      asideSize: asidePath ? fileSize(asidePath) : undefined,
    });
  } finally {
    storage.close();
  }
}
