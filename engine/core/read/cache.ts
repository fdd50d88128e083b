/**
 * A byte-budgeted LRU cache for column bytes and decoded columns. Entries past the budget are dropped
 * oldest-first; a dropped column is simply read and decoded again on its next use.
 */
export class ColumnCache {
  private readonly entries = new Map<string, { value: unknown; bytes: number }>();
  private total = 0;
  hits = 0;
  misses = 0;

  constructor(readonly budget: number) {}

  get<T>(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value as T;
  }

  set<T>(key: string, value: T, bytes: number): T {
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    if (this.total > this.budget) this.evict();
    return value;
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.total -= e.bytes;
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  get size(): number {
    return this.total;
  }

  private evict(): void {
    for (const [key, e] of this.entries) {
      if (this.total <= this.budget) break;
      // Keep the newest entry even if it alone is over budget: it is about to be used.
      if (this.entries.size === 1) break;
      this.entries.delete(key);
      this.total -= e.bytes;
    }
  }
}
