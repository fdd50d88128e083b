/**
 * The preload exposes one method per contract channel, event subscription and the dropped-file path,
 * and nothing else; its bundle is one CommonJS file that requires only electron (the sandbox).
 */
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { fake } from '../helpers/electronMock.js';
import { EVENT_CHANNEL, METHOD_NAMES, type PreloadBridge } from '../../electron/shared/contract.js';

vi.mock('electron', async () => (await import('../helpers/electronMock.js')).electron);

await import('../../electron/preload/preload.js');

describe('preload', () => {
  const api = fake.state.exposed.get('api') as PreloadBridge;

  it('exposes window.api only, with one method per channel plus subscribe and pathForFile', () => {
    expect([...fake.state.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'pathForFile', 'subscribe'].sort());
  });

  it('sends each method on its own channel with the argument as given', async () => {
    for (const method of METHOD_NAMES) {
      const args = { probe: method };
      const r = await (api[method] as (a: unknown) => Promise<unknown>)(args);
      expect(fake.state.invoked.at(-1)).toEqual([`mk:${method}`, args]);
      expect(r).toEqual({ ok: true, value: `mk:${method}` });
    }
  });

  it('subscribes to the event channel and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = api.subscribe((e) => seen.push(e));
    const listeners = fake.state.rendererListeners.get(EVENT_CHANNEL) ?? [];
    expect(listeners).toHaveLength(1);
    listeners[0]?.({}, { type: 'menu', command: 'open' });
    expect(seen).toEqual([{ type: 'menu', command: 'open' }]);
    off();
    expect(fake.state.rendererListeners.get(EVENT_CHANNEL)).toEqual([]);
    expect(api.pathForFile({ name: 'x.mk' })).toBe('/dropped/x.mk');
  });

  it('bundles to one CommonJS file requiring only electron, without zod (the schemas run in the main process)', () => {
    const out = buildSync({
      entryPoints: [join(import.meta.dirname, '..', '..', 'electron', 'preload', 'preload.ts')],
      bundle: true, platform: 'node', format: 'cjs', external: ['electron'], write: false,
    });
    const code = out.outputFiles[0]?.text ?? '';
    expect([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/zod|safeParse/i);
    expect(code.length).toBeLessThan(4000);
  });
});
