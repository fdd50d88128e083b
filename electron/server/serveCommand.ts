/**
 * `mkinspect serve [FILE…] [--port N]`: the inspector for machines without a desktop (over an SSH
 * tunnel) and for the browser tests. Prints the URL with the per-run token on stdout, then serves
 * until interrupted.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { CliIo } from '../../engine/cli/io.js';
import { CliExit, EXIT } from '../../engine/cli/io.js';
import type { CliExtension } from '../../engine/cli/program.js';
import { startServiceClient } from '../service/host/serviceClient.js';
import { APP_VERSION } from '../shared/security.js';
import { findRendererDir } from './staticFiles.js';
import { startLoopbackServer } from './server.js';

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`expected a port 0..65535, got '${value}'`);
  return n;
}

/** Recent files live here: MKINSPECT_CONFIG_DIR, else the XDG config directory. */
export function configDir(): string {
  if (process.env.MKINSPECT_CONFIG_DIR) return process.env.MKINSPECT_CONFIG_DIR;
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'metakit-inspector');
}

export interface ServeOptions {
  port?: number;
  aside?: string;
  staticDir?: string;
}

/** Serves until `stop` resolves (SIGINT/SIGTERM from the command). */
export async function serve(files: readonly string[], opts: ServeOptions, io: CliIo, stop: Promise<void>): Promise<number> {
  const api = startServiceClient({ version: APP_VERSION, transport: 'http', configDir: configDir() });
  let failed = 0;
  for (const [i, file] of files.entries()) {
    const r = await api.openDocument(i === 0 && opts.aside !== undefined ? { path: file, aside: opts.aside } : { path: file });
    if (!r.ok) {
      failed++;
      io.err(`mkinspect serve: cannot open ${file}: ${r.error.code}: ${r.error.message}\n`);
    }
  }
  const staticDir = opts.staticDir ?? findRendererDir();
  if (!staticDir) io.err('mkinspect serve: the renderer is not built (npm run build); serving the API only\n');
  let server;
  try {
    server = await startLoopbackServer({ api, port: opts.port ?? 0, staticDir });
  } catch (e) {
    await api.close();
    throw new CliExit(EXIT.badInput, `mkinspect serve: cannot listen on 127.0.0.1:${opts.port ?? 0}: ${(e as Error).message}`);
  }
  io.out(`${server.url}\n`);
  io.err(`mkinspect serve: ${files.length - failed} of ${files.length} file(s) open; press Ctrl+C to stop\n`);
  await stop;
  await server.close();
  await api.close();
  return EXIT.ok;
}

export const registerServe: CliExtension = (program: Command, io: CliIo) => {
  program
    .command('serve')
    .description('serve the inspector on http://127.0.0.1 with a per-run token (prints the URL)')
    .argument('[files...]', 'datafiles to open (x.mka next to x.mk is attached automatically)')
    .option('--port <n>', 'port (default: a free one)', parsePort)
    .option('--aside <aside>', 'aside file for the first datafile')
    .option('--static <dir>', 'directory of the built renderer (default renderer/dist)')
    .action(async (files: string[], opts: { port?: number; aside?: string; static?: string }) => {
      const stop = new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      const code = await serve(files, { port: opts.port, aside: opts.aside, staticDir: opts.static }, io, stop);
      if (code !== EXIT.ok) throw new CliExit(code);
    });
};
