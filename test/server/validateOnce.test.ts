/**
 * Issue 15: a request is validated once, at the boundary that receives it. The loopback server parses
 * each request with the contract's schema (counted in this thread, with the service in-process); the
 * service worker behind serviceClient does not parse again: an argument the schema refuses, handed to
 * the client directly (as only the host can), is served as it is, while the same argument over HTTP
 * is refused by the server before it reaches the worker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startServiceClient } from '../../electron/service/host/serviceClient.js';
import { startLoopbackServer, type LoopbackServer } from '../../electron/server/server.js';
import { MAX_WINDOW, type ArgsOf } from '../../electron/shared/contract.js';
import type { RowWindow } from '../../electron/shared/dto.js';
import { countContractParses } from '../helpers/contractParses.js';
import { apiCall } from '../helpers/http.js';
import { corpusFile, newService, top, unwrap } from '../helpers/service.js';

const contractParses = countContractParses();
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function serve(api: Parameters<typeof startLoopbackServer>[0]['api']): Promise<LoopbackServer> {
  const server = await startLoopbackServer({ api, port: 0, staticDir: null });
  cleanup.push(() => server.close());
  return server;
}

describe('issue 15: one validation per request, at the boundary that receives it', () => {
  it('the loopback server parses each request once', async () => {
    const service = newService();
    cleanup.push(() => service.dispose());
    const server = await serve(service);
    let parsed = contractParses();
    const opened = await apiCall<{ id: string }>(server.port, server.token, 'openDocument', { path: corpusFile('rows-1000') });
    expect(contractParses() - parsed).toBe(1);
    const docId = unwrap(opened).id;
    for (const count of [10, 0, MAX_WINDOW]) {
      parsed = contractParses();
      const rows = unwrap(await apiCall<RowWindow>(server.port, server.token, 'getRows', { docId, path: top('rows'), start: 0, count, sort: { column: 'id', direction: 'desc' } }));
      expect(rows.rows).toHaveLength(Math.min(count, 1000));
      expect(contractParses() - parsed).toBe(1);
    }
    parsed = contractParses();
    const refused = await apiCall(server.port, server.token, 'getRows', { docId, path: top('rows'), start: 0, count: MAX_WINDOW + 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    expect(contractParses() - parsed).toBe(1);
  });

  it('the service worker invokes what its host hands it, without parsing again', async () => {
    const client = startServiceClient({ version: 'test', transport: 'http', configDir: null });
    cleanup.push(() => client.close());
    const docId = unwrap(await client.openDocument({ path: corpusFile('rows-1000') })).id;
    // Two things the schema refuses: a window over MAX_WINDOW and a key it does not know.
    const unchecked = { docId, path: top('rows'), start: 0, count: MAX_WINDOW + 500, unknownKey: true } as unknown as ArgsOf<'getRows'>;
    const parsed = contractParses();
    const direct = unwrap(await client.getRows(unchecked));
    expect(direct.rows).toHaveLength(1000);
    expect(contractParses() - parsed).toBe(0);
    const server = await serve(client);
    const overHttp = await apiCall(server.port, server.token, 'getRows', unchecked);
    expect(overHttp).toEqual({ ok: false, error: { code: 'BAD_ARGUMENT', message: expect.stringMatching(/^invalid arguments for getRows/) } });
  });
});
