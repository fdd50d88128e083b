/** The demo's only source of variety: xorshift32 from a fixed seed, so every run writes the same bytes. */
export class DemoRandom {
  private x: number;

  constructor(seed: number) {
    this.x = seed >>> 0 || 1;
  }

  next(): number {
    let x = this.x;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.x = x;
    return x;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return this.next() % n;
  }

  /** A double in [0, 1). */
  unit(): number {
    return this.next() / 4294967296;
  }
}
