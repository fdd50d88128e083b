/**
 * Rows of one query (view, sort, filters, snapshot) fetched by pages as the grid needs them and kept
 * in a small LRU: the grid never holds a whole view. Subscribers are told when pages arrive.
 */
import type { FilterSpec, RowDto, SortSpec, ViewPath } from '../../../../electron/shared/dto.js';
import { ApiError, request } from '../../api/client.js';

export const PAGE_ROWS = 100;
const MAX_PAGES = 80;
const MAX_IN_FLIGHT = 6;

export interface RowQuery {
  docId: string;
  path: ViewPath;
  sort: SortSpec | null;
  filters: FilterSpec[];
  generation: string;
}

export function queryKey(q: RowQuery): string {
  return JSON.stringify([q.docId, q.path, q.sort, q.filters, q.generation]);
}

export class RowCache {
  /** Rows in the current order; null until the first page told us (sorting/filtering may be running). */
  total: number | null;
  error: ApiError | null = null;
  private readonly pages = new Map<number, RowDto[]>();
  private readonly loading = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private wanted: number[] = [];
  private version = 0;

  constructor(readonly query: RowQuery, knownTotal: number | null) {
    this.total = knownTotal;
  }

  row(pos: number): RowDto | undefined {
    const page = this.pages.get(Math.floor(pos / PAGE_ROWS));
    return page?.[pos % PAGE_ROWS];
  }

  /** Asks for the pages covering rows first..last (newest wishes first). */
  ensure(first: number, last: number): void {
    if (last < first) return;
    const want: number[] = [];
    for (let p = Math.floor(first / PAGE_ROWS); p <= Math.floor(last / PAGE_ROWS); p++) {
      if (this.pages.has(p)) this.touch(p);
      else if (!this.loading.has(p)) want.push(p);
    }
    this.wanted = want;
    this.pump();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): number => this.version;

  private touch(p: number): void {
    const page = this.pages.get(p) as RowDto[];
    this.pages.delete(p);
    this.pages.set(p, page);
  }

  private pump(): void {
    while (this.loading.size < MAX_IN_FLIGHT && this.wanted.length > 0) {
      const p = this.wanted.shift() as number;
      if (this.pages.has(p) || this.loading.has(p)) continue;
      if (this.total !== null && p * PAGE_ROWS >= this.total && p > 0) continue;
      this.load(p);
    }
  }

  private load(p: number): void {
    this.loading.add(p);
    const q = this.query;
    request('getRows', { docId: q.docId, path: q.path, start: p * PAGE_ROWS, count: PAGE_ROWS, sort: q.sort, filters: q.filters }).then(
      (w) => {
        this.loading.delete(p);
        this.total = w.total;
        this.error = null;
        this.pages.set(p, w.rows);
        while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as number);
        this.changed();
        this.pump();
      },
      (e: unknown) => {
        this.loading.delete(p);
        // A superseded order is not an error the user needs to see.
        if (e instanceof ApiError && e.code === 'ABORTED') return;
        this.error = e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) });
        this.changed();
      },
    );
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}
