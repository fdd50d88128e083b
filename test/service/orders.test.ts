/**
 * Sorting and filtering: the radix order against a comparator sort (fast-check), computeOrder on every
 * column type of real corpus files against a brute-force reference, and the worker path through the
 * service with job events, cancellation and argument errors.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Storage } from '../../engine/core/read/storage.js';
import type { View } from '../../engine/core/read/view.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import type { DocumentService } from '../../electron/service/documentService.js';
import { computeOrder } from '../../electron/service/permutation/compute.js';
import { radixOrder } from '../../electron/service/permutation/radix.js';
import type { FilterSpec, JobInfo } from '../../electron/shared/dto.js';
import { createDocumentService } from '../../electron/service/documentService.js';
import { spawnOrderWorker } from '../../electron/service/permutation/workerPool.js';
import { corpusFile, errorOf, newService, top, unwrap } from '../helpers/service.js';

const RUNS = Number(process.env.MK_PROPERTY_RUNS ?? 200);

describe('radixOrder', () => {
  it('orders like a stable comparator sort (1 and 2 key words)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => [a >>> 0, b >>> 0] as const), { maxLength: 300 }), fc.boolean(), (pairs, two) => {
      const n = pairs.length;
      // Few distinct values, so ties (stability) are exercised.
      const hi = Uint32Array.from(pairs, (p) => (p[0] % 7) * 0x10001);
      const lo = Uint32Array.from(pairs, (p) => p[1] % 5 === 0 ? 0xffffffff : p[1]);
      const words = two ? [hi, lo] : [hi];
      const got = Array.from(radixOrder(words, n));
      const want = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
        for (const w of words) if (w[a] !== w[b]) return (w[a] as number) < (w[b] as number) ? -1 : 1;
        return a - b;
      });
      expect(got).toEqual(want);
    }), { numRuns: RUNS });
  });
});

function open(caseName: string, file = 'data.mk'): Storage {
  return Storage.open(new FileByteStore(corpusFile(caseName, file)));
}

const utf8 = new TextEncoder();
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/** The value a column sorts by, and its order, from the engine's plain cell access. */
function reference(view: View, p: number, desc: boolean): number[] {
  const type = view.fields[p]?.type;
  const n = view.rowCount;
  const key = (r: number): number | bigint | Uint8Array => {
    switch (type) {
      case 'I': return view.getInt(r, p);
      case 'F': return view.getFloat(r, p);
      case 'D': return view.getDouble(r, p);
      case 'L': return view.getLong(r, p);
      case 'S': return utf8.encode(view.getString(r, p));
      case 'B': return view.getSize(r, p);
      default: return view.getViewSize(r, p);
    }
  };
  const cmp = (a: number | bigint | Uint8Array, b: number | bigint | Uint8Array): number => {
    if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytes(a, b);
    if (typeof a === 'number' && typeof b === 'number') {
      if (Number.isNaN(a) || Number.isNaN(b)) return 0; // handled by the caller: NaN always last
      if (a === 0 && b === 0) return (Object.is(a, -0) ? 0 : 1) - (Object.is(b, -0) ? 0 : 1);
      return a < b ? -1 : a > b ? 1 : 0;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const keys = Array.from({ length: n }, (_, r) => key(r));
  const isNaN = (k: unknown): boolean => typeof k === 'number' && Number.isNaN(k);
  return Array.from({ length: n }, (_, r) => r).sort((a, b) => {
    const ka = keys[a] as number;
    const kb = keys[b] as number;
    if (isNaN(ka) || isNaN(kb)) return (isNaN(ka) ? 1 : 0) - (isNaN(kb) ? 1 : 0) || a - b;
    return (desc ? -cmp(ka, kb) : cmp(ka, kb)) || a - b;
  });
}

const SORT_CASES: [string, string, string?][] = [
  ['int-values', 'n'], ['long-values', 'l'], ['float-values', 'f'], ['double-values', 'd'], ['str-basic', 's'],
  ['str-long', 's'], ['bytes-values', 'b'], ['all-types', 'a'], ['nested-3', 'top'], ['multi-views', 'numbers'], ['rows-100000', 'big'],
];

describe('computeOrder', () => {
  for (const [caseName, viewName] of SORT_CASES) {
    it(`sorts every column of ${caseName}/${viewName} like a stable reference sort, both directions`, () => {
      const storage = open(caseName);
      try {
        const view = storage.view(viewName);
        for (let p = 0; p < view.fields.length; p++) {
          for (const direction of ['asc', 'desc'] as const) {
            const column = view.fields[p]?.name as string;
            const got = Array.from(computeOrder(view, { sort: { column, direction }, filters: [] }, viewName));
            expect(got, `${column} ${direction}`).toEqual(reference(view, p, direction === 'desc'));
          }
        }
      } finally {
        storage.close();
      }
    });
  }

  it('filters with every operator like a brute-force scan (rows-100000, str-basic, all-types)', () => {
    const checks: [string, string, FilterSpec[], (get: (r: number, c: string) => unknown) => (r: number) => boolean][] = [
      ['rows-100000', 'big', [{ column: 'small', op: 'eq', value: '7' }], (g) => (r) => g(r, 'small') === 7],
      ['rows-100000', 'big', [{ column: 'id', op: 'ge', value: '99990' }, { column: 'small', op: 'lt', value: '8' }], (g) => (r) => (g(r, 'id') as number) >= 99990 && (g(r, 'small') as number) < 8],
      ['rows-100000', 'big', [{ column: 'name', op: 'contains', value: 'N123' }], (g) => (r) => (g(r, 'name') as string).toLowerCase().includes('n123')],
      ['rows-100000', 'big', [{ column: 'name', op: 'regex', value: '^n9+$' }], (g) => (r) => /^n9+$/u.test(g(r, 'name') as string)],
      ['rows-100000', 'big', [{ column: 'name', op: 'startsWith', value: 'n4242' }], (g) => (r) => (g(r, 'name') as string).startsWith('n4242')],
      ['rows-100000', 'big', [{ column: 'name', op: 'gt', value: 'n99995' }], (g) => (r) => (g(r, 'name') as string) > 'n99995'],
      ['str-basic', 's', [{ column: 'v', op: 'empty', value: '' }], (g) => (r) => g(r, 'v') === ''],
      ['str-basic', 's', [{ column: 'v', op: 'contains', value: 'ÜNÏ' }], (g) => (r) => (g(r, 'v') as string).toLowerCase().includes('ünï')],
      ['all-types', 'a', [{ column: 'b', op: 'contains', value: '0f10' }], (g) => (r) => Buffer.from(g(r, 'b') as Uint8Array).toString('hex').includes('0f10')],
      ['all-types', 'a', [{ column: 'f', op: 'eq', value: 'NaN' }], (g) => (r) => Number.isNaN(g(r, 'f'))],
      ['all-types', 'a', [{ column: 'l', op: 'gt', value: '1' }], (g) => (r) => (g(r, 'l') as bigint) > 1n],
      ['all-types', 'a', [{ column: 'm', op: 'notEmpty', value: '' }], (g) => (r) => (g(r, 'm') as Uint8Array).length > 0],
      ['nested-3', 'top', [{ column: 'kids', op: 'ge', value: '1' }], (g) => (r) => (g(r, 'kids') as { rowCount: number }).rowCount >= 1],
    ];
    for (const [caseName, viewName, filters, pred] of checks) {
      const storage = open(caseName);
      try {
        const view = storage.view(viewName);
        const test = pred((r, c) => view.get(r, c));
        const want = Array.from({ length: view.rowCount }, (_, r) => r).filter(test);
        const got = Array.from(computeOrder(view, { sort: null, filters }, viewName));
        expect(got, JSON.stringify(filters)).toEqual(want);
        expect(want.length, `${JSON.stringify(filters)} should keep some rows but not all`).toBeGreaterThan(0);
      } finally {
        storage.close();
      }
    }
  });
});

describe('sorted and filtered windows through the service (worker threads)', () => {
  let service: DocumentService;
  afterEach(() => service?.dispose());

  it('maps windows through the order computed in a worker, with job progress events', async () => {
    service = newService();
    const jobs: JobInfo[] = [];
    service.subscribe((e) => { if (e.type === 'job') jobs.push(e.job); });
    const doc = unwrap(await service.openDocument({ path: corpusFile('rows-100000') }));
    const args = { docId: doc.id, path: top('big'), sort: { column: 'small', direction: 'desc' as const }, filters: [{ column: 'name', op: 'contains' as const, value: '7' }] };
    const first = unwrap(await service.getRows({ ...args, start: 0, count: 3 }));
    // small = id*7 mod 16 (rows-100000's generator): 15 for ids ≡ 9 (mod 16); ties keep row order.
    expect(first.rows.map((r) => r.cells.map((c) => (c.t === 'I' ? c.v : c.t === 'S' ? c.text : '')))).toEqual([[57, 15, 'n57'], [73, 15, 'n73'], [137, 15, 'n137']]);
    expect(first.total).toBe(Array.from({ length: 100000 }, (_, id) => `n${id}`).filter((n) => n.includes('7')).length);
    expect(first.viewRows).toBe(100000);
    const last = unwrap(await service.getRows({ ...args, start: first.total - 2, count: 10 }));
    expect(last.rows).toHaveLength(2);
    expect(last.rows.every((r) => r.cells[1]?.t === 'I' && r.cells[1].v === 0)).toBe(true);
    const states = jobs.map((j) => j.state);
    expect(states[0]).toBe('running');
    expect(states.at(-1)).toBe('done');
    expect(jobs.at(-1)).toMatchObject({ kind: 'order', docId: doc.id, done: first.total, total: first.total, title: 'big: sorting by small (descending), filtering on name' });
    // The second window reused the cached order: one job only.
    expect(new Set(jobs.map((j) => j.id)).size).toBe(1);
  });

  it('cancels a running order (cancelJob) and a superseded one, answering ABORTED', async () => {
    service = newService();
    const doc = unwrap(await service.openDocument({ path: corpusFile('rows-100000') }));
    const cancels: Promise<unknown>[] = [];
    const off = service.subscribe((e) => { if (e.type === 'job' && e.job.state === 'running' && cancels.length === 0) cancels.push(service.cancelJob({ jobId: e.job.id })); });
    const pending = service.getRows({ docId: doc.id, path: top('big'), start: 0, count: 10, sort: { column: 'name', direction: 'asc' } });
    expect(errorOf(await pending).code).toBe('ABORTED');
    expect(await cancels[0]).toEqual({ ok: true, value: null });
    off();
    const older = service.getRows({ docId: doc.id, path: top('big'), start: 0, count: 10, sort: { column: 'id', direction: 'desc' } });
    const newer = service.getRows({ docId: doc.id, path: top('big'), start: 0, count: 1, sort: { column: 'id', direction: 'asc' } });
    expect(errorOf(await older).code).toBe('ABORTED');
    expect(unwrap(await newer).rows[0]?.index).toBe(0);
    expect(errorOf(await service.cancelJob({ jobId: 'job999' })).code).toBe('BAD_ARGUMENT');
  });

  it('keeps order workers warm between requests and replaces one that was cancelled', async () => {
    let spawned = 0;
    service = createDocumentService({ version: 'test', transport: 'http', configDir: null, spawnOrderWorker: () => { spawned++; return spawnOrderWorker(); } });
    const doc = unwrap(await service.openDocument({ path: corpusFile('rows-100000') }));
    for (const column of ['id', 'small', 'name']) {
      const w = unwrap(await service.getRows({ docId: doc.id, path: top('big'), start: 0, count: 1, sort: { column, direction: 'desc' } }));
      expect(w.rows[0]?.index).toBe(column === 'small' ? 9 : 99_999);
    }
    expect(spawned).toBe(1);
    // Cancel as soon as the job is announced: deterministic, whatever the machine's speed.
    const cancels: Promise<unknown>[] = [];
    const off = service.subscribe((e) => { if (e.type === 'job' && e.job.state === 'running' && cancels.length === 0) cancels.push(service.cancelJob({ jobId: e.job.id })); });
    const pending = service.getRows({ docId: doc.id, path: top('big'), start: 0, count: 1, sort: { column: 'name', direction: 'asc' } });
    expect(errorOf(await pending).code).toBe('ABORTED');
    expect(await cancels[0]).toEqual({ ok: true, value: null });
    off();
    const after = unwrap(await service.getRows({ docId: doc.id, path: top('big'), start: 0, count: 1, sort: { column: 'id', direction: 'asc' } }));
    expect(after.rows[0]?.index).toBe(0);
    expect(spawned).toBe(2);
  });

  it('refuses filters and sorts that do not fit the view before starting any work', async () => {
    service = newService();
    const doc = unwrap(await service.openDocument({ path: corpusFile('rows-100000') }));
    const base = { docId: doc.id, path: top('big'), start: 0, count: 1 };
    expect(errorOf(await service.getRows({ ...base, filters: [{ column: 'small', op: 'contains', value: '1' }] }))).toEqual({
      code: 'BAD_ARGUMENT', message: "filter 'contains' does not apply to small (I); use eq, ne, lt, le, gt, ge, empty, notEmpty", path: 'big',
    });
    expect(errorOf(await service.getRows({ ...base, filters: [{ column: 'small', op: 'lt', value: 'ten' }] })).message).toBe("expected a number to compare small (I) with, but found 'ten'");
    expect(errorOf(await service.getRows({ ...base, filters: [{ column: 'name', op: 'regex', value: '(' }] })).message).toMatch(/^expected a regular expression, but '\(' is not one/);
    expect(errorOf(await service.getRows({ ...base, sort: { column: 'nope', direction: 'asc' } })).message).toBe("big has no column 'nope' to sort by");
  });
});
