/**
 * Snapshot compare: pin the generation shown now and keep following (the comparison with the current
 * generation is redone as commits arrive), or pick any two generations from the history list. The
 * result lists per view the rows added, removed and changed, by row index, with the changed cells
 * highlighted. The work runs in a service worker as a job.
 */
import { useState } from 'react';
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import type { CompareSide, GenerationDto, GenerationList, SnapshotDiffDto } from '../../../../electron/shared/dtoLive.js';
import { ApiError, request } from '../../api/client.js';
import { useAsync } from '../../api/hooks.js';
import { formatCount, formatMs, formatSize, formatTime, plural } from '../common/format.js';
import { DiffView } from './DiffView.js';

type Mode = { kind: 'pinned' } | { kind: 'pair'; a: GenerationDto; b: GenerationDto };

function sideText(g: GenerationDto): CompareSide {
  return { kind: 'generation', ref: g.ref };
}

export function ComparePanel({ doc, onNotice }: { doc: DocumentInfo; onNotice: (text: string) => void }) {
  const [mode, setMode] = useState<Mode | null>(doc.pinned ? { kind: 'pinned' } : null);
  const [round, setRound] = useState(0);
  const [follow, setFollow] = useState(true);
  const [history, setHistory] = useState<GenerationList | null>(null);
  const [reading, setReading] = useState(false);
  const [pick, setPick] = useState<{ a: number | null; b: number | null }>({ a: null, b: null });
  const [problem, setProblem] = useState<string | null>(null);

  // Pinned and following: the comparison with the current generation is redone as the document moves.
  const key = !mode || (mode.kind === 'pinned' && !doc.pinned) ? null : JSON.stringify([
    doc.id, round, mode.kind === 'pair' ? [mode.a.ref, mode.b.ref] : [doc.pinned?.generation, follow ? doc.generation : null],
  ]);
  const diffState = useAsync(key, async () => {
    const from: CompareSide = !mode || mode.kind === 'pinned' ? { kind: 'pinned' } : sideText(mode.a);
    const to: CompareSide = !mode || mode.kind === 'pinned' ? { kind: 'current' } : sideText(mode.b);
    return { mode, diff: await request('compareSnapshots', { docId: doc.id, from, to }) };
  }, { keep: true });
  // The comparison shown (the previous one stays while the next is computed), with what it compared.
  const shown = key && diffState.value?.diff.docId === doc.id ? diffState.value : null;
  const diff: SnapshotDiffDto | null = shown?.diff ?? null;
  const shownMode = shown?.mode ?? null;
  const busy = diffState.loading || reading;
  const compare = (m: Mode): void => {
    setMode(m);
    setRound((r) => r + 1);
  };

  const pin = async (pinned: boolean): Promise<void> => {
    try {
      await request('setPin', { docId: doc.id, pinned });
      setMode(pinned ? { kind: 'pinned' } : null);
    } catch (e) {
      onNotice(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
    }
  };

  const loadHistory = async (): Promise<void> => {
    setReading(true);
    setProblem(null);
    try {
      setHistory(await request('listGenerations', { docId: doc.id }));
    } catch (e) {
      setProblem(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
    } finally {
      setReading(false);
    }
  };

  const gens = history?.generations ?? [];
  const a = gens.find((g) => g.index === pick.a);
  const b = gens.find((g) => g.index === pick.b);
  return (
    <div className="panel compare-panel">
      <h2>Compare snapshots</h2>
      <section className="pin" aria-label="Pinned generation">
        {doc.pinned ? (
          <>
            <span>Pinned generation <code>{doc.pinned.generation}</code> at {formatTime(doc.pinned.pinnedAt)}; now showing <code>{doc.generation}</code>.</span>
            <label className="check"><input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Compare again as commits arrive</label>
            <button type="button" className="primary" disabled={busy} onClick={() => compare({ kind: 'pinned' })}>Compare pinned → current</button>
            <button type="button" onClick={() => void pin(false)}>Unpin</button>
          </>
        ) : (
          <>
            <span>Pin the generation shown now ({doc.generation}), keep following, and see what changes.</span>
            <button type="button" className="primary" onClick={() => void pin(true)}>Pin this generation</button>
          </>
        )}
      </section>
      <section className="history" aria-label="Generation history">
        <h3>
          History {history ? `(${plural(gens.length, 'generation')} on the ${history.chain === 'aside' ? "aside's" : "main file's"} chain)` : ''}
          <button type="button" disabled={busy} onClick={() => void loadHistory()}>{history ? 'Read again' : 'Read the history'}</button>
        </h3>
        {history && (
          <>
            <div className="history-scroll">
              <table className="data-table generations" aria-label="Generations">
                <thead><tr><th>A</th><th>B</th><th>#</th><th>Generation</th><th>Added</th><th>Rows</th></tr></thead>
                <tbody>
                  {gens.map((g) => (
                    <tr key={g.index} className={g.generation === doc.generation ? 'current' : ''}>
                      <td><input type="radio" name="gen-a" aria-label={`From generation ${g.index}`} checked={pick.a === g.index} disabled={!g.intact} onChange={() => setPick((p) => ({ ...p, a: g.index }))} /></td>
                      <td><input type="radio" name="gen-b" aria-label={`To generation ${g.index}`} checked={pick.b === g.index} disabled={!g.intact} onChange={() => setPick((p) => ({ ...p, b: g.index }))} /></td>
                      <td className="num">{g.index}</td>
                      <td><code>{g.generation}</code>{g.intact ? '' : ' (torn)'}{g.generation === doc.generation ? ' · shown' : ''}</td>
                      <td className="num">{formatSize(g.added)}</td>
                      <td>{Object.entries(g.rows).map(([v, n]) => `${v} ${formatCount(n)}`).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="button" className="primary" disabled={!a || !b || busy} onClick={() => { if (a && b) compare({ kind: 'pair', a, b }); }}>
              Compare {a ? `#${a.index}` : 'A'} → {b ? `#${b.index}` : 'B'}
            </button>
          </>
        )}
      </section>
      {busy && <p className="note" role="status">{reading ? 'Reading the history…' : 'Comparing…'}</p>}
      {problem && <p className="error" role="alert">{problem}</p>}
      {diffState.error && !(diffState.error instanceof ApiError && diffState.error.code === 'ABORTED') && <p className="error" role="alert">{diffState.error.message}</p>}
      {diff && (
        <section className="diff" aria-label="Differences">
          <h3>
            {shownMode?.kind === 'pair' ? `Generation #${shownMode.a.index} → #${shownMode.b.index}` : 'Pinned → current'}: <code>{diff.from.generation}</code> → <code>{diff.to.generation}</code>
            <span className="muted"> ({formatMs(diff.elapsedMs)})</span>
          </h3>
          {diff.views.map((v) => <DiffView key={v.name} diff={v} />)}
        </section>
      )}
    </div>
  );
}
