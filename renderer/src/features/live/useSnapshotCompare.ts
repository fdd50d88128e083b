/**
 * Snapshot compare's state: what is compared (the pinned generation with the current one, redone as
 * commits arrive while following; or two generations picked from the history), the history once read,
 * and the comparison shown — the previous one stays while the next is computed as a job.
 */
import { useState } from 'react';
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import type { CompareSide, GenerationDto, GenerationList, SnapshotDiffDto } from '../../../../electron/shared/dtoFollow.js';
import { ApiError, request } from '../../api/client.js';
import { useAsync } from '../../api/hooks.js';
import { errorText } from '../common/errorText.js';

export type CompareMode = { kind: 'pinned' } | { kind: 'pair'; a: GenerationDto; b: GenerationDto };

/** The generations picked as A and B in the history list. */
export interface GenerationPick {
  a: number | null;
  b: number | null;
}

export interface SnapshotCompare {
  /** Compare again as commits arrive (pinned → current). */
  follow: boolean;
  setFollow: (follow: boolean) => void;
  history: GenerationList | null;
  pick: GenerationPick;
  setPick: (update: (p: GenerationPick) => GenerationPick) => void;
  /** The comparison shown, and what it compared. */
  diff: SnapshotDiffDto | null;
  shownMode: CompareMode | null;
  /** Reading the history or comparing. */
  busy: boolean;
  reading: boolean;
  problem: string | null;
  /** Why the comparison failed (a cancelled one is no error). */
  compareError: Error | null;
  compare: (mode: CompareMode) => void;
  pin: (pinned: boolean) => Promise<void>;
  loadHistory: () => Promise<void>;
}

function side(g: GenerationDto): CompareSide {
  return { kind: 'generation', ref: g.ref };
}

export function useSnapshotCompare(doc: DocumentInfo, onNotice: (text: string) => void): SnapshotCompare {
  const [mode, setMode] = useState<CompareMode | null>(doc.pinned ? { kind: 'pinned' } : null);
  const [round, setRound] = useState(0);
  const [follow, setFollow] = useState(true);
  const [history, setHistory] = useState<GenerationList | null>(null);
  const [reading, setReading] = useState(false);
  const [pick, setPick] = useState<GenerationPick>({ a: null, b: null });
  const [problem, setProblem] = useState<string | null>(null);

  // Pinned and following: the comparison with the current generation is redone as the document moves.
  const key = !mode || (mode.kind === 'pinned' && !doc.pinned) ? null : JSON.stringify([
    doc.id, round, mode.kind === 'pair' ? [mode.a.ref, mode.b.ref] : [doc.pinned?.generation, follow ? doc.generation : null],
  ]);
  const diffState = useAsync(key, async () => {
    const from: CompareSide = !mode || mode.kind === 'pinned' ? { kind: 'pinned' } : side(mode.a);
    const to: CompareSide = !mode || mode.kind === 'pinned' ? { kind: 'current' } : side(mode.b);
    return { mode, diff: await request('compareSnapshots', { docId: doc.id, from, to }) };
  }, { keep: true });
  const shown = key && diffState.value?.diff.docId === doc.id ? diffState.value : null;
  const error = diffState.error;

  const pin = async (pinned: boolean): Promise<void> => {
    try {
      await request('setPin', { docId: doc.id, pinned });
      setMode(pinned ? { kind: 'pinned' } : null);
    } catch (e) {
      onNotice(errorText(e));
    }
  };
  const loadHistory = async (): Promise<void> => {
    setReading(true);
    setProblem(null);
    try {
      setHistory(await request('listGenerations', { docId: doc.id }));
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setReading(false);
    }
  };
  return {
    follow, setFollow, history, pick, setPick, diff: shown?.diff ?? null, shownMode: shown?.mode ?? null,
    busy: diffState.loading || reading, reading, problem,
    compareError: error && !(error instanceof ApiError && error.code === 'ABORTED') ? error : null,
    compare: (m) => {
      setMode(m);
      setRound((r) => r + 1);
    },
    pin, loadHistory,
  };
}
