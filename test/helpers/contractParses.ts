/**
 * Counts how often the contract's argument schemas parse (in this thread): a spy on `safeParse` and
 * `parse` of every schema in the table (schemas shared by several methods are spied once). Parses the
 * engine does of its own files (registry, action log) use other schemas and are not counted.
 */
import { vi } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../electron/shared/contract.js';

export function countContractParses(): () => number {
  const schemas = [...new Set(Object.values(contract).map((spec): z.ZodType => spec.args))];
  const spies = schemas.flatMap((schema) => [vi.spyOn(schema, 'safeParse'), vi.spyOn(schema, 'parse')]);
  return () => spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
}
