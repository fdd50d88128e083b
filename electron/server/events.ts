/** Server-Sent Events: every contract event to every connected renderer, with a keep-alive comment. */
import type { ServerResponse } from 'node:http';
import type { InspectorEvent } from '../shared/contract.js';

const KEEP_ALIVE_MS = 15_000;

export class EventStreams {
  private readonly clients = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    this.timer.unref();
  }

  add(res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  send(event: InspectorEvent): void {
    this.write(`data: ${JSON.stringify(event)}\n\n`);
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.timer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(text: string): void {
    for (const res of this.clients) res.write(text);
  }
}
