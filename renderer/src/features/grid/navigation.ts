/**
 * Where the user is: a document, a view path, and the grid state there (sort, filter texts, active
 * cell). Back and forward work like a browser's; changing sort or filters updates the current place.
 */
import { useCallback, useState } from 'react';
import type { SortSpec, ViewPath } from '../../../../electron/shared/dto.js';
import type { CellPosition } from './gridKeys.js';

export interface Place {
  docId: string;
  path: ViewPath | null;
  sort: SortSpec | null;
  filterTexts: Record<string, string>;
  active: CellPosition;
}

interface History {
  back: Place[];
  current: Place | null;
  forward: Place[];
}

const MAX_HISTORY = 100;

export function placeAt(docId: string, path: ViewPath | null): Place {
  return { docId, path, sort: null, filterTexts: {}, active: { pos: 0, col: 0 } };
}

export function useNavigation() {
  const [h, setH] = useState<History>({ back: [], current: null, forward: [] });
  const go = useCallback((place: Place) => setH((s) => ({
    back: s.current ? [...s.back, s.current].slice(-MAX_HISTORY) : s.back,
    current: place,
    forward: [],
  })), []);
  /** Shows `place` unless something is shown already (a first document, opened before the window). */
  const start = useCallback((place: Place) => setH((s) => (s.current ? s : { back: [], current: place, forward: [] })), []);
  const update = useCallback((patch: Partial<Place>) => setH((s) => (s.current ? { ...s, current: { ...s.current, ...patch } } : s)), []);
  const back = useCallback(() => setH((s) => {
    const prev = s.back.at(-1);
    if (!prev) return s;
    return { back: s.back.slice(0, -1), current: prev, forward: s.current ? [s.current, ...s.forward] : s.forward };
  }), []);
  const forward = useCallback(() => setH((s) => {
    const next = s.forward[0];
    if (!next) return s;
    return { back: s.current ? [...s.back, s.current] : s.back, current: next, forward: s.forward.slice(1) };
  }), []);
  /** Forgets a closed document everywhere in the history. */
  const dropDocument = useCallback((docId: string, fallback: Place | null) => setH((s) => {
    const keep = (p: Place): boolean => p.docId !== docId;
    const current = s.current && keep(s.current) ? s.current : fallback;
    return { back: s.back.filter(keep), current, forward: s.forward.filter(keep) };
  }), []);
  return { place: h.current, go, start, update, back, forward, dropDocument, canBack: h.back.length > 0, canForward: h.forward.length > 0 };
}

export type Navigation = ReturnType<typeof useNavigation>;
