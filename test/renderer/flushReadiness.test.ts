/**
 * When the flush dialog lets Flush be pressed and what it says otherwise (issue 15: the dialog's
 * state as a hook over a pure rule): possible, disk space with and without the backup, holders, force.
 */
import { describe, expect, it } from 'vitest';
import type { FlushPlanDto, HolderDto } from '../../electron/shared/dtoMaintenance.js';
import { flushReadiness } from '../../renderer/src/features/maintenance/flushReadiness.js';

function holder(pid: number, command: string | null, blocking: boolean): HolderDto {
  return {
    pid, host: 'h', local: true, command, user: null, role: 'reader', mode: 'read', access: 'read', since: null, sinceSource: null,
    generation: null, lag: null, source: 'discovered', files: [], text: `pid ${pid}`, blocking,
  };
}

function plan(patch: Partial<FlushPlanDto> = {}, holders: HolderDto[] = []): FlushPlanDto {
  return {
    docId: 'd1', possible: true, reason: null,
    main: { path: '/data/app.mk', name: 'app.mk', size: 1000 }, aside: { path: '/data/app.mka', name: 'app.mka', size: 500 },
    after: { main: 900, aside: 20, total: 920 }, reclaimBytes: 580, rows: [],
    holders: {
      docId: 'd1', checkedAt: '2024-01-01T00:00:00Z', elapsedMs: 3, holders, stale: [], busy: holders.some((h) => h.blocking),
      discovery: { supported: true, method: 'proc', processesScanned: 10, processesInaccessible: 0, complete: true, note: null },
      selfPid: 1,
    },
    disk: { dir: '/data', freeBytes: 10_000, neededBytes: 3000, backupBytes: 1500 },
    backup: { main: '/data/app.mk.bak', aside: '/data/app.mka.bak' }, lastFlush: null,
    ...patch,
  };
}

const choices = { backup: true, force: false, confirmName: '' };

describe('flushReadiness', () => {
  it('is disabled while the plan is read', () => {
    expect(flushReadiness(undefined, choices, false)).toMatchObject({ canFlush: false, why: 'reading the plan', busy: false, diskOk: false });
  });

  it('a free pair with room can be flushed, but not while a flush runs', () => {
    expect(flushReadiness(plan(), choices, false)).toMatchObject({ canFlush: true, why: null, busy: false, diskOk: true, forceOk: false });
    expect(flushReadiness(plan(), choices, true)).toMatchObject({ canFlush: false, why: null });
  });

  it('says why an impossible flush is refused', () => {
    expect(flushReadiness(plan({ possible: false, reason: 'no aside' }), choices, false)).toMatchObject({ canFlush: false, why: 'no aside' });
  });

  it('counts the backup in the disk space needed', () => {
    const tight = plan({ disk: { dir: '/data', freeBytes: 4000, neededBytes: 3000, backupBytes: 1500 } });
    expect(flushReadiness(tight, choices, false)).toMatchObject({ canFlush: false, diskOk: false, why: 'not enough free disk space' });
    expect(flushReadiness(tight, { ...choices, backup: false }, false)).toMatchObject({ canFlush: true, diskOk: true });
  });

  it('names the processes that hold the files, and only blocking ones count', () => {
    const one = flushReadiness(plan({}, [holder(42, 'tclsh reader.tcl /data/app.mk --follow', true), holder(7, 'cat', false)]), choices, false);
    expect(one.blocking.map((h) => h.pid)).toEqual([42]);
    expect(one).toMatchObject({ busy: true, canFlush: false, why: 'pid 42 (tclsh reader.tcl /data/app.mk) holds the files' });
    const two = flushReadiness(plan({}, [holder(42, null, true), holder(43, 'python', true)]), choices, false);
    expect(two.why).toBe('pid 42, pid 43 (python) hold the files');
  });

  it('force needs the main file name typed exactly', () => {
    const held = plan({}, [holder(42, null, true)]);
    expect(flushReadiness(held, { ...choices, force: true, confirmName: 'app' }, false)).toMatchObject({ forceOk: false, canFlush: false });
    expect(flushReadiness(held, { ...choices, force: true, confirmName: 'app.mk' }, false)).toMatchObject({ forceOk: true, canFlush: true, why: null });
    expect(flushReadiness(held, { ...choices, force: false, confirmName: 'app.mk' }, false)).toMatchObject({ forceOk: false, canFlush: false });
  });
});
