/** The corpus fixtures (written by the reference C++ Metakit 2.4.9.8): listing and loading cases. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'fixtures', 'corpus');

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

export function corpusCases(): CorpusCase[] {
  return readdirSync(CORPUS_DIR)
    .filter((d) => existsSync(join(CORPUS_DIR, d, 'expected.json')))
    .sort()
    .map((name) => loadCase(name));
}

export function loadCase(name: string): CorpusCase {
  return loadCaseFrom(CORPUS_DIR, name);
}

/** A case folder (expected.json, ops.json, data files) under `root`: the corpus or metakit-extra. */
export function loadCaseFrom(root: string, name: string): CorpusCase {
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
export function nondeterministicBytes(): Record<string, { offset: number; mask: string }[]> {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'nondeterministic-bytes.json'), 'utf8')) as Record<string, { offset: number; mask: string }[]>;
}
