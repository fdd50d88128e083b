/**
 * Export of a view (or of its current sort/filter order) to CSV or JSON, as a job: engine/node/export.ts
 * streams the rows to the file in chunks of about 64 KB, yielding between them, so the service keeps
 * answering (row windows, other jobs) while a million rows are written. Values are those
 * `mkinspect dump --json` shows, so an export can be checked against a dump.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { exportView as streamView } from '../../engine/node/export.js';
import type { View } from '../../engine/core/read/view.js';
import type { ArgsOf } from '../shared/contract.js';
import type { ExportResultDto } from '../shared/dtoEdit.js';
import type { OpenDocument } from './document.js';
import { canonical } from './document.js';
import { ServiceError, toErrorInfo } from './errors.js';
import type { JobHandle } from './jobs.js';

/** Refuses targets that would overwrite the document's own files, or anything without `overwrite`. */
export function checkExportTarget(doc: OpenDocument, target: string, overwrite: boolean): string {
  const abs = resolve(target);
  if (!existsSync(dirname(abs))) throw new ServiceError('IO', `cannot export to ${abs}: the folder ${dirname(abs)} does not exist`);
  const real = canonical(abs);
  const own = [doc.mainPath, doc.asidePath].filter((p): p is string => p !== null);
  if (own.includes(real)) throw new ServiceError('BAD_ARGUMENT', `refusing to export over the document's own file ${basename(real)}`);
  if (existsSync(abs)) {
    if (statSync(abs).isDirectory()) throw new ServiceError('BAD_ARGUMENT', `${abs} is a folder: name a file to export to`);
    if (!overwrite) throw new ServiceError('EXISTS', `${abs} exists already: choose another name, or allow replacing it`);
  }
  return abs;
}

export async function runExport(view: View, target: string, args: Pick<ArgsOf<'exportView'>, 'format'>, rows: Int32Array | null, job: JobHandle): Promise<ExportResultDto> {
  const started = performance.now();
  const total = rows ? rows.length : view.rowCount;
  job.progress('writing', 0, total, `to ${target}`);
  try {
    const written = await streamView(view, target, {
      format: args.format,
      rows: rows ?? undefined,
      signal: job.signal,
      onProgress: (done, all) => job.progress('writing', done, all, `to ${target}`),
    });
    job.finish();
    return { target, format: args.format, rows: written, bytes: statSync(target).size, ms: Math.round(performance.now() - started), ordered: rows !== null };
  } catch (e) {
    // A cancelled or failed export leaves no half file behind.
    rmSync(target, { force: true });
    if (job.signal.aborted) throw new ServiceError('ABORTED', `export to ${target} cancelled`);
    job.fail(toErrorInfo(e));
    throw e;
  }
}
