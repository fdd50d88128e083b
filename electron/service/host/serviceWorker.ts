/**
 * Worker entry hosting the DocumentService. Decoding a column of ten million rows takes longer than a
 * frame; here it delays only the answer that needs it, never the Electron main process or the server's
 * event loop. Calls arrive validated (see serviceClient.ts), so they are invoked, not parsed again.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { invoke } from '../../shared/dispatch.js';
import { createDocumentService, type ServiceOptions } from '../documentService.js';
import type { CallMessage, DisposeMessage, HostMessage } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('the service worker must run in a worker thread');
const service = createDocumentService(workerData as ServiceOptions);
const post = (m: HostMessage): void => port.postMessage(m);
service.subscribe((event) => post({ kind: 'event', event }));
port.on('message', (m: CallMessage | DisposeMessage) => {
  if (m.kind === 'dispose') {
    service.dispose();
    port.close();
    return;
  }
  // Validated by the host's boundary (ipc.ts, the loopback server): no second parse here.
  void invoke(service, m.method, m.args).then((result) => post({ kind: 'result', id: m.id, result }));
});
