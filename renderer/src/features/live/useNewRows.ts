/**
 * Rows another process added to the view on screen: the grid highlights them (from `newFrom` on) and
 * shows "+N rows" for those not looked at yet. Jumping to them hides the notice and keeps the
 * highlight; dismissing clears both. Counted from the document's live changes (the view's row count
 * before and after each commit), so it needs no extra request.
 */
import { useState } from 'react';
import type { DocumentInfo, ViewInfo } from '../../../../electron/shared/dto.js';

interface Seen {
  place: string;
  /** First stored row index highlighted (null: nothing highlighted). */
  highlightFrom: number | null;
  /** First row not looked at yet (null: no notice). */
  unseenFrom: number | null;
  lastChangeAt: number | null;
}

export interface NewRows {
  newFrom: number | null;
  /** Rows not looked at yet. */
  count: number;
  /** The user jumped to them: the notice goes, the highlight stays. */
  seen: () => void;
  /** The user dismissed them: notice and highlight go. */
  dismiss: () => void;
}

export function useNewRows(doc: DocumentInfo | null, view: ViewInfo | undefined): NewRows {
  const place = doc && view ? JSON.stringify([doc.id, view.path]) : '';
  const [state, setState] = useState<Seen>({ place, highlightFrom: null, unseenFrom: null, lastChangeAt: null });
  const change = doc?.live.lastChange ?? null;
  let current = state;
  if (state.place !== place) current = { place, highlightFrom: null, unseenFrom: null, lastChangeAt: change?.at ?? null };
  else if (change && change.at !== state.lastChangeAt) {
    const v = view && view.path.steps.length === 0 ? change.views.find((x) => x.name === view.path.view) : undefined;
    const grew = v !== undefined && v.rowsAfter > v.rowsBefore && v.rowsBefore >= 0;
    current = {
      place, lastChangeAt: change.at,
      highlightFrom: grew ? state.highlightFrom ?? v.rowsBefore : state.highlightFrom,
      unseenFrom: grew ? state.unseenFrom ?? v.rowsBefore : state.unseenFrom,
    };
  }
  if (current !== state) setState(current);
  const rows = view?.rowCount ?? 0;
  const valid = (n: number | null): number | null => (n !== null && n < rows ? n : null);
  const unseen = valid(current.unseenFrom);
  return {
    newFrom: valid(current.highlightFrom),
    count: unseen === null ? 0 : rows - unseen,
    seen: () => setState((s) => ({ ...s, unseenFrom: null })),
    dismiss: () => setState((s) => ({ ...s, unseenFrom: null, highlightFrom: null })),
  };
}
