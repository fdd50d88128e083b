/**
 * Deterministic fuzz inputs: input `index` of run `seed` is always the same bytes, so a failure found
 * by a worker can be reproduced alone (`npm run --silent fuzz:repro -- SEED INDEX`). Mutations: bit flips,
 * byte and int overwrites (biased to the tails and root walk at the end), truncations, deletions and
 * duplications, varint stop-bit changes, splices and crossovers between corpus files.
 */
import { concat } from '../helpers/bytes.js';
import type { FuzzSource } from './sources.js';

export interface FuzzInput {
  index: number;
  /** Human-readable recipe: source and mutations. */
  recipe: string;
  main: Uint8Array;
  aside?: Uint8Array;
}

/** mulberry32: a small, fast, seedable PRNG (uint32 state). */
export class Prng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Uniform integer in 0..n-1 (n >= 1). */
  int(n: number): number {
    return n <= 1 ? 0 : this.next() % n;
  }
  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/** Mixes the run seed and the input index into an independent PRNG seed (splitmix32 finaliser). */
export function inputSeed(seed: number, index: number): number {
  let z = (seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x4a, 0x4c, 0x1a, 0x0a, 0x5b, 0x5d, 0x2c, 0x3a, 0x5e];
const INTERESTING_INTS = [0, 1, -1, 8, 16, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, -0x80000000, 0x01000000];

/**
 * A position: mostly in the body between the header and the tails (so the tail scan still finds the
 * root walk and the mutation reaches walks and columns), often near the end of the body (root walk,
 * last columns), sometimes anywhere (header, tails).
 */
function position(rng: Prng, size: number): number {
  const body = size - 16;
  const r = rng.int(10);
  if (r < 2 || body <= 9) return rng.int(size);
  if (r < 6) return body - 1 - rng.int(Math.min(body - 8, 96));
  return 8 + rng.int(body - 8);
}

/**
 * After `delta` bytes were inserted (or removed, delta < 0) at `at`, moves the skip and commit tails'
 * offsets along if the original ended with intact tails, so the shifted file still opens and the
 * damage is found in the walks and columns rather than at the tail scan.
 */
function fixTails(out: Uint8Array, original: Uint8Array, at: number, delta: number): void {
  const n = original.length;
  if (n < 24 || out.length < 24 || at >= n - 16) return;
  const dv = new DataView(original.buffer, original.byteOffset, n);
  const skipOff = dv.getInt32(n - 12);
  const rootPos = dv.getInt32(n - 4);
  if (original[n - 16] !== 0x80 || original[n - 8] !== 0x80 || skipOff <= 0 || rootPos <= 0) return;
  const base = n - 16 - skipOff;
  if (base < 0 || at < base) return;
  const o = new DataView(out.buffer, out.byteOffset, out.length);
  o.setInt32(out.length - 12, skipOff + delta);
  if (at - base <= rootPos) o.setInt32(out.length - 4, rootPos + delta);
}

/** One mutation of `b` (never in place); `donors` supply bytes for splices. Returns bytes and a label. */
export function mutateOnce(rng: Prng, b: Uint8Array, donors: readonly FuzzSource[]): [Uint8Array, string] {
  const size = b.length;
  const roll = rng.int(100);
  if (size === 0 || roll < 20) {
    const out = b.slice();
    const n = 1 + rng.int(4);
    const at: number[] = [];
    for (let i = 0; i < n && size > 0; i++) {
      const p = position(rng, size);
      out[p] = (out[p] as number) ^ (1 << rng.int(8));
      at.push(p);
    }
    return [out, `flip@${at.join(',')}`];
  }
  if (roll < 40) {
    const out = b.slice();
    const n = 1 + rng.int(4);
    const at: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = position(rng, size);
      out[p] = rng.chance(0.7) ? rng.pick(INTERESTING_BYTES) : rng.int(256);
      at.push(p);
    }
    return [out, `byte@${at.join(',')}`];
  }
  if (roll < 50) {
    const out = b.slice();
    const p = position(rng, Math.max(1, size - 3));
    const v = rng.chance(0.7) ? rng.pick(INTERESTING_INTS) : (rng.next() | 0);
    const dv = new DataView(out.buffer);
    if (p + 4 <= size) dv.setInt32(p, v, rng.chance(0.5));
    return [out, `int32@${p}=${v}`];
  }
  if (roll < 60) {
    const len = rng.chance(0.5) ? size - 1 - rng.int(Math.min(size, 32)) : rng.int(size);
    return [b.slice(0, Math.max(0, len)), `cut@${len}`];
  }
  if (roll < 70) {
    const p = position(rng, size);
    const n = 1 + rng.int(Math.min(16, size - p));
    const fix = rng.chance(0.8);
    if (rng.chance(0.5)) {
      const out = concat(b.subarray(0, p), b.subarray(p + n));
      if (fix && p + n <= size - 16) fixTails(out, b, p, -n);
      return [out, `del@${p}+${n}${fix ? ' fixed' : ''}`];
    }
    const out = concat(b.subarray(0, p + n), b.subarray(p, p + n), b.subarray(p + n));
    if (fix) fixTails(out, b, p + n, n);
    return [out, `dup@${p}+${n}${fix ? ' fixed' : ''}`];
  }
  if (roll < 80) {
    // Toggle a stop bit: lengthens or shortens a varint in the walks.
    const out = b.slice();
    const p = position(rng, size);
    out[p] = (out[p] as number) ^ 0x80;
    return [out, `stop@${p}`];
  }
  const donor = rng.pick(donors);
  const d = donor.main;
  if (d.length === 0) return [b.slice(), 'noop'];
  const from = rng.int(d.length);
  const n = 1 + rng.int(Math.min(64, d.length - from));
  const piece = d.subarray(from, from + n);
  const p = rng.chance(0.7) ? position(rng, size) : rng.int(size + 1);
  if (roll < 88) {
    const out = concat(b.subarray(0, p), piece, b.subarray(p));
    const fix = rng.chance(0.8);
    if (fix) fixTails(out, b, p, n);
    return [out, `insert@${p}<${donor.name}[${from}+${n}]${fix ? ' fixed' : ''}`];
  }
  if (roll < 95) {
    const out = b.slice();
    out.set(piece.subarray(0, Math.max(0, size - p)), p);
    return [out, `over@${p}<${donor.name}[${from}+${n}]`];
  }
  const cut = rng.int(d.length + 1);
  return [concat(b.subarray(0, p), d.subarray(cut)), `cross@${p}<${donor.name}[${cut}..]`];
}

function mutate(rng: Prng, b: Uint8Array, donors: readonly FuzzSource[]): [Uint8Array, string] {
  const rounds = 1 + (rng.chance(0.3) ? rng.int(3) : 0);
  let out = b;
  const labels: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const [next, label] = mutateOnce(rng, out, donors);
    out = next;
    labels.push(label);
  }
  return [out, labels.join(' ')];
}

/** Input `index` of a run with `seed` over `sources`. */
export function makeInput(seed: number, index: number, sources: readonly FuzzSource[]): FuzzInput {
  const rng = new Prng(inputSeed(seed, index));
  const src = rng.pick(sources);
  if (!src.aside) {
    const [main, how] = mutate(rng, src.main, sources);
    return { index, recipe: `${src.name}: ${how}`, main };
  }
  const which = rng.int(5);
  let main = src.main;
  let aside = src.aside;
  const parts: string[] = [];
  if (which !== 1) {
    const [m, how] = mutate(rng, main, sources);
    main = m;
    parts.push(`main ${how}`);
  }
  if (which !== 0) {
    const [a, how] = mutate(rng, aside, sources);
    aside = a;
    parts.push(`aside ${how}`);
  }
  return { index, recipe: `${src.name}: ${parts.join('; ')}`, main, aside };
}
