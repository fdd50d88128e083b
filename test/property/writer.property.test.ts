/**
 * Property test of the writer: random sequences of getAs (restructure), append, insert, set, delete,
 * commit, rollback and reopen (readwrite or extend) against a plain in-memory model. After every
 * reopen the file read back (by the read-only reader and by a writable storage) equals the model of
 * the last commit. Runs: MK_PROPERTY_RUNS (CI default 200; `npm run test:property` 5000).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { Storage } from '../../engine/core/read/storage.js';
import { parseLayout, type Field } from '../../engine/core/read/structure.js';
import { WritableStorage } from '../../engine/core/write/writableStorage.js';
import { cloneModel, defaultValue, modelRows, readModel, type Model, type ModelRow, type ModelValue } from '../helpers/model.js';

const RUNS = Number(process.env.MK_PROPERTY_RUNS ?? 200);

/** Each property name always has the same type, so layouts differ only by which properties exist. */
const POOL: Record<string, string> = { i: 'I', l: 'L', f: 'F', d: 'D', s: 'S', b: 'B', k: 'I' };
const SUB = 'sub[x:I,y:S]';

const f32 = (x: number): number => Math.fround(x);

const intArb = fc.oneof(fc.integer({ min: -3, max: 20 }), fc.integer(), fc.constantFrom(-2147483648, 2147483647, 127, -128, 32767, -32769));
const valueArb: Record<string, fc.Arbitrary<ModelValue>> = {
  I: intArb,
  L: fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
  F: fc.double({ noNaN: true }).map(f32),
  D: fc.oneof(fc.double(), fc.constantFrom(0, -0, Infinity, NaN)),
  S: fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }).map((s) => s.replaceAll('\0', '')), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.nat(3).map((n) => 'x'.repeat([150, 600, 10_001, 20][n] as number))),
  B: fc.oneof(fc.uint8Array({ maxLength: 20 }), fc.nat(2).map((n) => new Uint8Array([200, 1200, 12_000][n] as number).fill(n + 7))),
};

type Op =
  | { kind: 'layout'; view: string; props: string[]; sub: boolean }
  | { kind: 'drop'; view: string }
  | { kind: 'append'; view: string; row: Record<string, ModelValue> }
  | { kind: 'insert'; view: string; at: number; count: number }
  | { kind: 'set'; view: string; at: number; row: Record<string, ModelValue> }
  | { kind: 'delete'; view: string; at: number; count: number }
  | { kind: 'subappend'; view: string; at: number; row: { x: number; y: string } }
  | { kind: 'commit' }
  | { kind: 'rollback' }
  | { kind: 'reopen'; mode: 'readwrite' | 'extend' };

const viewName = fc.constantFrom('a', 'b');
const rowArb = fc.dictionary(fc.constantFrom(...Object.keys(POOL)), fc.constant(0)).chain((keys) => {
  const entries = Object.keys(keys).map((k) => valueArb[POOL[k] as string]!.map((v) => [k, v] as const));
  return fc.tuple(...entries).map((kv) => Object.fromEntries(kv) as Record<string, ModelValue>);
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('layout' as const), view: viewName, props: fc.subarray(Object.keys(POOL), { minLength: 1 }), sub: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), view: viewName }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('append' as const), view: viewName, row: rowArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), view: viewName, at: fc.nat(30), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), view: viewName, at: fc.nat(30), row: rowArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), view: viewName, at: fc.nat(30), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('subappend' as const), view: viewName, at: fc.nat(30), row: fc.record({ x: intArb, y: valueArb.S as fc.Arbitrary<string> }) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'commit' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'rollback' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reopen' as const), mode: fc.constantFrom('readwrite' as const, 'extend' as const) }) },
);

function layoutOf(name: string, props: string[], sub: boolean): string {
  return `${name}[${[...props.map((p) => `${p}:${POOL[p]}`), ...(sub ? [SUB] : [])].join(',')}]`;
}

function comparable(rows: Record<string, ModelRow[]>): unknown {
  return JSON.parse(JSON.stringify(rows, (_k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (v instanceof Uint8Array) return `hex:${Buffer.from(v).toString('hex')}`;
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Inf' : v === -Infinity ? '-Inf' : v;
    return v;
  }));
}

