/**
 * The seed scenario's processes as the presence registry sees them: a writer (main read-only, aside
 * in extend mode, both registered as extender) and a reader opened before its commits, which then
 * lags behind by exactly the number of aside commits. All separate OS processes.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkHolders } from '../../engine/node/presence/guard.js';
import { listHolders } from '../../engine/node/presence/holders.js';
import { CHILDREN, ROOT, scratchAside, startChild, startReader, type Scratch } from './helpers.js';

let s: Scratch;
afterEach(() => s?.cleanup());

describe('writer and reader presence (seed scenario)', () => {
  it('the extender is listed with its mode and generation; an older reader lags by its commits', async () => {
    s = scratchAside('aside-0-init');
    const reader = await startReader(s.main, s.aside);
    const writer = await startChild(process.execPath, [join(ROOT, 'bin', 'run-ts.js'), join(CHILDREN, 'extender.ts'), s.main, s.aside]);
    try {
      expect((writer.info.presence as { registered: boolean }[]).map((p) => p.registered)).toEqual([true, true]);
      const ends: number[] = [];
      for (let i = 0; i < 3; i++) {
        writer.send('commit');
        ends.push((await writer.nextLine()).asideEnd as number);
      }
      expect(ends[2]).toBe(statSync(s.aside).size);
      const report = await listHolders({ main: s.main, aside: s.aside });
      const w = report.holders.find((h) => h.pid === writer.pid);
      expect(w).toMatchObject({ role: 'extender', mode: 'extend', access: 'readwrite', source: 'both', lag: 0 });
      expect(w?.files.map((f) => [f.file, f.mode, f.access, f.end, f.lag])).toEqual([
        ['main', 'read', 'read', 37, 0],
        ['aside', 'extend', 'readwrite', ends[2], 0],
      ]);
      const r = report.holders.find((h) => h.pid === reader.pid);
      expect(r).toMatchObject({ role: 'reader', generation: '37+87', lag: 3 });
      expect(report.files.find((f) => f.file === 'aside')?.generations).toBe(4);
      const check = await checkHolders({ main: s.main, aside: s.aside });
      expect(check.blocking.map((h) => h.pid).sort((a, b) => a - b)).toEqual([reader.pid, writer.pid].sort((a, b) => a - b));
    } finally {
      await writer.stop();
      await reader.stop();
    }
    expect((await checkHolders({ main: s.main, aside: s.aside })).busy).toBe(false);
  });
});
