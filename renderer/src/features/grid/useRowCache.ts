/**
 * The grid's rows: one RowCache per query (view, sort, filters, snapshot), and the window of rows it
 * fetches (those in view plus overscan).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { FilterSpec, SortSpec, ViewInfo } from '../../../../electron/shared/dto.js';
import { placeKey, queryKey, RowCache } from './rowCache.js';

export interface GridRows {
  cache: RowCache;
  /** The query without its snapshot: another view, sort or filter starts at the top. */
  place: string;
}

/**
 * Sorting keeps the row count; only filters make it unknown until the first page answers. A cache of
 * an older query is simply dropped (answers still arriving for it update nobody); the cache of the same
 * place in an older generation stands in until the new rows arrive.
 */
export function useRowCache(view: ViewInfo, sort: SortSpec | null, filters: FilterSpec[], editVersion: number): GridRows {
  const query = { docId: view.docId, path: view.path, sort, filters, generation: view.generation, editVersion };
  const key = queryKey(query);
  const place = placeKey(query);
  const knownTotal = filters.length === 0 ? view.rowCount : null;
  const [held, setHeld] = useState(() => new RowCache(query, knownTotal));
  let cache = held;
  if (queryKey(held.query) !== key) {
    cache = new RowCache(query, knownTotal, placeKey(held.query) === place ? held : null);
    setHeld(cache);
  }
  useSyncExternalStore(cache.subscribe, cache.snapshot);
  return { cache, place };
}

/** Fetches rows first..last; with the count unknown (filtering), the first page, whose answer tells it. */
export function useRowWindow(cache: RowCache, first: number, last: number): void {
  useEffect(() => cache.ensure(first, cache.total === null ? Math.max(0, last) : last), [cache, first, last]);
}
