/**
 * The phases of `npm run bench`, each run in its own child process (so its peak RSS is its own) one
 * or more times. Counts and time caps keep the whole run under ~10 minutes on the project machine;
 * `--quick` shrinks them for a smoke run.
 */
import type { PhaseRecorder } from '../measure.js';
import { asideCommitsPhase, sessionCommitsPhase } from './commits.js';
import { createPhase } from './create.js';
import { deletesPhase } from './deletes.js';
import { readPhase } from './read.js';
import { corpusPhase } from './corpus.js';

export interface PhaseOptions {
  quick: boolean;
}

export interface PhaseSpec {
  name: string;
  about: string;
  /** Child runs (their samples are merged: median [min-max]). */
  runs(o: PhaseOptions): number;
  run(rec: PhaseRecorder, o: PhaseOptions): void;
}

/** Child runs of a phase: `quick` with --quick, `full` otherwise. */
const runs = (quick: number, full: number) => (o: PhaseOptions): number => (o.quick ? quick : full);
const once = (): number => 1;

/** A phase's commit count and time cap in seconds, with --quick and without. */
function budget(o: PhaseOptions, count: [quick: number, full: number], capSeconds: [quick: number, full: number]): { count: number; capSeconds: number } {
  return { count: o.quick ? count[0] : count[1], capSeconds: o.quick ? capSeconds[0] : capSeconds[1] };
}

export const PHASES: PhaseSpec[] = [
  { name: 'create', about: 'create 1M rows (one append each) + one commit; sha256 = the C++ file', runs: runs(1, 3), run: (rec) => createPhase(rec, 1_000_000) },
  { name: 'create100k', about: 'create 100k rows + one commit', runs: runs(1, 3), run: (rec) => createPhase(rec, 100_000) },
  { name: 'read', about: 'reopen, first access, warm scans of i/l/d/s/b vs typed-array loops, 1M random string reads', runs: once, run: (rec) => readPhase(rec) },
  { name: 'rw', about: '1,000 single-row commits in readwrite mode on the 1M-row file', runs: once, run: (rec, o) => sessionCommitsPhase(rec, 'readwrite', 1_000_000, budget(o, [20, 1000], [30, 150])) },
  { name: 'deletes', about: '10% random deletes on 1M rows, then compaction into a new file', runs: runs(1, 3), run: (rec) => deletesPhase(rec) },
  { name: 'extend', about: 'single-row commits in extend mode on the 1M-row file until the 2 GiB limit', runs: once, run: (rec, o) => sessionCommitsPhase(rec, 'extend', 1_000_000, budget(o, [5, 100], [30, 120])) },
  { name: 'extend10k', about: '1,000 single-row commits in extend mode on a 10k-row file', runs: once, run: (rec, o) => sessionCommitsPhase(rec, 'extend', 10_000, budget(o, [50, 1000], [90, 90])) },
  { name: 'aside', about: 'single-row commits into an aside on the 1M-row main until the 2 GiB limit; SaveTo; flush hooks', runs: once, run: (rec, o) => asideCommitsPhase(rec, 1_000_000, budget(o, [3, 100], [30, 150])) },
  { name: 'aside10k', about: '1,000 single-row commits into an aside on a 10k-row main; SaveTo; flush hooks', runs: once, run: (rec, o) => asideCommitsPhase(rec, 10_000, budget(o, [50, 1000], [200, 200])) },
  { name: 'corpus', about: 'reader figures for the largest corpus file (open, first access, I/D/S scans)', runs: once, run: (rec) => corpusPhase(rec) },
];

export function phaseByName(name: string): PhaseSpec | undefined {
  return PHASES.find((p) => p.name === name);
}
