/**
 * What a flush of a document would do, with the evidence of the pre-flight checklist: sizes before
 * and after (the compacted main estimate plus an empty aside), rows per view (the main file alone now,
 * main + aside after), who else holds the files, and the free disk space against what the flush
 * writes (and the backup copies, if asked for).
 */
import { statfsSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { DIFF_LAYOUT } from '../../../engine/core/aside/asideDiffs.js';
import { MemoryByteStore } from '../../../engine/core/base/byteStore.js';
import { WritableStorage } from '../../../engine/core/write/writableStorage.js';
import { estimateCompactSize } from '../../../engine/core/analysis/compactSize.js';
import type { Storage } from '../../../engine/core/read/storage.js';
import { lastFlush } from '../../../engine/node/actionLog.js';
import { openStorageFile } from '../../../engine/node/openStorageFile.js';
import type { FlushPlanDto, HoldersDto } from '../../shared/dtoMaintenance.js';
import type { OpenDocument } from '../document.js';
import { backupName } from '../tasks/flushTask.js';

function rowsOf(s: Storage): Map<string, number> {
  return new Map(s.viewNames().map((n) => [n, s.view(n).rowCount]));
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Why this document cannot be flushed, or null. */
export function flushRefusal(doc: OpenDocument): string | null {
  if (doc.asidePath === null) return `${basename(doc.mainPath)} has no aside: there is nothing to flush`;
  if (doc.mode !== 'read') return `${basename(doc.mainPath)} is open for editing (${doc.mode}); close it and open it read-only to flush`;
  return null;
}

let emptyAside: number | null = null;

/** Bytes of the empty aside our flush writes (built once in memory, exactly as the flush builds it). */
export function emptyAsideBytes(): number {
  if (emptyAside === null) {
    const store = new MemoryByteStore();
    const fresh = WritableStorage.open(store, { mode: 'readwrite', durable: false });
    fresh.getAs(DIFF_LAYOUT);
    fresh.commit();
    emptyAside = store.size();
    fresh.close();
  }
  return emptyAside;
}

export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

export function flushPlan(doc: OpenDocument, holders: HoldersDto): FlushPlanDto {
  const reason = flushRefusal(doc);
  const mainSize = sizeOf(doc.mainPath);
  const asideSize = doc.asidePath ? sizeOf(doc.asidePath) : 0;
  const alone = openStorageFile(doc.mainPath, { presence: false });
  let mainNow: Map<string, number>;
  try {
    mainNow = rowsOf(alone.storage);
  } finally {
    alone.close();
  }
  let after = mainNow;
  let compact = mainSize;
  if (doc.asidePath) {
    const merged = doc.readAside ? null : openStorageFile(doc.mainPath, { aside: doc.asidePath, presence: false });
    try {
      const s = merged ? merged.storage : doc.current;
      after = rowsOf(s);
      compact = estimateCompactSize(s).total;
    } finally {
      merged?.close();
    }
  }
  const emptyAside = doc.asidePath ? emptyAsideBytes() : 0;
  const dir = dirname(doc.mainPath);
  const views = [...new Set([...mainNow.keys(), ...after.keys()])];
  const flush = lastFlush(doc.mainPath);
  return {
    docId: doc.id,
    possible: reason === null,
    reason,
    main: { path: doc.mainPath, name: basename(doc.mainPath), size: mainSize },
    aside: doc.asidePath ? { path: doc.asidePath, name: basename(doc.asidePath), size: asideSize } : null,
    after: { main: compact, aside: emptyAside, total: compact + emptyAside },
    reclaimBytes: mainSize + asideSize - compact - emptyAside,
    rows: views.map((view) => ({ view, mainNow: mainNow.get(view) ?? 0, after: after.get(view) ?? 0 })),
    holders,
    disk: {
      dir,
      freeBytes: freeBytes(dir),
      // The staged copy (old main + one generation with everything), the compacted file, an empty aside.
      neededBytes: mainSize + 2 * compact + emptyAside,
      backupBytes: mainSize + asideSize,
    },
    backup: { main: backupName(doc.mainPath), aside: doc.asidePath ? backupName(doc.asidePath) : null },
    lastFlush: flush?.time ?? null,
  };
}
