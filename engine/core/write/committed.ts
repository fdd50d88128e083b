/**
 * The committed generation a writable storage loads (the first half of c4_Persist::LoadAll): where its
 * data starts and ends, its byte order and its root walk. A 0-byte store, or one whose only commit was
 * interrupted, has none; neither has a foreign file that `appendToForeign` lets a new dataset follow
 * (starkit style). Old-format files are refused: they can be read, not written.
 */
import type { ByteStore } from '../base/byteStore.js';
import { MetakitError } from '../base/errors.js';
import type { ReadAt } from '../read/header.js';
import type { OpenMode } from '../read/storage.js';
import { diagnoseNoData, EMPTY_SCAN, scanEndOfData } from '../read/tails.js';

export interface CommittedGeneration {
  /** Absolute offset of the header, or where a new dataset starts when there is no committed data. */
  base: number;
  /** Absolute end of the committed data (0 when there is none). */
  end: number;
  /** The data's byte order; null when no committed data says it. */
  littleEndian: boolean | null;
  /** Root walk position (relative to base) and length; 0 when there is no committed data. */
  rootPos: number;
  rootLen: number;
  /** The root walk; null when there is no committed data. */
  walk: Uint8Array | null;
}

export function committedGeneration(store: ByteStore, mode: OpenMode, appendToForeign: boolean): CommittedGeneration {
  const size = store.size();
  const readAt: ReadAt = (pos, len) => (pos < 0 || pos + len > size ? null : store.read(pos, len));
  const none = (base: number): CommittedGeneration => ({ base, end: 0, littleEndian: null, rootPos: 0, rootLen: 0, walk: null });
  if (size === 0) return none(0);
  const scan = scanEndOfData(readAt, size);
  // Only an interrupted first commit: no committed data. Like Metakit with any unrecognised
  // file, a new dataset starts after the existing bytes (nothing is ever truncated away).
  if (scan === EMPTY_SCAN) return none(size);
  if (scan === null) {
    if (mode === 'read' || !appendToForeign) throw diagnoseNoData(store.name, readAt, size);
    return none(size);
  }
  if (scan.oldFormat) {
    throw new MetakitError('READ_ONLY', `expected a 2.x datafile for writing, but ${store.name} is in the pre-2.0 format: open it read-only (writing old-format files is not supported)`, { file: store.name });
  }
  const { rootPos, rootLen } = scan;
  if (rootPos < 8 || rootPos + rootLen > scan.end - scan.base - 16) {
    throw new MetakitError('BAD_OFFSET', `expected the root walk inside the data, but the commit tail puts it at ${rootPos}+${rootLen}`, { file: store.name, offset: scan.end - 8 });
  }
  return { base: scan.base, end: scan.end, littleEndian: scan.littleEndian, rootPos, rootLen, walk: store.read(scan.base + rootPos, rootLen) };
}
