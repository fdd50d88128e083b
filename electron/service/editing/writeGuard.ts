/**
 * May this inspector write the files? Asked when a document is opened writable and again before each
 * commit. A read-write commit rewrites bytes that other readers may be reading (Metakit has no locks):
 * any other holder refuses it. Extend commits only append, which readers survive (that is what the
 * mode is for), so only another writer (write access, or a writer/extender role) refuses them.
 */
import { basename } from 'node:path';
import { describeHolder, type Holder } from '../../../engine/core/analysis/presence.js';
import { checkHolders } from '../../../engine/node/presence/guard.js';
import type { OpenMode } from '../../shared/dto.js';
import { ServiceError } from '../errors.js';

function writes(h: Holder): boolean {
  return h.access === 'write' || h.access === 'readwrite' || h.role === 'writer' || h.role === 'extender' || h.mode === 'readwrite' || h.mode === 'extend';
}

export async function checkMayWrite(main: string, aside: string | null, mode: OpenMode, what: 'open' | 'commit'): Promise<void> {
  if (mode === 'read') return;
  const check = await checkHolders(aside === null ? { main } : { main, aside });
  const refusing = mode === 'readwrite' ? check.blocking : check.blocking.filter(writes);
  if (refusing.length === 0) return;
  const name = basename(main);
  const how = mode === 'readwrite' ? 'read-write' : 'in extend mode';
  const why = mode === 'readwrite'
    ? 'a read-write commit rewrites bytes other processes may be reading'
    : 'another process writes these files, and two writers would corrupt them';
  const action = what === 'open' ? `cannot open ${name} ${how}` : `cannot commit to ${name} now`;
  throw new ServiceError('BUSY', `${action}: ${why}: ${refusing.map(describeHolder).join('; ')}`);
}
