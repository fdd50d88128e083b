/** What the app itself answers: its version and transport, the (absent) file dialog, recent files, cancelling a job. */
import type { InspectorApi } from '../../shared/contract.js';
import { fail } from '../../shared/result.js';
import { guard, ServiceError } from '../errors.js';
import type { ServiceContext } from './context.js';

export function appMethods(ctx: ServiceContext) {
  return {
    appInfo: () => guard(() => ({
      version: ctx.options.version,
      transport: ctx.options.transport,
      canChooseFiles: false,
      supportedModes: ['read', 'extend', 'readwrite'],
    })),

    // The desktop app answers this in its main process (electron/main/mainApi.ts).
    chooseFile: async () => fail('UNSUPPORTED', 'no native file dialog here: type a path, pick a recent file, or drop a file onto the desktop app'),

    listRecent: () => guard(() => ctx.recents.list()),

    clearRecent: () => guard(() => {
      ctx.recents.clear();
      ctx.emit({ type: 'recent', recent: [] });
      return null;
    }),

    cancelJob: (args) => guard(() => {
      if (!ctx.jobs.cancel(args.jobId)) throw new ServiceError('BAD_ARGUMENT', `no running job ${args.jobId}`);
      return null;
    }),
  } satisfies Partial<InspectorApi>;
}
