/**
 * Following another writer and snapshots in the document service, against real processes:
 * `mkinspect demo-writer` extends the aside from its own process while the service follows it (new
 * generations within a second, paused display with counted changes), pins a generation and compares
 * it with the current one, and lists the generation chain and compares two of its entries (changed
 * cells included).
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentService } from '../../electron/service/documentService.js';
import type { DocumentInfo } from '../../electron/shared/dto.js';
import { writeDemoPair } from '../../scripts/make-demo-pair.js';
import { exited } from '../helpers/children.js';
import { errorOf, newService, tempDir, top, unwrap } from '../helpers/service.js';
import { ROOT } from '../presence/helpers.js';

let service: DocumentService;
afterEach(() => service?.dispose());

function changes(s: DocumentService, lagOf?: string, lags: number[] = []): DocumentInfo[] {
  const seen: DocumentInfo[] = [];
  s.subscribe((e) => {
    if (e.type !== 'documentChanged') return;
    seen.push(e.document);
    // The aside's modification time is the commit that made this change (the next is far later).
    if (lagOf && e.document.live.lastChange) lags.push(e.document.live.lastChange.at - statSync(lagOf).mtimeMs);
  });
  return seen;
}

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function startWriter(dir: string, count: number, interval: number) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'mkinspect.js'), 'demo-writer', dir, '--rate', '5', '--count', String(count), '--interval', String(interval)], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.resume();
  return { child };
}

describe('following another writer', () => {
  it('follows another process extending the aside: each commit shown within a second, rows added per view', async () => {
    const dir = tempDir('mk-live-svc-');
    writeDemoPair(dir, 200, 1);
    service = newService();
    const lags: number[] = [];
    const seen = changes(service, join(dir, 'demo.mka'), lags);
    const doc = unwrap(await service.openDocument({ path: join(dir, 'demo.mk') }));
    expect(doc.live).toMatchObject({ following: true, paused: false, changes: 0 });
    const rows0 = unwrap(await service.describeView({ docId: doc.id, path: top('log') })).rowCount;
    const w = startWriter(dir, 4, 700);
    for (let k = 1; k <= 4; k++) {
      const info = await until(`change ${k}`, () => seen.find((d) => d.live.changes === k));
      expect(info.live.lastChange?.views).toEqual([{ name: 'log', rowsBefore: rows0 + 5 * (k - 1), rowsAfter: rows0 + 5 * k, columnsChanged: true }]);
    }
    expect((await exited(w.child)).code).toBe(0);
    const view = unwrap(await service.describeView({ docId: doc.id, path: top('log') }));
    expect(view.rowCount).toBe(rows0 + 20);
    const last = unwrap(await service.getRows({ docId: doc.id, path: top('log'), start: rows0 + 19, count: 1 }));
    expect(last.rows[0]?.index).toBe(rows0 + 19);
    console.log(`live follow: aside written → change noticed after ${lags.map((l) => `${Math.round(l)} ms`).join(', ')}`);
    expect(lags).toHaveLength(4);
    for (const l of lags) expect(l).toBeLessThan(1000);
  });

  it('paused: the display keeps its generation while commits and rows are counted; resume shows them', async () => {
    const dir = tempDir('mk-live-svc-');
    writeDemoPair(dir, 100, 1);
    service = newService();
    const seen = changes(service);
    const doc = unwrap(await service.openDocument({ path: join(dir, 'demo.mk') }));
    const paused = unwrap(await service.setFollow({ docId: doc.id, paused: true }));
    expect(paused.live).toMatchObject({ paused: true, pendingCommits: 0 });
    const w = startWriter(dir, 3, 100);
    expect((await exited(w.child)).code).toBe(0);
    const counted = await until('3 pending commits', () => seen.find((d) => d.live.pendingCommits === 3 && d.live.pendingRows === 15));
    expect(counted.generation).toBe(doc.generation);
    expect(counted.live.latestGeneration).not.toBe(doc.generation);
    expect(unwrap(await service.describeView({ docId: doc.id, path: top('log') })).rowCount).toBe(106);
    const resumed = unwrap(await service.setFollow({ docId: doc.id, paused: false }));
    expect(resumed.live).toMatchObject({ paused: false, pendingCommits: 0, pendingRows: 0 });
    expect(resumed.generation).toBe(counted.live.latestGeneration);
    expect(resumed.live.lastChange?.views[0]).toMatchObject({ rowsBefore: 106, rowsAfter: 121 });
    expect(unwrap(await service.describeView({ docId: doc.id, path: top('log') })).rowCount).toBe(121);
  });
});

describe('snapshots', () => {
  it('pins a generation, keeps following, and compares pinned with current (rows added)', async () => {
    const dir = tempDir('mk-live-svc-');
    writeDemoPair(dir, 50, 1);
    service = newService();
    const seen = changes(service);
    const doc = unwrap(await service.openDocument({ path: join(dir, 'demo.mk') }));
    expect(errorOf(await service.compareSnapshots({ docId: doc.id, from: { kind: 'pinned' }, to: { kind: 'current' } }))).toEqual({
      code: 'BAD_ARGUMENT', message: 'demo.mk has no pinned generation: pin one first',
    });
    const pinned = unwrap(await service.setPin({ docId: doc.id, pinned: true }));
    expect(pinned.pinned).toMatchObject({ generation: doc.generation });
    const w = startWriter(dir, 2, 50);
    expect((await exited(w.child)).code).toBe(0);
    await until('2 changes', () => seen.find((d) => d.live.changes >= 1 && d.generation !== doc.generation && unwrapRows(d) === 66));
    const diff = unwrap(await service.compareSnapshots({ docId: doc.id, from: { kind: 'pinned' }, to: { kind: 'current' } }));
    expect(diff.from.generation).toBe(doc.generation);
    const log = diff.views.find((v) => v.name === 'log');
    expect(log).toMatchObject({ rowsBefore: 56, rowsAfter: 66, added: 10, removed: 0, changed: 0 });
    expect(log?.rows.map((r) => [r.row, r.kind])).toEqual(Array.from({ length: 10 }, (_, i) => [56 + i, 'added']));
    expect(log?.rows[0]?.before).toBeNull();
    // The demo writer continues the demo's sensor log: row 56 is a reading of the first sensor.
    expect(log?.rows[0]?.after?.[1]).toEqual({ t: 'S', text: 'boiler-1/temperature', bytes: 20, truncated: false });
    expect(log?.columns.map((c) => c.name)).toEqual(['t', 'sensor', 'value', 'flags']);
  });

  it('lists the generation chain and compares any two generations, naming the changed cells', async () => {
    const dir = tempDir('mk-live-svc-');
    writeDemoPair(dir, 30, 2, 3);
    service = newService();
    const doc = unwrap(await service.openDocument({ path: join(dir, 'demo.mk') }));
    const list = unwrap(await service.listGenerations({ docId: doc.id }));
    expect(list.chain).toBe('aside');
    expect(list.generations.map((g) => g.rows.log)).toEqual([31, 34, 37]);
    expect(list.generations[2]?.generation).toBe(doc.generation);
    const [g1, , g3] = list.generations;
    const d = unwrap(await service.compareSnapshots({ docId: doc.id, from: { kind: 'generation', ref: g1!.ref }, to: { kind: 'generation', ref: g3!.ref } }));
    expect(d.views[0]).toMatchObject({ added: 6, changed: 0 });
    // Changed cells: an edited copy opened in extend mode, committed into the aside.
    const ed = unwrap(await service.openDocument({ path: join(dir, 'demo.mk'), mode: 'extend' }));
    service.closeDocument({ docId: doc.id });
    unwrap(await service.setPin({ docId: ed.id, pinned: true }));
    unwrap(await service.editCell({ docId: ed.id, path: top('log'), row: 4, column: 'sensor', value: 'renamed' }));
    unwrap(await service.editCell({ docId: ed.id, path: top('log'), row: 4, column: 'flags', value: '9' }));
    unwrap(await service.commitChanges({ docId: ed.id }));
    const c = unwrap(await service.compareSnapshots({ docId: ed.id, from: { kind: 'pinned' }, to: { kind: 'current' } }));
    expect(c.views[0]).toMatchObject({ added: 0, removed: 0, changed: 1 });
    const row = c.views[0]?.rows[0];
    expect(row).toMatchObject({ row: 4, kind: 'changed', properties: ['sensor', 'flags'] });
    expect(row?.before?.[1]).toMatchObject({ t: 'S', text: 'sensor-4' });
    expect(row?.after?.[1]).toMatchObject({ t: 'S', text: 'renamed' });
    expect(row?.after?.[3]).toEqual({ t: 'I', v: 9 });
  });
});

function unwrapRows(d: DocumentInfo): number {
  return d.live.lastChange?.views.find((v) => v.name === 'log')?.rowsAfter ?? -1;
}
