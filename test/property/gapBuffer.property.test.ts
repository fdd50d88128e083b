/**
 * The gap buffer behind edited columns against a plain array: random inserts, removals and sets move
 * the gap around, and after each step every slice (before the gap, after it, across it, short runs
 * copied by hand and long ones by TypedArray#set) and every element equal the model's. A slice is a
 * copy: editing the buffer afterwards leaves it unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteBuffer } from '../../engine/core/write/handlers/gapBuffer.js';

const RUNS = Number(process.env.MK_PROPERTY_RUNS ?? 200);

type Step =
  | { kind: 'insert'; at: number; values: number[] }
  | { kind: 'remove'; at: number; count: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'slice'; start: number; count: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fraction, values: fc.array(fc.nat(255), { maxLength: 150 }) }),
  fc.record({ kind: fc.constant('remove' as const), at: fraction, count: fc.nat(80) }),
  fc.record({ kind: fc.constant('set' as const), at: fraction, value: fc.nat(255) }),
  fc.record({ kind: fc.constant('slice' as const), start: fraction, count: fraction }),
);

describe('GapBuffer (property)', () => {
  it('matches an array model through inserts, removals, sets and slices anywhere around the gap', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(stepArb, { maxLength: 40 }), (initial, steps) => {
      const buf = new ByteBuffer(initial);
      const model = [...initial];
      for (const s of steps) {
        const n = model.length;
        if (s.kind === 'insert') {
          const at = Math.floor(s.at * n);
          buf.insertArray(at, Uint8Array.from(s.values));
          model.splice(at, 0, ...s.values);
        } else if (s.kind === 'remove') {
          const at = Math.floor(s.at * n);
          const count = Math.min(s.count, n - at);
          buf.remove(at, count);
          model.splice(at, count);
        } else if (s.kind === 'set') {
          if (n === 0) continue;
          const at = Math.min(n - 1, Math.floor(s.at * n));
          buf.set(at, s.value);
          model[at] = s.value;
        } else {
          const start = Math.floor(s.start * n);
          const count = Math.floor(s.count * (n - start));
          const copy = buf.slice(start, count);
          const expected = model.slice(start, start + count);
          expect([...copy]).toEqual(expected);
          // A copy, not a view: an edit of its first element afterwards does not reach it.
          if (count > 0) {
            const v = ((model[start] as number) + 1) & 255;
            buf.set(start, v);
            model[start] = v;
            expect([...copy]).toEqual(expected);
          }
        }
        expect(buf.length).toBe(model.length);
      }
      // Every slice position of the final state, so runs before, after and across the gap all occur.
      const n = model.length;
      for (let start = 0; start < n; start += 7) {
        for (const count of [0, 1, 5, 64, 65, 200]) {
          const c = Math.min(count, n - start);
          expect([...buf.slice(start, c)]).toEqual(model.slice(start, start + c));
        }
      }
      expect([...buf.toArray()]).toEqual(model);
    }), { numRuns: RUNS });
  });
});
