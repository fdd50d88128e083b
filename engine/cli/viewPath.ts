/**
 * View paths on the command line: `people`, `people[3].tags`, `dirs[0].files[2].x`. A path that does
 * not parse or name a view is `BAD_ARGUMENT` (exit 2), with the views the file has.
 */
import type { Storage } from '../core/read/storage.js';
import type { View } from '../core/read/view.js';
import { CliExit } from './io.js';

export function resolveViewPath(storage: Storage, path: string): View {
  // The view name runs up to the first `[` or `.` (`people[3].tags` starts with `people`).
  const m0 = /^[^[\].]+/.exec(path);
  if (!m0) throw new RangeError(`view path '${path}' must start with a view name`);
  if (!storage.hasView(m0[0])) {
    const names = storage.viewNames();
    const has = storage.info.empty && names.length === 0
      ? `: it is an empty storage (${storage.info.fileSize} bytes), with no views`
      : ` (views: ${names.join(', ') || 'none'})`;
    throw CliExit.badInput('BAD_ARGUMENT', `${storage.store.name} has no view '${m0[0]}'${has}`);
  }
  let view = storage.view(m0[0]);
  let pending: number | null = null;
  const tokens = path.slice(m0[0].length);
  const re = /\[(\d+)\]|\.([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(tokens)) !== null) {
    if (m.index !== consumed) throw new RangeError(`cannot parse view path '${path}'`);
    consumed = m.index + m[0].length;
    if (m[1] !== undefined) {
      if (pending !== null) throw new RangeError(`view path '${path}': two row numbers in a row`);
      pending = Number(m[1]);
    } else {
      if (pending === null) throw new RangeError(`view path '${path}': '.${m[2]}' needs a row number before it, e.g. view[0].${m[2]}`);
      view = view.getView(pending, m[2] as string);
      pending = null;
    }
  }
  if (consumed !== tokens.length || pending !== null) throw new RangeError(`cannot parse view path '${path}' (expected view[row].subview...)`);
  return view;
}
