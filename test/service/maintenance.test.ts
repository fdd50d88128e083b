/**
 * The maintenance methods of the document service on real files and real processes: the aside report
 * against the file sizes, the readers list naming a foreign process (a plain Node child holding an fd)
 * and stale entries (a registered reader killed with SIGKILL) with their cleanup, and the guarded
 * flush: busy naming the holder with no byte changed, a wait that can be cancelled, force only with
 * the typed file name, then a flush with progress phases after which the aside has no commits, the
 * main file alone holds every row, and the action log has the report.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Storage } from '../../engine/core/read/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import type { DocumentService } from '../../electron/service/documentService.js';
import type { JobInfo } from '../../electron/shared/dto.js';
import { writeDemoPair } from '../../scripts/make-demo-pair.js';
import { corpusFile, errorOf, newService, tempDir, top, unwrap } from '../helpers/service.js';
import { startFdHolder, startReader, type Child } from '../presence/helpers.js';

let service: DocumentService;
const children: Child[] = [];
afterEach(async () => {
  service?.dispose();
  for (const c of children.splice(0)) if (c.proc.exitCode === null) await c.stop();
});

function jobsOf(s: DocumentService): JobInfo[] {
  const seen: JobInfo[] = [];
  s.subscribe((e) => { if (e.type === 'job') seen.push(e.job); });
  return seen;
}

function pair(rows = 300, commits = 4) {
  const dir = tempDir('mk-maint-');
  return writeDemoPair(dir, rows, commits);
}

describe('aside report', () => {
  it('gives sizes, commits and bytes per commit as measured from the files, and the reclaim estimate', async () => {
    const { main, aside } = pair(300, 4);
    service = newService();
    const doc = unwrap(await service.openDocument({ path: main }));
    const r = unwrap(await service.getAsideReport({ docId: doc.id }));
    expect(r.mainSize).toBe(statSync(main).size);
    expect(r.aside?.size).toBe(statSync(aside).size);
    expect(r.aside?.chain.commitsAfterBase).toBe(4);
    const ends = r.aside?.chain.perCommit.map((c) => c.end) ?? [];
    expect(ends[ends.length - 1]).toBe(statSync(aside).size);
    expect(r.aside?.chain.perCommit.reduce((n, c) => n + c.bytes, 0)).toBe(r.aside?.chain.bytesAdded);
    expect(r.aside?.reclaimBytes).toBe((r.aside?.currentBytes ?? 0) - (r.aside?.afterFlushBytes ?? 0));
    expect(r.aside?.currentBytes).toBe(statSync(main).size + statSync(aside).size);
    // The first point of the chart is taken at open (growth history, live).
    expect(r.aside?.history.length).toBeGreaterThanOrEqual(1);
    expect(r.aside?.history.at(-1)).toMatchObject({ asideSize: statSync(aside).size, asideCommits: 4 });
    const alone = unwrap(await service.setAsideAttached({ docId: doc.id, attached: false }));
    expect(unwrap(await service.getAsideReport({ docId: alone.id })).aside).toBeNull();
  });
});

describe('readers', () => {
  it('names a foreign process holding the file, leaves this inspector out, and cleans stale entries', async () => {
    const { main, aside } = pair(50, 1);
    service = newService();
    const doc = unwrap(await service.openDocument({ path: main }));
    const foreign = await startFdHolder('r', main);
    children.push(foreign);
    const dead = await startReader(main, aside);
    dead.proc.kill('SIGKILL');
    await dead.exited;
    const h = unwrap(await service.listHolders({ docId: doc.id }));
    expect(h.selfPid).toBe(process.pid);
    expect(h.holders.map((x) => x.pid)).toEqual([foreign.pid]);
    expect(h.holders[0]).toMatchObject({ source: 'discovered', access: 'read', blocking: true, files: [{ file: 'main', via: ['fd'] }] });
    expect(h.holders[0]?.text).toContain(`pid ${foreign.pid}`);
    expect(h.busy).toBe(true);
    expect(h.stale.map((s) => [s.reason, s.pid])).toEqual([['pid-gone', dead.pid], ['pid-gone', dead.pid]]);
    const cleaned = unwrap(await service.cleanStale({ docId: doc.id }));
    expect(cleaned.removed).toHaveLength(2);
    expect(unwrap(await service.listHolders({ docId: doc.id })).stale).toEqual([]);
    const log = unwrap(await service.listActions({ docId: doc.id }));
    expect(log.map((a) => [a.action, a.outcome])).toEqual([['clean-stale', 'done']]);
    await foreign.stop();
    expect(unwrap(await service.listHolders({ docId: doc.id }))).toMatchObject({ holders: [], busy: false });
  });
});

describe('flush', () => {
  it('refuses while a foreign process holds the file (busy, naming it, no byte changed), then flushes with progress', async () => {
    const { main, aside } = pair(400, 3);
    service = newService();
    const jobs = jobsOf(service);
    const doc = unwrap(await service.openDocument({ path: main }));
    const rowsAll = unwrap(await service.describeView({ docId: doc.id, path: top('log') })).rowCount;
    const foreign = await startFdHolder('r', main);
    children.push(foreign);

    const plan = unwrap(await service.planFlush({ docId: doc.id }));
    expect(plan).toMatchObject({ possible: true, reason: null, main: { name: 'demo.mk', size: statSync(main).size }, aside: { size: statSync(aside).size } });
    expect(plan.holders.holders.map((h) => [h.pid, h.blocking])).toEqual([[foreign.pid, true]]);
    expect(plan.rows).toEqual([{ view: 'log', mainNow: 400, after: rowsAll }]);
    expect(plan.disk.freeBytes).toBeGreaterThan(plan.disk.neededBytes);
    expect(plan.after.aside).toBe(58);

    const before = [readFileSync(main), readFileSync(aside)];
    const busy = unwrap(await service.flushDocument({ docId: doc.id, backup: false, waitSeconds: 0, force: false }));
    expect(busy.outcome).toBe('busy');
    if (busy.outcome === 'done') throw new Error('unreachable');
    expect(busy.message).toContain(`pid ${foreign.pid}`);
    expect(busy.holders.map((h) => h.pid)).toEqual([foreign.pid]);
    expect([readFileSync(main), readFileSync(aside)]).toEqual(before);

    // Waiting for the holder, then cancelled: nothing changes.
    const waiting = service.flushDocument({ docId: doc.id, backup: false, waitSeconds: 30, force: false });
    const waitJob = await until(() => jobs.find((j) => j.kind === 'flush' && j.phase === 'waiting'));
    expect(waitJob.detail).toContain(`pid ${foreign.pid}`);
    unwrap(await service.cancelJob({ jobId: waitJob.id }));
    expect(errorOf(await waiting).code).toBe('ABORTED');
    expect([readFileSync(main), readFileSync(aside)]).toEqual(before);

    expect(errorOf(await service.flushDocument({ docId: doc.id, backup: false, waitSeconds: 0, force: true, confirmName: 'wrong.mk' }))).toEqual({
      code: 'BAD_ARGUMENT', message: "a forced flush needs the file name typed to confirm it: expected 'demo.mk', but got 'wrong.mk'",
    });

    await foreign.stop();
    const changed: string[] = [];
    service.subscribe((e) => { if (e.type === 'documentChanged') changed.push(e.document.generation); });
    const done = unwrap(await service.flushDocument({ docId: doc.id, backup: true, waitSeconds: 5, force: false }));
    if (done.outcome !== 'done') throw new Error(`expected done, got ${done.outcome}: ${done.message}`);
    expect(done.rows).toEqual({ log: rowsAll });
    expect(done.asideAfter).toBe(statSync(aside).size);
    expect(done.asideAfter).toBe(plan.after.aside);
    // The compaction of a small file may end before its first progress report: listed when reported.
    expect(done.phases.map((p) => p.phase).filter((p) => p !== 'compact')).toEqual(['backup', 'prepare', 'write', 'verify', 'aside', 'swap', 'verify-compact', 'done']);
    expect(done.backup && readFileSync(done.backup.main)).toEqual(before[0]);
    const flushJob = jobs.filter((j) => j.kind === 'flush').at(-1);
    expect(flushJob?.state).toBe('done');
    const phases = jobs.filter((j) => j.id === flushJob?.id).map((j) => j.phase);
    expect([...new Set(phases)].filter((p) => p !== 'compact')).toEqual(['starting', 'backup', 'prepare', 'write', 'verify', 'aside', 'swap', 'verify-compact', 'done']);

    // The document was reopened on the new files: the aside has no commits, the main alone every row.
    const after = unwrap(await service.getAsideReport({ docId: doc.id }));
    expect(after.aside?.chain.commitsAfterBase).toBe(0);
    expect(after.aside?.size).toBe(statSync(aside).size);
    expect(changed.length).toBeGreaterThan(0);
    const alone = Storage.open(new FileByteStore(main));
    expect(alone.view('log').rowCount).toBe(rowsAll);
    alone.close();
    expect(unwrap(await service.describeView({ docId: doc.id, path: top('log') })).rowCount).toBe(rowsAll);
    const log = unwrap(await service.listActions({ docId: doc.id }));
    expect(log.map((a) => [a.action, a.outcome])).toEqual([['flush', 'busy'], ['flush', 'done']]);
    expect(log[1]?.detail).toMatch(new RegExp(`^flushed in \\d+ ms; rows verified: log ${rowsAll}; backup .*${basename(main)}\\.bak-`));
    expect(log[0]?.holders[0]).toContain(`pid ${foreign.pid}`);
  });

  it('is refused for a document without an aside and for one open for editing', async () => {
    const { main } = pair(20, 1);
    service = newService();
    const plain = unwrap(await service.openDocument({ path: corpusFile('rows-100') }));
    expect(unwrap(await service.planFlush({ docId: plain.id }))).toMatchObject({ possible: false, reason: 'data.mk has no aside: there is nothing to flush' });
    const ed = unwrap(await service.openDocument({ path: main, mode: 'extend' }));
    expect(unwrap(await service.planFlush({ docId: ed.id }))).toMatchObject({ possible: false, reason: 'demo.mk is open for editing (extend); close it and open it read-only to flush' });
    expect(errorOf(await service.flushDocument({ docId: ed.id, backup: false, waitSeconds: 0, force: false })).code).toBe('UNSUPPORTED');
  });
});

async function until<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
