/**
 * Snapshot compare: pin the generation shown now and keep following (the comparison with the current
 * generation is redone as commits arrive), or pick any two generations from the history list. The
 * result lists per view the rows added, removed and changed, by row index, with the changed cells
 * highlighted. The work runs in a service worker as a job.
 */
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import type { GenerationDto } from '../../../../electron/shared/dtoFollow.js';
import { formatCount, formatMs, formatSize, formatTime, plural } from '../common/format.js';
import { DiffView } from './DiffView.js';
import { useSnapshotCompare, type GenerationPick } from './useSnapshotCompare.js';

/** The generation chain, each with radio buttons to pick it as A or B (torn ones cannot be picked). */
function GenerationTable({ gens, shown, pick, onPick }: { gens: GenerationDto[]; shown: string; pick: GenerationPick; onPick: (update: (p: GenerationPick) => GenerationPick) => void }) {
  return (
    <div className="history-scroll">
      <table className="data-table generations" aria-label="Generations">
        <thead><tr><th>A</th><th>B</th><th>#</th><th>Generation</th><th>Added</th><th>Rows</th></tr></thead>
        <tbody>
          {gens.map((g) => (
            <tr key={g.index} className={g.generation === shown ? 'current' : ''}>
              <td><input type="radio" name="gen-a" aria-label={`From generation ${g.index}`} checked={pick.a === g.index} disabled={!g.intact} onChange={() => onPick((p) => ({ ...p, a: g.index }))} /></td>
              <td><input type="radio" name="gen-b" aria-label={`To generation ${g.index}`} checked={pick.b === g.index} disabled={!g.intact} onChange={() => onPick((p) => ({ ...p, b: g.index }))} /></td>
              <td className="num">{g.index}</td>
              <td><code>{g.generation}</code>{g.intact ? '' : ' (torn)'}{g.generation === shown ? ' · shown' : ''}</td>
              <td className="num">{formatSize(g.added)}</td>
              <td>{Object.entries(g.rows).map(([v, n]) => `${v} ${formatCount(n)}`).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ComparePanel({ doc, onNotice }: { doc: DocumentInfo; onNotice: (text: string) => void }) {
  const c = useSnapshotCompare(doc, onNotice);
  const { history, pick, busy, diff, shownMode } = c;
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
            <label className="check"><input type="checkbox" checked={c.follow} onChange={(e) => c.setFollow(e.target.checked)} /> Compare again as commits arrive</label>
            <button type="button" className="primary" disabled={busy} onClick={() => c.compare({ kind: 'pinned' })}>Compare pinned → current</button>
            <button type="button" onClick={() => void c.pin(false)}>Unpin</button>
          </>
        ) : (
          <>
            <span>Pin the generation shown now ({doc.generation}), keep following, and see what changes.</span>
            <button type="button" className="primary" onClick={() => void c.pin(true)}>Pin this generation</button>
          </>
        )}
      </section>
      <section className="history" aria-label="Generation history">
        <h3>
          History {history ? `(${plural(gens.length, 'generation')} on the ${history.chain === 'aside' ? "aside's" : "main file's"} chain)` : ''}
          <button type="button" disabled={busy} onClick={() => void c.loadHistory()}>{history ? 'Read again' : 'Read the history'}</button>
        </h3>
        {history && (
          <>
            <GenerationTable gens={gens} shown={doc.generation} pick={pick} onPick={c.setPick} />
            <button type="button" className="primary" disabled={!a || !b || busy} onClick={() => { if (a && b) c.compare({ kind: 'pair', a, b }); }}>
              Compare {a ? `#${a.index}` : 'A'} → {b ? `#${b.index}` : 'B'}
            </button>
          </>
        )}
      </section>
      {busy && <p className="note" role="status">{c.reading ? 'Reading the history…' : 'Comparing…'}</p>}
      {c.problem && <p className="error" role="alert">{c.problem}</p>}
      {c.compareError && <p className="error" role="alert">{c.compareError.message}</p>}
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
