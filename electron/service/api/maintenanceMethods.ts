/**
 * The maintenance methods: the aside report, who holds the files and stale entries, the flush plan and
 * the guarded flush (in a task worker), the action log.
 */
import { basename } from 'node:path';
import { appendAction } from '../../../engine/node/actionLog.js';
import { sweepDebris } from '../../../engine/node/flushDebris.js';
import { cleanStaleEntries } from '../../../engine/node/presence/staleness.js';
import type { InspectorApi } from '../../shared/contract.js';
import type { FlushOutcomeDto } from '../../shared/dtoMaintenance.js';
import type { OpenDocument } from '../document.js';
import { guard, ServiceError } from '../errors.js';
import { actionsOf } from '../maintenance/actions.js';
import { asideReportDto } from '../maintenance/asideReportDto.js';
import { flushPlan, flushRefusal } from '../maintenance/flushPlan.js';
import { holdersOf } from '../maintenance/holdersDto.js';
import type { ServiceContext } from './context.js';

/** After our own flush: the document reads the new files, the follower watches them. */
function reopenAfterFlush(ctx: ServiceContext, doc: OpenDocument): void {
  ctx.orders.dropDocument(doc.id, doc.mainPath);
  const r = doc.reopen();
  doc.pinned = null;
  ctx.follower(doc)?.afterReopen({
    at: Date.now(), before: r.before, after: r.after, replaced: true,
    views: r.views.map((v) => ({ name: v.name, rowsBefore: v.rowsBefore, rowsAfter: v.rowsAfter, columnsChanged: v.columnsChanged })),
  });
  ctx.changed(doc);
}

export function maintenanceMethods(ctx: ServiceContext) {
  return {
    getAsideReport: (args) => guard(() => {
      const doc = ctx.doc(args.docId);
      return asideReportDto(doc, ctx.follower(doc)?.followedPoints() ?? []);
    }),

    listHolders: (args) => guard(() => {
      const doc = ctx.doc(args.docId);
      return holdersOf(doc.id, doc.mainPath, doc.asidePath);
    }),

    cleanStale: (args) => guard(() => {
      const doc = ctx.doc(args.docId);
      const removed: string[] = [];
      const failed: string[] = [];
      for (const p of [doc.mainPath, doc.asidePath]) {
        if (p === null) continue;
        const r = cleanStaleEntries(p);
        removed.push(...r.removed.map((v) => `${v.file.name} (${v.reason})`));
        failed.push(...r.failed.map((f) => `${f.verdict.file.name}: ${f.error}`));
      }
      // Flush temp files whose process is gone, as `readers --clean-stale` removes them.
      const temps = sweepDebris(doc.asidePath === null ? [doc.mainPath] : [doc.mainPath, doc.asidePath], { entries: false });
      removed.push(...temps.removed.map((v) => `${v.temp.name} (${v.temp.bytes ?? '?'} bytes, ${v.reason})`));
      failed.push(...temps.failed.map((f) => `${f.verdict.temp.name}: ${f.error}`));
      if (removed.length > 0 || failed.length > 0) {
        appendAction({
          action: 'clean-stale', outcome: failed.length ? 'failed' : 'done',
          files: doc.asidePath === null ? { main: doc.mainPath } : { main: doc.mainPath, aside: doc.asidePath },
          detail: [`removed ${removed.length}: ${removed.join(', ')}`, ...failed.map((f) => `failed ${f}`)].join('; '),
        });
      }
      return { removed, failed };
    }),

    planFlush: (args) => guard(async () => {
      const doc = ctx.doc(args.docId);
      ctx.tasks.prewarm();
      return flushPlan(doc, await holdersOf(doc.id, doc.mainPath, doc.asidePath));
    }),

    flushDocument: (args) => guard(async (): Promise<FlushOutcomeDto> => {
      const doc = ctx.doc(args.docId);
      const refusal = flushRefusal(doc);
      if (refusal || doc.asidePath === null) throw new ServiceError('UNSUPPORTED', refusal ?? 'no aside');
      const name = basename(doc.mainPath);
      if (args.force && args.confirmName !== name) {
        throw new ServiceError('BAD_ARGUMENT', `a forced flush needs the file name typed to confirm it: expected '${name}', but got '${args.confirmName ?? ''}'`);
      }
      if (doc.flushing) throw new ServiceError('BUSY', `${name} is being flushed already`);
      const job = ctx.jobs.start('flush', doc.id, `Flush ${name}`, { cooperative: true });
      doc.flushing = true;
      try {
        const outcome = await ctx.tasks.run<FlushOutcomeDto>({
          kind: 'flush', main: doc.mainPath, aside: doc.asidePath, backup: args.backup, waitMs: Math.round(args.waitSeconds * 1000), force: args.force,
        }, job);
        if (outcome.outcome === 'done' && ctx.isOpen(doc)) reopenAfterFlush(ctx, doc);
        return outcome;
      } finally {
        doc.flushing = false;
      }
    }),

    listActions: (args) => guard(() => actionsOf(ctx.doc(args.docId).mainPath)),
  } satisfies Partial<InspectorApi>;
}
