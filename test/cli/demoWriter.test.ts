/**
 * `mkinspect demo-writer` on the demo database, as a separate process: it continues the demo's sensor
 * log (the same sensors, times 250 ms apart, flags within the column's 2-bit width), so each commit
 * into the delta aside stays small instead of re-storing a widened column.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Storage } from '../../engine/core/read/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { sensorReadingAt } from '../../engine/node/demo/sensorLog.js';
import { writeDemo } from '../../engine/node/demo/writeDemo.js';
import { cliProcess } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mk-demo-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('extends the demo aside with sensor readings, a few KB per commit', () => {
  const rows = 20_000;
  writeDemo(dir, { logRows: rows, durable: false });
  const asideBefore = statSync(join(dir, 'demo.mka')).size;
  const r = cliProcess('demo-writer', dir, '--rate', '5', '--count', '3', '--interval', '0');
  expect(r.code).toBe(0);
  expect(r.stdout.trim().split('\n')).toHaveLength(3);
  const grown = statSync(join(dir, 'demo.mka')).size - asideBefore;
  console.log(`demo-writer: 3 commits of 5 rows on a ${rows}-row log grew the aside by ${grown} bytes`);
  expect(grown).toBeLessThan(3 * 4096);

  const aside = Storage.open(new FileByteStore(join(dir, 'demo.mka')));
  const db = Storage.open(new FileByteStore(join(dir, 'demo.mk')), { aside });
  const log = db.view('log');
  expect(log.rowCount).toBe(rows + 15);
  for (let i = rows; i < rows + 15; i++) {
    const want = sensorReadingAt(i);
    expect([log.getLong(i, 't'), log.getString(i, 'sensor'), log.getDouble(i, 'value'), log.getInt(i, 'flags')]).toEqual([want.t, want.sensor, want.value, want.flags]);
  }
  // Continuous with the rows `mkinspect demo` wrote: 250 ms apart, the next sensor in turn.
  expect(log.getLong(rows, 't') - log.getLong(rows - 1, 't')).toBe(250n);
  expect(log.getString(rows, 'sensor')).toBe(log.getString(rows - 8, 'sensor'));
  db.close();
});
