/**
 * The cell inspector: one cell in full. Strings and bytes as text (UTF-8 or Latin-1) or as a hex dump
 * with offsets; zlib/gzip values (starkit file contents) decompressed; numbers in every precision.
 */
import { useState } from 'react';
import type { BytesDetail, CellDetail, ViewPath } from '../../../../../electron/shared/dto.js';
import { request } from '../../../api/client.js';
import { useAsync } from '../../../api/hooks.js';
import { formatSize } from '../GridCell.js';
import { HexDump } from './HexDump.js';

export interface InspectTarget {
  docId: string;
  generation: string;
  path: ViewPath;
  row: number;
  column: string;
}

/** The contract's MAX_CELL_BYTES (the renderer imports only types from it). */
const MAX_CELL_BYTES = 16 * 1024 * 1024;

type Encoding = 'utf8' | 'latin1';
type Mode = 'text' | 'hex';

/** Bytes as text or hex; text first when the bytes are valid UTF-8 (strings), hex first otherwise. */
function BytesView({ detail, title, encoding, onEncoding }: { detail: BytesDetail; title: string; encoding: Encoding; onEncoding: (e: Encoding) => void }) {
  const [mode, setMode] = useState<Mode>(detail.utf8Valid ? 'text' : 'hex');
  const more = detail.size - detail.shown;
  return (
    <div className="bytes-view">
      <div className="inspector-tools">
        <Toggle label={`Show ${title} as`} value={mode} options={[['text', 'Text'], ['hex', 'Hex']]} onChange={setMode} />
        {mode === 'text' && <Toggle label={`Decode ${title} as`} value={encoding} options={[['utf8', 'UTF-8'], ['latin1', 'Latin-1']]} onChange={onEncoding} />}
      </div>
      {mode === 'hex'
        ? <HexDump hex={detail.hex} label={`Hex dump of ${title}`} />
        : <pre className="fulltext" aria-label={`Text of ${title}`} tabIndex={0}>{encoding === 'utf8' ? detail.utf8 : detail.latin1}</pre>}
      {more > 0 && <p className="note">Showing the first {formatSize(detail.shown)} of {formatSize(detail.size)}.</p>}
      {mode === 'text' && encoding === 'utf8' && !detail.utf8Valid && <p className="note">Not valid UTF-8: invalid bytes show as �. Try Latin-1 or Hex.</p>}
    </div>
  );
}

function Toggle<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: [T, string][]; onChange: (v: T) => void }) {
  return (
    <div className="toggle" role="radiogroup" aria-label={label}>
      {options.map(([v, text]) => (
        <button key={v} type="button" role="radio" aria-checked={value === v} className={value === v ? 'on' : ''} onClick={() => onChange(v)}>{text}</button>
      ))}
    </div>
  );
}

export function CellInspector({ target, onOpenSubview, onClose }: { target: InspectTarget | null; onOpenSubview: (t: InspectTarget) => void; onClose: () => void }) {
  const [encoding, setEncoding] = useState<Encoding>('utf8');
  const [maxBytes, setMaxBytes] = useState<number | undefined>(undefined);
  const key = target ? JSON.stringify([target, maxBytes]) : null;
  const cell = useAsync<CellDetail>(key, () => request('getCell', { docId: target?.docId ?? '', path: target?.path ?? { view: '', steps: [] }, row: target?.row ?? 0, column: target?.column ?? '', ...(maxBytes ? { maxBytes } : {}) }));
  const d = cell.value;
  return (
    <aside className="inspector" aria-label="Cell inspector">
      <header className="inspector-head">
        <h2>Cell</h2>
        <button type="button" className="icon" aria-label="Close the inspector" onClick={onClose}>×</button>
      </header>
      {!target && <p className="note">Select a cell to see it in full.</p>}
      {cell.error && <p className="error" role="alert">{cell.error.message}</p>}
      {d && (
        <div className="inspector-body">
          <p className="cell-title"><code>{d.title}</code> <span className="badge">{d.type}</span>{d.bytes && <span className="muted"> {d.bytes.size.toLocaleString('en-US')} bytes</span>}</p>
          {d.number && (
            <dl className="number-detail">
              <dt>Value</dt><dd><code>{d.number.shortest}</code></dd>
              <dt>Precise</dt><dd><code>{d.number.precise}</code></dd>
              <dt>Bits</dt><dd><code>0x{d.number.hex}</code></dd>
            </dl>
          )}
          {d.subviewRows !== null && (
            <p>{d.text} <button type="button" onClick={() => target && onOpenSubview(target)} disabled={d.subviewRows === 0}>Open subview ›</button></p>
          )}
          {d.inflated && (
            <section className="inflated" aria-label="Decompressed">
              <h3>{d.inflated.format}-compressed: decompressed</h3>
              {d.inflated.ok ? (
                <>
                  <p className="muted">{formatSize(d.inflated.compressedSize)} → {formatSize(d.inflated.bytes.size)}{d.inflated.complete ? '' : ' (preview)'}</p>
                  <BytesView key={`${d.title}+`} detail={d.inflated.bytes} title={`${d.title} (decompressed)`} encoding={encoding} onEncoding={setEncoding} />
                </>
              ) : <p className="error">{d.inflated.message}</p>}
            </section>
          )}
          {d.bytes && (
            <>
              {d.inflated && <h3 className="section-title">Stored bytes</h3>}
              <BytesView key={d.title} detail={d.bytes} title={d.title} encoding={encoding} onEncoding={setEncoding} />
              {d.bytes.shown < d.bytes.size && (maxBytes ?? 0) < MAX_CELL_BYTES && (
                <button type="button" onClick={() => setMaxBytes(Math.min(MAX_CELL_BYTES, Math.max(d.bytes?.size ?? 0, 1)))}>Load all {formatSize(d.bytes.size)}</button>
              )}
            </>
          )}
        </div>
      )}
    </aside>
  );
}
