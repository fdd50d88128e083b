/**
 * Plug-in points for figures that land with other issues, so they appear in `npm run bench` without
 * touching the phases:
 * - `asideWriters`: how an aside commit is made. The aside phases run every entry side by side on
 *   the same main file and print per-commit time and aside size after 1, 10, 100, 1,000 commits.
 *   Metakit's whole-column diffs and issue 8's delta diffs are plugged in.
 * - `flushers`: a real flush of main + aside (issue 4's flushFiles is plugged in). The aside phases
 *   time each after their commits and check that the flushed main alone holds every row.
 */
import { flushFiles } from '../engine/node/flush.js';
import { openWritableFile, type AsideDiffMode, type OpenWritableOptions } from '../engine/node/openWritable.js';
import type { WritableStorage } from '../engine/core/write/writableStorage.js';

export interface AsidePair {
  main: WritableStorage;
  aside: WritableStorage;
}

export interface AsideWriter {
  /** Shown in the report ("whole" = Metakit's own whole-column diffs). */
  mode: string;
  /** Opens main read-only and the aside in extend mode, attached (the seed's pattern). */
  open(mainPath: string, asidePath: string): AsidePair;
  /** Commits to attempt (default: the phase's count; e.g. 1,000 for a writer whose commits stay small). */
  commits?: number;
}

export interface Flusher {
  name: string;
  /** Leaves a main file holding every row of main + aside (no reference into the aside). */
  flush(mainPath: string, asidePath: string): void;
}

/**
 * The seed's pattern: main opened read-only, aside in extend mode, main.setAside(aside). How commits
 * are stored in the aside is an option of the main storage (`asideDiffs`).
 */
export function openPair(mainPath: string, asidePath: string, asideDiffs: AsideDiffMode, asideOptions: OpenWritableOptions = {}): AsidePair {
  const main = openWritableFile(mainPath, { mode: 'read', asideDiffs });
  try {
    const aside = openWritableFile(asidePath, { durable: false, ...asideOptions, mode: 'extend' });
    main.setAside(aside);
    return { main, aside };
  } catch (e) {
    main.close();
    throw e;
  }
}

export const asideWriters: AsideWriter[] = [
  { mode: 'whole', open: (m, a) => openPair(m, a, 'whole') },
  // Delta commits stay small, so they run for 1,000 commits (each still reopens both files and loads
  // the edited columns, as the seed's writer does; the time cap applies).
  { mode: 'delta', commits: 1000, open: (m, a) => openPair(m, a, 'delta') },
];

export const flushers: Flusher[] = [
  {
    name: 'flushFiles: crash-safe, verified, compacted',
    flush(mainPath, asidePath) {
      flushFiles(mainPath, asidePath);
    },
  },
];
