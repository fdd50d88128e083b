/**
 * Issue 15: one contract table. Every method is one entry of it (its schema; its result type is checked
 * by tsc), keyed by exactly the names the zod-free methods.ts lists; the service is the composition of
 * its method groups, each method implemented by one group.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../electron/service/api/context.js';
import { composeGroups } from '../../electron/service/documentService.js';
import { contract } from '../../electron/shared/contract.js';
import { METHOD_NAMES } from '../../electron/shared/methods.js';
import { ok } from '../../electron/shared/result.js';
import { newService } from '../helpers/service.js';

describe('issue 15: the contract table', () => {
  it('has one entry per method name of methods.ts, in the same order', () => {
    expect(Object.keys(contract)).toEqual([...METHOD_NAMES]);
    expect(new Set(METHOD_NAMES).size).toBe(31);
  });

  it('the document service is its method groups composed: every method once, plus subscribe and dispose', () => {
    const service = newService();
    try {
      expect(Object.keys(service).sort()).toEqual([...METHOD_NAMES, 'dispose', 'subscribe'].sort());
      for (const method of METHOD_NAMES) expect(typeof service[method], method).toBe('function');
    } finally {
      service.dispose();
    }
  });

  it('refuses two method groups implementing the same method', () => {
    const ctx = {} as ServiceContext;
    const a = () => ({ appInfo: async () => ok({ version: 'a', transport: 'http' as const, canChooseFiles: false, supportedModes: [] }) });
    const b = () => ({ listRecent: async () => ok([]) });
    expect(Object.keys(composeGroups(ctx, [a, b]))).toEqual(['appInfo', 'listRecent']);
    expect(() => composeGroups(ctx, [a, b, a])).toThrow('two method groups of the document service implement appInfo');
  });
});
