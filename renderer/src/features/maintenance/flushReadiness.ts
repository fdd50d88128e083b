/**
 * Whether the flush can start, from its plan and the user's choices: possible at all, enough free disk
 * (with the backup's room when a backup is wanted), and nobody else holding the files — unless forced,
 * which needs the main file's name typed. `why` says, in words, what keeps it disabled.
 */
import type { HolderDto, FlushPlanDto } from '../../../../electron/shared/dtoMaintenance.js';

export interface FlushChoices {
  backup: boolean;
  force: boolean;
  /** What the user typed to confirm a forced flush. */
  confirmName: string;
}

export interface FlushReadiness {
  /** Other processes that hold the files (a flush would pull them from under their feet). */
  blocking: HolderDto[];
  busy: boolean;
  diskOk: boolean;
  /** Forced, with the file name typed right. */
  forceOk: boolean;
  /** Flush may be pressed (also false while one runs). */
  canFlush: boolean;
  /** Why Flush is disabled; null when nothing stands in the way. */
  why: string | null;
}

function holderText(h: HolderDto): string {
  return `pid ${h.pid}${h.command ? ` (${h.command.split(/\s+/).slice(0, 3).join(' ')})` : ''}`;
}

/** `plan` undefined: still reading it. */
export function flushReadiness(plan: FlushPlanDto | undefined, choices: FlushChoices, running: boolean): FlushReadiness {
  const p = plan;
  const blocking = p?.holders.holders.filter((h) => h.blocking) ?? [];
  const busy = blocking.length > 0;
  const needed = p ? p.disk.neededBytes + (choices.backup ? p.disk.backupBytes : 0) : 0;
  const diskOk = p ? p.disk.freeBytes > needed : false;
  const forceOk = choices.force && p !== undefined && choices.confirmName === p.main.name;
  const canFlush = p !== undefined && p.possible && diskOk && (!busy || forceOk) && !running;
  const why = !p ? 'reading the plan' : !p.possible ? p.reason : !diskOk ? 'not enough free disk space' : busy && !forceOk
    ? `${blocking.map(holderText).join(', ')} ${blocking.length === 1 ? 'holds' : 'hold'} the files`
    : null;
  return { blocking, busy, diskOk, forceOk, canFlush, why };
}
