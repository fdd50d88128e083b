/**
 * Property test of the delta aside writer: a main file with a random view (ints of every width, F, L,
 * D, short and memo-sized S/B, a subview) is opened read-only with an aside in extend mode, then random
 * sequences of appends, inserts, sets, deletes, subview appends and restructures are committed into the
 * aside as delta diffs (each checked against its column as it is written), with reopens in between.
 * After every reopen main + aside, read by the read-only reader and by a reopened writer, equal a plain
 * model; at the end the aside still holds one diff per column (never more rows than columns + 1).
 * Runs: MK_PROPERTY_RUNS (CI default 200; `npm run test:property` 5000).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { Storage } from '../../engine/core/read/storage.js';
import { parseLayout, type Field } from '../../engine/core/read/structure.js';
import { WritableStorage } from '../../engine/core/write/writableStorage.js';
import { cloneModel, defaultValue, modelRows, readModel, type Model, type ModelRow, type ModelValue } from '../helpers/model.js';

const RUNS = Number(process.env.MK_PROPERTY_RUNS ?? 200);

const LAYOUT = 't[i:I,w:I,f:F,l:L,d:D,s:S,b:B,sub[x:I,y:S]]';
const f32 = (x: number): number => Math.fround(x);

/** `i` stays small (sub-byte and 8-bit widths); `w` takes any int, so widths grow. */
const valueArb: Record<string, fc.Arbitrary<ModelValue>> = {
  i: fc.integer({ min: 0, max: 15 }),
  w: fc.oneof(fc.integer({ min: -128, max: 127 }), fc.integer(), fc.integer({ min: -40000, max: 40000 })),
  f: fc.double({ noNaN: true }).map(f32),
  l: fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
  d: fc.double({ noNaN: true }),
  s: fc.oneof(fc.string({ maxLength: 12 }).map((s) => s.replaceAll('\0', '')), fc.nat(2).map((n) => 'm'.repeat([150, 700, 10_050][n] as number))),
  b: fc.oneof(fc.uint8Array({ maxLength: 24 }), fc.nat(1).map((n) => new Uint8Array([300, 12_000][n] as number).fill(n + 3))),
};
/** A row setting some of the properties. */
const rowArb: fc.Arbitrary<Record<string, ModelValue>> = fc
  .subarray(Object.keys(valueArb))
  .chain((keys) => fc.tuple(...keys.map((k) => (valueArb[k] as fc.Arbitrary<ModelValue>).map((v) => [k, v] as const))))
  .map((kv) => Object.fromEntries(kv));

type Op =
  | { kind: 'append'; row: Record<string, ModelValue> }
  | { kind: 'insert'; at: number; count: number }
  | { kind: 'set'; at: number; row: Record<string, ModelValue> }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'subappend'; at: number; x: number; y: string }
  | { kind: 'addprop' }
  | { kind: 'commit' }
  | { kind: 'reopen' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('append' as const), row: rowArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(80), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(80), row: rowArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(80), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('subappend' as const), at: fc.nat(80), x: fc.integer(), y: fc.string({ maxLength: 6 }).map((s) => s.replaceAll('\0', '')) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'addprop' as const }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'commit' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'reopen' as const }) },
);

function comparable(rows: Record<string, ModelRow[]>): unknown {
  return JSON.parse(JSON.stringify(rows, (_k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (v instanceof Uint8Array) return `hex:${Buffer.from(v).toString('hex')}`;
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : v;
    return v;
  }));
}

function withDefaults(fields: readonly Field[], values: Record<string, ModelValue>): ModelRow {
  return Object.fromEntries(fields.map((f) => [f.name, f.name in values ? (values[f.name] as ModelValue) : defaultValue(f)]));
}

