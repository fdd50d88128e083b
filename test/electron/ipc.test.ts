/**
 * Contract tests for every IPC handler, with electron mocked at the module boundary: a valid call from
 * the app's own page answers a Result, invalid arguments answer BAD_ARGUMENT, and foreign senders
 * (another origin, a subframe, an unknown window, no frame) answer FORBIDDEN without reaching the
 * service.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake, FakeWebContents } from '../helpers/electronMock.js';
import { join } from 'node:path';
import { countContractParses } from '../helpers/contractParses.js';
import { corpusFile, newService, tempDir } from '../helpers/service.js';
import { METHOD_NAMES, type MethodName } from '../../electron/shared/contract.js';
import type { Result } from '../../electron/shared/result.js';

vi.mock('electron', async () => (await import('../helpers/electronMock.js')).electron);

const { registerContract, sendEvent } = await import('../../electron/main/ipc.js');
const { desktopApi } = await import('../../electron/main/mainApi.js');

const service = newService();
const contractParses = countContractParses();
const ours = new FakeWebContents();
const stranger = new FakeWebContents();
let docId = '';
let served = 0;

type Invoke = (event: unknown, args: unknown) => Promise<Result<unknown>>;
const handler = (m: MethodName): Invoke => fake.state.handlers.get(`mk:${m}`) as Invoke;
const frame = (url: string, parent: unknown = null) => ({ url, parent });
const fromApp = { sender: ours, senderFrame: frame('app://inspector/index.html') };

beforeAll(async () => {
  const counted = new Proxy(service, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      return typeof v === 'function' ? (...a: unknown[]) => { served++; return (v as (...x: unknown[]) => unknown).apply(target, a); } : v;
    },
  });
  registerContract(desktopApi(counted, () => null, () => {}), (wc) => wc === (ours as unknown));
  const opened = await handler('openDocument')(fromApp, { path: corpusFile('nested-3') });
  if (!opened.ok) throw new Error(opened.error.message);
  docId = (opened.value as { id: string }).id;
});
afterAll(() => service.dispose());

const path = { view: 'top', steps: [] };
const exportDir = tempDir('mk-ipc-export-');
const READ_ONLY_MESSAGE = 'data.mk is open read-only: open it in extend or read-write mode to edit';
const VALID: Record<MethodName, () => unknown> = {
  appInfo: () => ({}),
  chooseFile: () => ({}),
  openDocument: () => ({ path: corpusFile('rows-100') }),
  closeDocument: () => ({ docId: 'd999' }),
  listDocuments: () => ({}),
  setAsideAttached: () => ({ docId, attached: false }),
  listViews: () => ({ docId }),
  describeView: () => ({ docId, path }),
  getRows: () => ({ docId, path, start: 0, count: 2 }),
  getCell: () => ({ docId, path, row: 0, column: 'name' }),
  getStats: () => ({ docId }),
  listRecent: () => ({}),
  clearRecent: () => ({}),
  cancelJob: () => ({ jobId: 'job999' }),
  getAsideReport: () => ({ docId }),
  listHolders: () => ({ docId }),
  cleanStale: () => ({ docId }),
  planFlush: () => ({ docId }),
  flushDocument: () => ({ docId, backup: false, waitSeconds: 0, force: false }),
  listActions: () => ({ docId }),
  setFollow: () => ({ docId, paused: false }),
  setPin: () => ({ docId, pinned: true }),
  listGenerations: () => ({ docId }),
  compareSnapshots: () => ({ docId, from: { kind: 'pinned' }, to: { kind: 'current' } }),
  editCell: () => ({ docId, path, row: 0, column: 'name', value: 'x' }),
  appendRow: () => ({ docId, path }),
  deleteRows: () => ({ docId, path, rows: [0] }),
  listPending: () => ({ docId }),
  commitChanges: () => ({ docId }),
  revertChanges: () => ({ docId }),
  exportView: () => ({ docId, path, format: 'csv', target: join(exportDir, 'top.csv'), overwrite: true }),
};

/** Valid arguments naming something that is not there: the service's own answer comes back. */
const EXPECTED_FAILURE: Partial<Record<MethodName, { code: string; message: string }>> = {
  closeDocument: { code: 'NO_DOCUMENT', message: 'no open document d999 (it was closed)' },
  cancelJob: { code: 'BAD_ARGUMENT', message: 'no running job job999' },
  flushDocument: { code: 'UNSUPPORTED', message: 'data.mk has no aside: there is nothing to flush' },
  editCell: { code: 'READ_ONLY', message: READ_ONLY_MESSAGE },
  appendRow: { code: 'READ_ONLY', message: READ_ONLY_MESSAGE },
  deleteRows: { code: 'READ_ONLY', message: READ_ONLY_MESSAGE },
  commitChanges: { code: 'READ_ONLY', message: READ_ONLY_MESSAGE },
  revertChanges: { code: 'READ_ONLY', message: READ_ONLY_MESSAGE },
};

