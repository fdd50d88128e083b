/** Following another writer (pause/resume), pins, the generation chain and snapshot compare (in a task worker). */
import type { InspectorApi } from '../../shared/contract.js';
import type { CompareSide, GenerationList, GenerationRef, SnapshotDiffDto } from '../../shared/dtoFollow.js';
import type { OpenDocument } from '../document.js';
import { guard, ServiceError } from '../errors.js';
import type { ServiceContext } from './context.js';

function side(doc: OpenDocument, s: CompareSide): GenerationRef {
  if (s.kind === 'current') return doc.ref();
  if (s.kind === 'generation') return s.ref;
  if (!doc.pinned) throw new ServiceError('BAD_ARGUMENT', `${doc.info().title} has no pinned generation: pin one first`);
  return doc.pinned.ref;
}

export function followMethods(ctx: ServiceContext) {
  return {
    setFollow: (args) => guard(() => {
      const doc = ctx.doc(args.docId);
      const follower = ctx.follower(doc);
      if (!follower) throw new ServiceError('UNSUPPORTED', `${doc.info().title} is open for editing: it shows its own commits, not another writer's`);
      follower.setPaused(args.paused);
      return doc.info();
    }),

    setPin: (args) => guard(() => {
      const doc = ctx.doc(args.docId);
      doc.pinned = args.pinned ? { ref: doc.ref(), generation: doc.generation, pinnedAt: Date.now() } : null;
      return ctx.changed(doc);
    }),

    listGenerations: (args) => guard(async (): Promise<GenerationList> => {
      const doc = ctx.doc(args.docId);
      const job = ctx.jobs.start('generations', doc.id, `Generations of ${doc.info().title}`);
      const list = await ctx.tasks.run<GenerationList>({ kind: 'generations', main: doc.mainPath, aside: doc.readAside }, job);
      return { ...list, docId: doc.id };
    }),

    compareSnapshots: (args) => guard(async (): Promise<SnapshotDiffDto> => {
      const doc = ctx.doc(args.docId);
      const from = side(doc, args.from);
      const to = side(doc, args.to);
      const job = ctx.jobs.start('compare', doc.id, `Compare ${doc.info().title}`);
      const diff = await ctx.tasks.run<SnapshotDiffDto>({
        kind: 'compare', main: doc.mainPath, aside: doc.asidePath, from, to, maxRows: args.maxRows ?? 200,
      }, job);
      return { ...diff, docId: doc.id };
    }),
  } satisfies Partial<InspectorApi>;
}
