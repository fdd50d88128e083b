/**
 * Measures how long the host's event loop (Electron main / the server process) is blocked while the
 * renderer hammers getRows on a 100k-row view and sorts and filters run: monitorEventLoopDelay over the
 * whole run, printed (a measurement, not a timed assertion; the assertions check the answers).
 * Three set-ups: the service in its worker behind the loopback server (what `serve` ships), the same
 * worker behind the IPC handlers of electron/main/ipc.ts (electron mocked: the handlers are called as
 * ipcMain would), and the service in-process (for comparison: column decoding then runs on the host's
 * thread).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it, vi } from 'vitest';
import { fake, FakeWebContents } from '../helpers/electronMock.js';
import { startServiceClient } from '../../electron/service/host/serviceClient.js';
import { startLoopbackServer } from '../../electron/server/server.js';
import type { InspectorApi } from '../../electron/shared/contract.js';
import type { RowWindow, SortSpec } from '../../electron/shared/dto.js';
import type { Result } from '../../electron/shared/result.js';
import { apiCall } from '../helpers/http.js';
import { corpusFile, newService, top } from '../helpers/service.js';

vi.mock('electron', async () => (await import('../helpers/electronMock.js')).electron);
const { registerContract } = await import('../../electron/main/ipc.js');

type Call = <T>(method: keyof InspectorApi, args: unknown) => Promise<Result<T>>;

interface Measurement {
  setup: string;
  requests: number;
  maxDelayMs: number;
  p99DelayMs: number;
  meanDelayMs: number;
  maxRequestMs: number;
  /** Gaps over 50 ms between 1 ms timer ticks (blocked, or starved of a core by other threads). */
  stallsOver50Ms: number[];
  /** Longest synchronous slice of one request handler on the host thread (HTTP set-up only). */
  maxHandlerSliceMs: number | null;
}

async function hammer(setup: string, call: Call, handlerSlice: () => number | null): Promise<Measurement> {
  const opened = await call<{ id: string }>('openDocument', { path: corpusFile('rows-100000') });
  if (!opened.ok) throw new Error(opened.error.message);
  const docId = opened.value.id;
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const stalls: number[] = [];
  let tick = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - tick > 50) stalls.push(Math.round(now - tick));
    tick = now;
  }, 1);
  let requests = 0;
  let maxRequestMs = 0;
  const timed = async <T>(method: keyof InspectorApi, args: unknown): Promise<Result<T>> => {
    const t = performance.now();
    const r = await call<T>(method, args);
    maxRequestMs = Math.max(maxRequestMs, performance.now() - t);
    requests++;
    return r;
  };
  const windows = async (sort: SortSpec | null): Promise<void> => {
    for (let i = 0; i < 60; i++) {
      const start = Math.floor(Math.random() * 99_800);
      const r = await timed<RowWindow>('getRows', { docId, path: top('big'), start, count: 200, sort });
      if (!r.ok) {
        if (r.error.code === 'ABORTED') continue;
        throw new Error(r.error.message);
      }
      expect(r.value.rows).toHaveLength(200);
      if (sort?.column === 'id') {
        const ids = r.value.rows.map((row) => row.cells[0]?.t === 'I' && row.cells[0].v);
        expect(ids).toEqual([...(ids as number[])].sort((a, b) => (sort.direction === 'asc' ? a - b : b - a)));
      }
    }
  };
  const sorts: SortSpec[] = ['id', 'small', 'name'].flatMap((column) => (['asc', 'desc'] as const).map((direction) => ({ column, direction })));
  await Promise.all([
    windows(null), windows(null), windows({ column: 'id', direction: 'desc' }),
    (async () => {
      for (const sort of sorts) {
        const r = await timed<RowWindow>('getRows', { docId, path: top('big'), start: 0, count: 50, sort, filters: [{ column: 'name', op: 'contains', value: '1' }] });
        if (r.ok) expect(r.value.total).toBeGreaterThan(0);
      }
    })(),
  ]);
  h.disable();
  clearInterval(ticker);
  const m = {
    setup, requests, maxDelayMs: h.max / 1e6, p99DelayMs: h.percentile(99) / 1e6, meanDelayMs: h.mean / 1e6, maxRequestMs, stallsOver50Ms: stalls, maxHandlerSliceMs: handlerSlice(),
  };
  console.log(`event loop (${setup}): ${requests} requests, max delay ${m.maxDelayMs.toFixed(1)} ms, p99 ${m.p99DelayMs.toFixed(1)} ms, mean ${m.meanDelayMs.toFixed(2)} ms, stalls > 50 ms: ${stalls.length ? stalls.join(', ') : 'none'}, longest handler slice ${m.maxHandlerSliceMs === null ? 'n/a' : `${m.maxHandlerSliceMs.toFixed(1)} ms`}; slowest request ${maxRequestMs.toFixed(0)} ms (it waits for a sort, the loop does not)`);
  return m;
}

describe('event loop of the host while rows are fetched and orders computed', () => {
  it('measures the loopback server with the service in its worker, and the in-process service', async () => {
    const results: Measurement[] = [];
    const client = startServiceClient({ version: 'test', transport: 'http', configDir: null });
    let slice = 0;
    const server = await startLoopbackServer({ api: client, port: 0, staticDir: null, onTiming: (_m, ms) => { slice = Math.max(slice, ms); } });
    try {
      results.push(await hammer('HTTP + service worker (shipped)', (m, a) => apiCall(server.port, server.token, m, a) as never, () => slice));
    } finally {
      await server.close();
      await client.close();
    }
    const ipcClient = startServiceClient({ version: 'test', transport: 'ipc', configDir: null });
    const page = new FakeWebContents();
    let ipcSlice = 0;
    registerContract(ipcClient, (wc) => wc === (page as unknown), (_m, ms) => { ipcSlice = Math.max(ipcSlice, ms); });
    const event = { sender: page, senderFrame: { url: 'app://inspector/index.html', parent: null } };
    try {
      results.push(await hammer('IPC handlers + service worker (desktop)', (m, a) => (fake.state.handlers.get(`mk:${m}`) as (e: unknown, x: unknown) => Promise<Result<never>>)(event, a), () => ipcSlice));
    } finally {
      await ipcClient.close();
    }
    const local = newService();
    try {
      results.push(await hammer('in-process service', (m, a) => (local[m] as (x: unknown) => Promise<Result<never>>)(a), () => null));
    } finally {
      local.dispose();
    }
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/event-loop.json', `${JSON.stringify(results, null, 2)}\n`);
    expect(results.every((r) => r.requests === 186)).toBe(true);
  });
});
