/**
 * Create: N rows of t[i:I,l:L,d:D,s:S,b:B], one append per row, one commit (docs/bench-workload.md).
 * The file must be byte-identical to the C++ library's (sha256 in the doc). The commit is compared
 * with a page-cache write of the same number of bytes, measured in the same run.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, createWorkloadFile, fileSize, pageCacheWrite, sha256File, workloadPath } from '../files.js';
import type { PhaseRecorder } from '../measure.js';
import { CPP } from '../reference.js';
import { FILE_SIZE, SHA256 } from '../workload.js';

export function createPhase(rec: PhaseRecorder, rows: number): void {
  const startRss = process.resourceUsage().maxRSS * 1024;
  const path = join(benchDir(), `create-${rows}.mk`);
  const section = `create ${rows.toLocaleString('en-US')} rows + one commit`;
  const t = createWorkloadFile(path, rows);
  // The peak of this process so far is the create's (the checks below read the whole file).
  const rss = process.resourceUsage().maxRSS * 1024;
  const size = fileSize(path);
  const write = pageCacheWrite(size, true);
  const big = rows === 1_000_000;
  rec.timed(section, 'total: open, getAs, 1 append per row, commit', [t.total], {
    cpp: big ? CPP.create1M : rows === 100_000 ? CPP.create100k : undefined,
    target: big ? { label: 'no slower than C++ 1.92 s', maxValue: 1920 } : undefined,
    note: 'includes generating the rows (as the C++ figure includes building each c4_Row)',
  });
  rec.timed(section, '  appends', [t.append], { note: `page faults ${t.append.faults.toLocaleString('en-US')} (first run)` });
  rec.value(section, '  appends: per row', 'ns', [(t.append.wallMs * 1e6) / rows]);
  rec.timed(section, '  commit (no fsync, like C++)', [t.commit], { baseline: { what: `page-cache write of ${size.toLocaleString('en-US')} bytes to a new file`, value: write } });
  rec.value(section, 'file size', 'bytes', [size], { cpp: big ? CPP.create1MSize : undefined });
  if (big) rec.value(section, 'peak RSS of the process', 'bytes', [rss], { cpp: CPP.create1MRss, note: `node alone (before the phase) ${(startRss / 1048576).toFixed(0)} MB` });
  const want = SHA256[rows];
  if (!want) return;
  const same = sha256File(path) === want;
  rec.check(section, 'sha256 equals the C++ file', same, `${want.slice(0, 16)}… (${FILE_SIZE[rows]?.toLocaleString('en-US')} bytes)`);
  // The later phases read and copy this file: keep it rather than write it again.
  const keep = workloadPath(rows);
  if (same && !existsSync(keep)) renameSync(path, keep);
  else rmSync(path, { force: true });
}
