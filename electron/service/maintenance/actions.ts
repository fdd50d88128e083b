/** The action log of a document's main file, for the action log view. */
import { readActions } from '../../../engine/node/actionLog.js';
import type { ActionDto } from '../../shared/dtoMaintenance.js';

const MAX_ACTIONS = 500;

export function actionsOf(mainPath: string): ActionDto[] {
  return readActions(mainPath).slice(-MAX_ACTIONS).map((r) => ({
    time: r.time, action: r.action, outcome: r.outcome, user: r.user, host: r.host, pid: r.pid,
    sizesBefore: r.sizesBefore ?? null, sizesAfter: r.sizesAfter ?? null,
    holders: r.holders.map((h) => h.text), detail: r.detail ?? null,
  }));
}
