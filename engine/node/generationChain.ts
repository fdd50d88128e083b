/**
 * The generation chain of a file on disk, read through its own O_RDONLY descriptor (no Storage):
 * what the holders list needs for lags and the growth sampler for commit counts.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { EMPTY_SCAN, scanEndOfData } from '../core/read/tails.js';
import type { ReadAt } from '../core/read/header.js';
import { intactChainEnds } from '../core/analysis/asideStats.js';

/** Ends of the intact generations of a datafile, oldest first (read through an O_RDONLY fd). */
export function generationEnds(path: string): { ends: number[]; newestEnd: number | null } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { ends: [], newestEnd: null };
  }
  try {
    const size = fstatSync(fd).size;
    const readAt: ReadAt = (pos, len) => {
      if (pos < 0 || len < 0 || pos + len > size) return null;
      const b = new Uint8Array(len);
      let done = 0;
      while (done < len) {
        const n = readSync(fd, b, done, len - done, pos + done);
        if (n === 0) return null;
        done += n;
      }
      return b;
    };
    const scan = size === 0 ? EMPTY_SCAN : scanEndOfData(readAt, size);
    // An empty file (or one whose first commit never completed) has no generation yet.
    if (scan === EMPTY_SCAN) return { ends: [], newestEnd: 0 };
    if (!scan) return { ends: [], newestEnd: null };
    if (scan.oldFormat) return { ends: [scan.end], newestEnd: scan.end };
    return { ends: intactChainEnds(readAt, scan.base, scan.end), newestEnd: scan.end };
  } catch {
    return { ends: [], newestEnd: null };
  } finally {
    closeSync(fd);
  }
}