const INVALID: Record<MethodName, unknown> = {
  appInfo: { extra: 1 },
  chooseFile: null,
  openDocument: { path: '' },
  closeDocument: { docId: 42 },
  listDocuments: 'all',
  setAsideAttached: { docId: 'd1', attached: 'yes' },
  listViews: {},
  describeView: { docId: 'd1', path: { view: 'top' } },
  getRows: { docId: 'd1', path: { view: 'top', steps: [] }, start: 0, count: 1_000_000 },
  getCell: { docId: 'd1', path: { view: 'top', steps: [] }, row: -1, column: 'name' },
  getStats: { docId: '' },
  listRecent: [],
  clearRecent: { all: true },
  cancelJob: { jobId: 7 },
  getAsideReport: { docId: 'd1', extra: true },
  listHolders: {},
  cleanStale: { docId: null },
  planFlush: { docId: 'x'.repeat(100) },
  flushDocument: { docId: 'd1', backup: 'yes', waitSeconds: 0, force: false },
  listActions: { doc: 'd1' },
  setFollow: { docId: 'd1', paused: 1 },
  setPin: { docId: 'd1' },
  listGenerations: { docId: 5 },
  compareSnapshots: { docId: 'd1', from: { kind: 'generation', ref: { mainEnd: -1, asideEnd: null } }, to: { kind: 'current' } },
  editCell: { docId: 'd1', path: { view: 'top', steps: [] }, row: 0, column: 'name', value: 42 },
  appendRow: { docId: 'd1', path: { view: '', steps: [] } },
  deleteRows: { docId: 'd1', path: { view: 'top', steps: [] }, rows: [] },
  listPending: { docId: 'd1', all: true },
  commitChanges: [],
  revertChanges: 'd1',
  exportView: { docId: 'd1', path: { view: 'top', steps: [] }, format: 'xlsx', target: '/tmp/x.xlsx' },
};

describe('IPC handlers (electron mocked)', () => {
  it('registers exactly one handler per contract method', () => {
    expect([...fake.state.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => `mk:${m}`).sort());
  });

  for (const method of METHOD_NAMES) {
    describe(method, () => {
      it('answers a valid call from the app page with a Result, its argument parsed once (issue 15)', async () => {
        const parsed = contractParses();
        const r = await handler(method)(fromApp, VALID[method]());
        expect(contractParses() - parsed).toBe(1);
        const failure = EXPECTED_FAILURE[method];
        if (failure) expect(r).toEqual({ ok: false, error: failure });
        else expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
      });

      it('refuses invalid arguments with BAD_ARGUMENT before the service sees them', async () => {
        const before = served;
        const r = await handler(method)(fromApp, INVALID[method]);
        expect(r).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT', message: expect.stringContaining(`invalid arguments for ${method}`) } });
        expect(served).toBe(before);
      });

      it('refuses foreign senders with FORBIDDEN before the service sees them', async () => {
        const before = served;
        const foreign = [
          { sender: ours, senderFrame: frame('https://evil.example/') },
          { sender: ours, senderFrame: frame('file:///tmp/page.html') },
          { sender: ours, senderFrame: frame('app://inspector/index.html', frame('app://inspector/index.html')) },
          { sender: ours, senderFrame: null },
          { sender: stranger, senderFrame: frame('app://inspector/index.html') },
          { sender: ours, senderFrame: frame('app://inspectorx/index.html') },
        ];
        for (const event of foreign) {
          const r = await handler(method)(event, VALID[method]());
          expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: `${method}: the caller is not the inspector's own page` } });
        }
        expect(served).toBe(before);
      });
    });
  }

  it('serves real answers: rows of the opened document, the native dialog, the OS recent list', async () => {
    const rows = await handler('getRows')(fromApp, { docId, path, start: 0, count: 2 });
    expect(rows.ok && (rows.value as { rows: { cells: { t: string; text?: string }[] }[] }).rows.map((r) => r.cells[0]?.text)).toEqual(['root-a', 'root-b']);
    expect(await handler('chooseFile')(fromApp, {})).toEqual({ ok: true, value: '/chosen/file.mk' });
    expect(await handler('appInfo')(fromApp, {})).toMatchObject({ ok: true, value: { transport: 'ipc', canChooseFiles: true } });
    expect((await handler('openDocument')(fromApp, { path: corpusFile('rows-1000') })).ok).toBe(true);
    expect(fake.state.recentDocuments.at(-1)).toBe(corpusFile('rows-1000'));
  });

  it('sends events on the event channel', () => {
    sendEvent(ours as never, { type: 'menu', command: 'open' });
    expect(ours.sent.at(-1)).toEqual(['mk:event', { type: 'menu', command: 'open' }]);
  });
});