/** Applies `op` to the writer and the model alike (ops that do not fit the current rows do nothing). */
function apply(db: WritableStorage, m: Model, op: Op): void {
  const v = db.view('t');
  const mv = m.get('t') as { fields: Field[]; rows: ModelRow[] };
  const known = (row: Record<string, ModelValue>): Record<string, ModelValue> => Object.fromEntries(Object.entries(row).filter(([k]) => mv.fields.some((f) => f.name === k)));
  switch (op.kind) {
    case 'append':
      v.append(known(op.row));
      mv.rows.push(withDefaults(mv.fields, known(op.row)));
      return;
    case 'insert':
      if (op.at > mv.rows.length) return;
      v.insert(op.at, op.count);
      mv.rows.splice(op.at, 0, ...Array.from({ length: op.count }, () => withDefaults(mv.fields, {})));
      return;
    case 'set':
      if (op.at >= mv.rows.length) return;
      v.set(op.at, known(op.row));
      Object.assign(mv.rows[op.at] as ModelRow, known(op.row));
      return;
    case 'delete': {
      if (op.at >= mv.rows.length) return;
      const n = Math.min(op.count, mv.rows.length - op.at);
      v.delete(op.at, n);
      mv.rows.splice(op.at, n);
      return;
    }
    case 'subappend':
      if (op.at >= mv.rows.length) return;
      v.getView(op.at, 'sub').append({ x: op.x, y: op.y });
      ((mv.rows[op.at] as ModelRow).sub as ModelRow[]).push({ x: op.x, y: op.y });
      return;
    case 'addprop': {
      if (mv.fields.some((f) => f.name === 'n')) return;
      db.getAs(`${LAYOUT.slice(0, -1)},n:I]`);
      mv.fields = parseLayout(`${LAYOUT.slice(0, -1)},n:I]`).fields as Field[];
      for (const r of mv.rows) r.n = 0;
      return;
    }
    default:
      return;
  }
}

interface Pair {
  db: WritableStorage;
  dba: WritableStorage;
  asideStore: MemoryByteStore;
}

function openPair(main: Uint8Array, aside: Uint8Array): Pair {
  const asideStore = new MemoryByteStore(aside);
  const dba = WritableStorage.open(asideStore, { mode: 'extend', durable: false });
  const db = WritableStorage.open(new MemoryByteStore(main, { writable: false }), { mode: 'read', asideDiffs: 'delta', verifyAsideDiffs: true });
  db.setAside(dba);
  return { db, dba, asideStore };
}

describe('delta aside writer round trips (fast-check)', () => {
  it(`random edits committed as delta diffs read back as the model after every reopen (${RUNS} runs)`, () => {
    let reopens = 0;
    let commits = 0;
    let deltas = 0;
    let chunks = 0;
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), fc.array(opArb, { minLength: 5, maxLength: 40, size: 'max' }), (initial, ops) => {
        // The main file, written once in read-write mode; it is only read from then on.
        const mainStore = new MemoryByteStore();
        const m0 = WritableStorage.open(mainStore, { mode: 'readwrite', durable: false });
        const t0 = m0.getAs(LAYOUT);
        const fields = parseLayout(LAYOUT).fields as Field[];
        const model: Model = new Map([['t', { fields, rows: [] }]]);
        for (const r of initial) {
          t0?.append(r);
          (model.get('t') as { rows: ModelRow[] }).rows.push(withDefaults(fields, r));
        }
        m0.commit();
        const main = mainStore.bytes();
        let committed = cloneModel(model);

        let p = openPair(main, new Uint8Array(0));
        const check = (): void => {
          const aside = p.asideStore.bytes();
          const reader = Storage.open(new MemoryByteStore(main, { writable: false }), { aside: Storage.open(new MemoryByteStore(aside, { writable: false })) });
          expect(comparable(readModel(reader))).toEqual(comparable(modelRows(committed)));
          p = openPair(main, aside);
          expect(comparable(readModel(p.db))).toEqual(comparable(modelRows(committed)));
          reopens++;
        };
        for (const op of ops) {
          if (op.kind === 'commit' || op.kind === 'reopen') {
            p.db.commit();
            p.dba.commit();
            commits++;
            committed = cloneModel(model);
            if (op.kind === 'reopen') check();
          } else apply(p.db, model, op);
        }
        p.db.commit();
        p.dba.commit();
        committed = cloneModel(model);
        check();
        // One diff per column: t's value columns (S/B count data + sizes; a memo walk and memos may
        // add some), the subview columns, the root walk; never a new set per commit.
        const a = Storage.open(new MemoryByteStore(p.asideStore.bytes(), { writable: false }));
        const diffs = a.view('_C');
        expect(diffs.rowCount).toBeLessThanOrEqual(64);
        for (let r = 0; r < diffs.rowCount; r++) {
          if (diffs.getInt(r, '_O') > 0) deltas++;
          chunks += diffs.getView(r, '_D').rowCount;
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`delta property: ${RUNS} random sequences, ${commits} aside commits, ${reopens} reopens compared with the model; final asides hold ${deltas} diffs over a base, ${chunks} chunks`);
    // The runs must exercise real deltas, not only whole-column diffs.
    expect(deltas).toBeGreaterThan(RUNS);
  }, 900_000);
});
