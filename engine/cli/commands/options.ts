import { InvalidArgumentError } from 'commander';

export function parseNonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError(`expected a non-negative integer, got '${value}'`);
  return n;
}

export function parseInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n === 0) throw new InvalidArgumentError(`expected a non-zero integer, got '${value}'`);
  return n;
}