function applyToModel(m: Model, op: Op): void {
  const v = 'view' in op ? m.get(op.view) : undefined;
  switch (op.kind) {
    case 'layout': {
      const fields = parseLayout(layoutOf(op.view, op.props, op.sub)).fields as Field[];
      const rows = (v?.rows ?? []).map((r) => Object.fromEntries(fields.map((f) => [f.name, r[f.name] ?? defaultValue(f)])));
      m.set(op.view, { fields, rows });
      return;
    }
    case 'drop': m.delete(op.view); return;
    case 'append': {
      if (!v) return;
      v.rows.push(Object.fromEntries(v.fields.map((f) => [f.name, f.name in op.row ? (op.row[f.name] as ModelValue) : defaultValue(f)])));
      return;
    }
    case 'insert': {
      if (!v || op.at > v.rows.length) return;
      const fresh = Array.from({ length: op.count }, () => Object.fromEntries(v.fields.map((f) => [f.name, defaultValue(f)])));
      v.rows.splice(op.at, 0, ...fresh);
      return;
    }
    case 'set': {
      if (!v || op.at >= v.rows.length) return;
      const row = v.rows[op.at] as ModelRow;
      for (const [k, val] of Object.entries(op.row)) if (k in row) row[k] = val;
      return;
    }
    case 'delete': {
      if (!v || op.at >= v.rows.length) return;
      v.rows.splice(op.at, Math.min(op.count, v.rows.length - op.at));
      return;
    }
    case 'subappend': {
      if (!v || op.at >= v.rows.length || !v.fields.some((f) => f.name === 'sub')) return;
      ((v.rows[op.at] as ModelRow).sub as ModelRow[]).push({ x: op.row.x, y: op.row.y });
      return;
    }
    default: return;
  }
}

function applyToEngine(db: WritableStorage, op: Op): void {
  const has = 'view' in op && db.hasView(op.view);
  switch (op.kind) {
    case 'layout': db.getAs(layoutOf(op.view, op.props, op.sub)); return;
    case 'drop': if (has) db.getAs(op.view); return;
    case 'append': {
      if (!has) return;
      const v = db.view(op.view);
      v.append(Object.fromEntries(Object.entries(op.row).filter(([k]) => v.propertyIndex(k) >= 0)));
      return;
    }
    case 'insert': if (has && op.at <= db.view(op.view).rowCount) db.view(op.view).insert(op.at, op.count); return;
    case 'set': {
      if (!has) return;
      const v = db.view(op.view);
      if (op.at < v.rowCount) v.set(op.at, Object.fromEntries(Object.entries(op.row).filter(([k]) => v.propertyIndex(k) >= 0)));
      return;
    }
    case 'delete': {
      if (!has) return;
      const v = db.view(op.view);
      if (op.at < v.rowCount) v.delete(op.at, Math.min(op.count, v.rowCount - op.at));
      return;
    }
    case 'subappend': {
      if (!has) return;
      const v = db.view(op.view);
      if (op.at < v.rowCount && v.propertyIndex('sub') >= 0) v.getView(op.at, 'sub').append(op.row);
      return;
    }
    default: return;
  }
}

describe('writer round trips (fast-check)', () => {
  it(`random op sequences equal a plain model after every reopen (${RUNS} runs)`, () => {
    let reopens = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 50 }), fc.constantFrom(...Object.keys(POOL)), (rest, firstProp) => {
        const ops: Op[] = [{ kind: 'layout', view: 'a', props: [firstProp, 's'], sub: true }, ...rest];
        let bytes: Uint8Array = new Uint8Array(0);
        let store = new MemoryByteStore(bytes);
        let db = WritableStorage.open(store, { mode: 'readwrite', durable: false });
        let model: Model = new Map();
        let committed: Model = new Map();
        for (const op of ops) {
          if (op.kind === 'commit') {
            db.commit();
            committed = cloneModel(model);
          } else if (op.kind === 'rollback') {
            db.rollback();
            model = cloneModel(committed);
          } else if (op.kind === 'reopen') {
            db.commit();
            committed = cloneModel(model);
            bytes = store.bytes();
            const reader = Storage.open(new MemoryByteStore(bytes, { writable: false }));
            expect(comparable(readModel(reader))).toEqual(comparable(modelRows(committed)));
            store = new MemoryByteStore(bytes);
            db = WritableStorage.open(store, { mode: op.mode, durable: false });
            expect(comparable(readModel(db))).toEqual(comparable(modelRows(committed)));
            reopens++;
          } else {
            applyToEngine(db, op);
            applyToModel(model, op);
          }
        }
        db.commit();
        const reader = Storage.open(new MemoryByteStore(store.bytes(), { writable: false }));
        expect(comparable(readModel(reader))).toEqual(comparable(modelRows(model)));
      }),
      { numRuns: RUNS },
    );
    console.log(`property: ${RUNS} random sequences, ${reopens} reopens compared with the model`);
  }, 600_000);
});
