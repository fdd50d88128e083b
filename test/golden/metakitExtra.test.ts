/**
 * issue 13.4, read what Metakit reads: the metakit-extra cases written by Metakit 2.4.9.8 (a column
 * whose stored type letter Metakit does not know, relabelled through the corpus runner's `patch` op)
 * dump exactly as Metakit shows them; the column is an int flagged as unknown; our writer commits such
 * a file byte for byte as Metakit does (the letter kept, the column an int).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dumpToString } from '../../engine/core/analysis/dump.js';
import { Storage } from '../../engine/core/read/storage.js';
import { layoutOfFields, type Field } from '../../engine/core/read/structure.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { openWritableFile } from '../../engine/node/openWritable.js';
import { ROOT } from '../helpers/cli.js';
import { fileSize, type CorpusCase } from '../helpers/corpus.js';
import { extraCases } from '../helpers/metakitExtra.js';

const cases = extraCases();
const byName = new Map(cases.map((c) => [c.name, c]));
const SCRATCH = join(ROOT, '.test-build', 'metakit-extra');

function open(c: CorpusCase): Storage {
  return Storage.open(new FileByteStore(c.mainPath));
}

function get(name: string): CorpusCase {
  const c = byName.get(name);
  if (!c) throw new Error(`no metakit-extra case ${name}`);
  return c;
}

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe('issue 13.4: metakit-extra cases (unknown type letters)', () => {
  it('has the five unknown-type cases', () => {
    expect(cases.map((c) => c.name)).toEqual(['unknown-type', 'unknown-type-lowercase', 'unknown-type-nested', 'unknown-type-rw', 'unknown-type-wide']);
  });

  for (const c of cases) {
    it(`${c.name}: dump equals Metakit's expected.json`, () => {
      const storage = open(c);
      try {
        expect(dumpToString(storage, { main: c.expected.main, mainSize: fileSize(c.mainPath) })).toBe(c.expectedText);
      } finally {
        storage.close();
      }
    });
  }

  it('t[x:Q] is an I column that remembers its stored letter', () => {
    const storage = open(get('unknown-type'));
    try {
      const t = storage.view('t');
      expect(t.fields[0]).toMatchObject({ name: 'x', type: 'I', declared: 'Q', unknownType: true });
      expect([0, 1, 2].map((r) => t.getInt(r, 'x'))).toEqual([-1, 127, -128]);
      expect(Array.from(t.ints('x'))).toEqual([-1, 127, -128]);
      expect(t.description).toBe('x:Q');
      expect(layoutOfFields(t.fields)).toBe('x:Q');
    } finally {
      storage.close();
    }
  });

  it('a lower-case unknown letter is upper-cased as Metakit does (x:z is shown and kept as x:Z)', () => {
    const storage = open(get('unknown-type-lowercase'));
    try {
      expect(readFileSync(get('unknown-type-lowercase').mainPath).includes(Buffer.from('x:z]'))).toBe(true);
      expect(storage.view('t').fields[0]).toMatchObject({ type: 'I', declared: 'Z', unknownType: true });
    } finally {
      storage.close();
    }
  });

  it('unknown letters in a subview and beside known ones; a 64-bit column reads its low 32 bits', () => {
    const nested = open(get('unknown-type-nested'));
    const wide = open(get('unknown-type-wide'));
    try {
      const v = nested.view('v');
      expect(v.fields.map((f) => `${f.name}:${f.type}${f.unknownType ? `(${f.declared})` : ''}`)).toEqual(['name:S', 'n:I(Y)', 'sub:V']);
      const sub = (v.fields[2] as Field).fields;
      expect(sub[1]).toMatchObject({ name: 'w', type: 'I', declared: 'Q', unknownType: true });
      expect(v.getView(2, 'sub').getInt(0, 'w')).toBe(-40000);
      // 99999999999 = 0x17_4876E7FF: Metakit shows the low half, 0x4876E7FF.
      expect(Array.from(wide.view('t').ints('x'))).toEqual([1, -2, 300, -5, 0x4876e7ff]);
    } finally {
      nested.close();
      wide.close();
    }
  });

  it('our writer commits a set and an append to t[x:Q] byte for byte as Metakit did (unknown-type-rw)', () => {
    mkdirSync(SCRATCH, { recursive: true });
    const path = join(SCRATCH, 'data.mk');
    copyFileSync(get('unknown-type').mainPath, path);
    const live = openWritableFile(path, { mode: 'readwrite' });
    try {
      const t = live.view('t');
      t.set(0, { x: 1000 });
      t.append({ x: 7 });
      expect(live.commit()).toBe(true);
    } finally {
      live.close();
    }
    expect(readFileSync(path).equals(readFileSync(get('unknown-type-rw').mainPath))).toBe(true);
  });
});
