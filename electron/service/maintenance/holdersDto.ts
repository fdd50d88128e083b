/** Who holds a document's files, as the readers panel and the flush dialog show it. */
import { describeHolder, holdsCurrentFile, type Holder } from '../../../engine/core/analysis/presence.js';
import { checkHolders } from '../../../engine/node/presence/guard.js';
import type { HolderDto, HoldersDto } from '../../shared/dtoMaintenance.js';

export function holderDto(h: Holder, blocking: boolean): HolderDto {
  const { self: _self, entryIds: _entryIds, files, ...rest } = h;
  return {
    ...rest,
    files: files.map(({ end: _end, ...f }) => ({ ...f, via: [...f.via], fds: [...f.fds] })),
    text: describeHolder(h),
    blocking,
  };
}

/** Every other process holding the files (this process's own handles never block: left out). */
export async function holdersOf(docId: string, main: string, aside: string | null): Promise<HoldersDto> {
  const check = await checkHolders(aside === null ? { main } : { main, aside });
  return {
    docId,
    checkedAt: check.checkedAt,
    elapsedMs: Math.round(check.elapsedMs),
    holders: check.holders.map((h) => holderDto(h, !h.self && holdsCurrentFile(h) && check.blocking.includes(h))),
    stale: check.stale.map((s) => ({ file: s.file, name: s.name, reason: s.reason, detail: s.detail, pid: s.pid })),
    busy: check.busy,
    discovery: { ...check.discovery },
    selfPid: process.pid,
  };
}
