/** The inspector's window: documents and views on the left, the grid, the cell inspector, the status bar. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MenuCommand } from '../../electron/shared/contract.js';
import type { DocumentInfo, FilterSpec, ViewPath } from '../../electron/shared/dto.js';
import { ApiError, droppedFilePath, request, transportKind } from './api/client.js';
import { useAsync, useServiceEvent } from './api/hooks.js';
import { DocumentList } from './features/files/DocumentList.js';
import { OpenDialog } from './features/files/OpenDialog.js';
import { StatusBar } from './features/files/StatusBar.js';
import { useDocuments } from './features/files/useDocuments.js';
import { Breadcrumb } from './features/grid/Breadcrumb.js';
import { Grid, type CellPosition } from './features/grid/Grid.js';
import { parseFilter } from './features/grid/filterSyntax.js';
import { CellInspector, type InspectTarget } from './features/grid/inspector/CellInspector.js';
import { placeAt, useNavigation } from './features/grid/navigation.js';
import { useJobs } from './features/jobs/useJobs.js';
import { ViewTree } from './features/views/ViewTree.js';

const NO_FILTERS: FilterSpec[] = [];

export function App() {
  const { documents, recent, refresh } = useDocuments();
  const jobs = useJobs();
  const nav = useNavigation();
  const place = nav.place;
  const [notice, setNotice] = useState<string | null>(null);
  const [openDialog, setOpenDialog] = useState(false);
  const [sidebar, setSidebar] = useState(true);
  const [inspectorOpen, setInspectorOpen] = useState(true);
  const [fullPrecision, setFullPrecision] = useState(false);
  const [target, setTarget] = useState<InspectTarget | null>(null);
  const app = useAsync('app', () => request('appInfo', {}));

  const doc = documents.find((d) => d.id === place?.docId) ?? null;
  const report = useCallback((e: unknown) => setNotice(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e)), []);

  const showDocument = useCallback(async (d: DocumentInfo, onlyIfNothingShown = false) => {
    const views = await request('listViews', { docId: d.id });
    const first = views[0];
    const place = placeAt(d.id, first ? { view: first.name, steps: [] } : null);
    if (onlyIfNothingShown) nav.start(place);
    else nav.go(place);
  }, [nav]);

  const open = useCallback(async (path: string, aside: string | null | undefined) => {
    try {
      const d = await request('openDocument', aside === undefined ? { path } : { path, aside });
      setOpenDialog(false);
      // Do not wait for the event: it may be lost if the event stream is (re)connecting.
      await refresh();
      if (d.notice) setNotice(d.notice);
      await showDocument(d);
    } catch (e) {
      report(e);
    }
  }, [showDocument, report, refresh]);

  const openFromUser = useCallback(async () => {
    if (!app.value?.canChooseFiles) {
      setOpenDialog(true);
      return;
    }
    try {
      const path = await request('chooseFile', {});
      if (path) await open(path, undefined);
    } catch (e) {
      report(e);
    }
  }, [app.value, open, report]);

  const close = useCallback(async (d: DocumentInfo) => {
    try {
      await request('closeDocument', { docId: d.id });
      await refresh();
      const other = documents.find((x) => x.id !== d.id);
      nav.dropDocument(d.id, other ? placeAt(other.id, null) : null);
      if (other) await showDocument(other);
    } catch (e) {
      report(e);
    }
  }, [documents, nav, showDocument, report, refresh]);

  const toggleAside = useCallback(async () => {
    if (!doc) return;
    try {
      await request('setAsideAttached', { docId: doc.id, attached: doc.aside === null });
      await refresh();
    } catch (e) {
      report(e);
    }
  }, [doc, report, refresh]);

  useServiceEvent('documentOpened', (e) => { void showDocument(e.document); });
  // Files named on the command line are open before the window is: show the first one.
  const firstDoc = documents[0];
  useEffect(() => {
    if (!place && firstDoc) void showDocument(firstDoc, true).catch(report);
  }, [place, firstDoc, showDocument, report]);
  useServiceEvent('menu', (e) => {
    const run: Record<MenuCommand, () => void> = {
      open: () => void openFromUser(),
      close: () => { if (doc) void close(doc); },
      toggleAside: () => void toggleAside(),
      toggleSidebar: () => setSidebar((s) => !s),
      toggleInspector: () => setInspectorOpen((s) => !s),
      fullPrecision: () => setFullPrecision((s) => !s),
      find: () => document.querySelector<HTMLInputElement>('.column-head input.filter')?.focus(),
      about: () => setNotice(`Metakit Inspector ${app.value?.version ?? ''}: reads Metakit 2.4.9.8 datafiles (.mk, .mka, .kit) read-only.`),
    };
    run[e.command]();
  });

  // Files dropped on the window: the desktop app knows their paths, a browser does not.
  useEffect(() => {
    const over = (e: DragEvent): void => e.preventDefault();
    const drop = (e: DragEvent): void => {
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      const path = droppedFilePath(file);
      if (path) void open(path, undefined);
      else setNotice(`A browser does not reveal where ${file.name} is: use Open… and type its path.`);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [open]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.target instanceof HTMLInputElement) return;
      if (e.altKey && e.key === 'ArrowLeft') nav.back();
      else if (e.altKey && e.key === 'ArrowRight') nav.forward();
      else if ((e.ctrlKey || e.metaKey) && e.key === 'o') void openFromUser();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nav, openFromUser]);

  const tree = useAsync(doc ? `${doc.id}:${doc.generation}` : null, () => request('listViews', { docId: doc?.id ?? '' }));
  const viewKeyText = doc && place?.path ? JSON.stringify([doc.id, doc.generation, place.path]) : null;
  const view = useAsync(viewKeyText, () => request('describeView', { docId: doc?.id ?? '', path: place?.path ?? { view: '', steps: [] } }));
  const info = view.value;

  const filters = useMemo(() => {
    if (!info || !place) return NO_FILTERS;
    const out: FilterSpec[] = [];
    for (const c of info.columns) {
      const f = parseFilter(c.name, c.type, place.filterTexts[c.name] ?? '');
      if (f) out.push(f);
    }
    return out.length ? out : NO_FILTERS;
  }, [info, place]);

  const goPath = useCallback((path: ViewPath) => {
    if (place) nav.go(placeAt(place.docId, path));
  }, [nav, place]);
  const drill = useCallback((row: number, column: string) => {
    if (place?.path) goPath({ view: place.path.view, steps: [...place.path.steps, { row, prop: column }] });
  }, [place, goPath]);
  const onCellFocus = useCallback((row: number, column: string) => {
    if (!info) return;
    setTarget((t) => (t && t.docId === info.docId && t.generation === info.generation && t.row === row && t.column === column && JSON.stringify(t.path) === JSON.stringify(info.path)
      ? t : { docId: info.docId, generation: info.generation, path: info.path, row, column }));
  }, [info]);
  const onActive = useCallback((active: CellPosition) => nav.update({ active }), [nav]);
  const cancelJob = useCallback((jobId: string) => { void request('cancelJob', { jobId }).catch(() => {}); }, []);
  const orderJob = jobs.find((j) => j.docId === doc?.id && j.kind === 'order') ?? null;

  return (
    <div className={`app${sidebar ? '' : ' no-sidebar'}${inspectorOpen ? '' : ' no-inspector'}`}>
      <header className="toolbar">
        <button type="button" className="primary" onClick={() => void openFromUser()}>Open…</button>
        <h1 className="app-title">Metakit Inspector</h1>
        {doc && <span className="doc-name" title={doc.main.path}>{doc.title}</span>}
        <span className="spacer" />
        <label className="check"><input type="checkbox" checked={fullPrecision} onChange={() => setFullPrecision(!fullPrecision)} /> Full precision</label>
        <button type="button" onClick={() => setSidebar(!sidebar)} aria-pressed={sidebar}>Sidebar</button>
        <button type="button" onClick={() => setInspectorOpen(!inspectorOpen)} aria-pressed={inspectorOpen}>Inspector</button>
      </header>
      {notice && (
        <div className="notice" role="alert">
          <span>{notice}</span>
          <button type="button" className="icon" aria-label="Dismiss" onClick={() => setNotice(null)}>×</button>
        </div>
      )}
      <div className="workspace">
        {sidebar && (
          <nav className="sidebar" aria-label="Documents and views">
            <h2>Documents</h2>
            <DocumentList documents={documents} activeId={doc?.id ?? null} onSelect={(d) => void showDocument(d)} onClose={(d) => void close(d)} />
            {doc && (
              <>
                <h2>Views</h2>
                {tree.value && <ViewTree nodes={tree.value} current={place?.path?.view ?? null} onOpen={(v) => goPath({ view: v, steps: [] })} />}
              </>
            )}
          </nav>
        )}
        <main className="content">
          {!doc && (
            <div className="welcome">
              <h2>Open a Metakit datafile</h2>
              <p>.mk, .mka (aside) or .kit (Tcl starkit). Files are opened read-only; an aside x.mka next to x.mk is attached automatically.</p>
              <button type="button" className="primary" onClick={() => void openFromUser()}>Open…</button>
              {recent.length > 0 && (
                <ul className="recent-list">
                  {recent.map((r) => <li key={r.path}><button type="button" className="link" disabled={!r.exists} onClick={() => void open(r.path, r.aside ?? undefined)}>{r.name}</button> <span className="muted path">{r.path}</span></li>)}
                </ul>
              )}
            </div>
          )}
          {doc && place?.path && (
            <Breadcrumb path={place.path} onGo={goPath} canBack={nav.canBack} canForward={nav.canForward} onBack={nav.back} onForward={nav.forward} />
          )}
          {view.error && <p className="error" role="alert">{view.error.message}</p>}
          {doc && info && place && (
            <Grid
              key={viewKeyText}
              view={info}
              sort={place.sort}
              filters={filters}
              filterTexts={place.filterTexts}
              onSort={(sort) => nav.update({ sort, active: { pos: 0, col: place.active.col } })}
              onFilterText={(column, text) => nav.update({ filterTexts: { ...place.filterTexts, [column]: text }, active: { pos: 0, col: place.active.col } })}
              active={place.active}
              onActive={onActive}
              onCellFocus={onCellFocus}
              onDrill={drill}
              fullPrecision={fullPrecision}
              job={orderJob}
              onCancelJob={cancelJob}
            />
          )}
        </main>
        {inspectorOpen && (
          <CellInspector
            target={target && doc && target.docId === doc.id ? target : null}
            onOpenSubview={(t) => drill(t.row, t.column)}
            onClose={() => setInspectorOpen(false)}
          />
        )}
      </div>
      <StatusBar doc={doc} jobs={jobs} onToggleAside={() => void toggleAside()} onCancelJob={cancelJob} transport={transportKind} />
      {openDialog && <OpenDialog recent={recent} onOpen={(p, a) => void open(p, a)} onClearRecent={() => void request('clearRecent', {}).catch(report)} onCancel={() => setOpenDialog(false)} />}
    </div>
  );
}
