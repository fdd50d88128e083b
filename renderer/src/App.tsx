/**
 * The inspector's window: documents and views on the left; the content tabs (the data grid, the aside,
 * the readers, snapshot compare, pending changes, the action log); the cell inspector; the status bar.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MenuCommand } from '../../electron/shared/contract.js';
import type { DocumentInfo, FilterSpec, JobInfo, OpenMode, ViewPath } from '../../electron/shared/dto.js';
import { ApiError, droppedFilePath, request, transportKind } from './api/client.js';
import { useAsync, useServiceEvent } from './api/hooks.js';
import { AsidePanel } from './features/aside/AsidePanel.js';
import { ModeBadge } from './features/edit/ModeBadge.js';
import { PendingPanel } from './features/edit/PendingPanel.js';
import { ExportDialog } from './features/export/ExportDialog.js';
import { DocumentList } from './features/files/DocumentList.js';
import { ListErrors } from './features/files/ListErrors.js';
import { RecentList } from './features/files/RecentList.js';
import { OpenDialog } from './features/files/OpenDialog.js';
import { StatusBar } from './features/files/StatusBar.js';
import { Tabs, type TabId } from './features/files/Tabs.js';
import { useDocuments } from './features/files/useDocuments.js';
import { DataTab } from './features/grid/DataTab.js';
import { type CellPosition } from './features/grid/Grid.js';
import { parseFilter } from './features/grid/filterSyntax.js';
import { CellInspector, type InspectTarget } from './features/grid/inspector/CellInspector.js';
import { placeAt, useNavigation } from './features/grid/navigation.js';
import { useJobs } from './features/jobs/useJobs.js';
import { ComparePanel } from './features/live/ComparePanel.js';
import { LiveControl } from './features/live/LiveControl.js';
import { ActionLogPanel } from './features/maintenance/ActionLogPanel.js';
import { FlushDialog } from './features/maintenance/FlushDialog.js';
import { ReadersPanel } from './features/readers/ReadersPanel.js';
import { ViewTree } from './features/views/ViewTree.js';

const NO_FILTERS: FilterSpec[] = [];
const isOrderJob = (j: JobInfo): boolean => j.kind === 'order';

export function App() {
  const { documents, recent, errors: listErrors, refresh } = useDocuments();
  // Only orders (sorts, filters) concern the grid; the status bar follows every job itself.
  const orderJobs = useJobs(isOrderJob);
  const nav = useNavigation();
  const place = nav.place;
  const [notice, setNotice] = useState<string | null>(null);
  const [openDialog, setOpenDialogState] = useState(false);
  // A refused open is said inside the Open dialog, where the user is looking, not behind its backdrop.
  const [openError, setOpenError] = useState<string | null>(null);
  const openDialogShown = useRef(false);
  const setOpenDialog = useCallback((shown: boolean) => {
    openDialogShown.current = shown;
    setOpenError(null);
    setOpenDialogState(shown);
  }, []);
  const [flushOpen, setFlushOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [tab, setTab] = useState<TabId>('data');
  const [logRound, setLogRound] = useState(0);
  const [sidebar, setSidebar] = useState(true);
  const [inspectorOpen, setInspectorOpen] = useState(true);
  const [fullPrecision, setFullPrecision] = useState(false);
  const [committing, setCommitting] = useState(false);
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

  const open = useCallback(async (path: string, aside: string | null | undefined, mode: OpenMode = 'read') => {
    try {
      const d = await request('openDocument', { path, ...(aside === undefined ? {} : { aside }), ...(mode === 'read' ? {} : { mode }) });
      setOpenDialog(false);
      // Do not wait for the event: it may be lost if the event stream is (re)connecting.
      await refresh();
      if (d.notice) setNotice(d.notice);
      await showDocument(d);
      setTab('data');
    } catch (e) {
      if (openDialogShown.current) setOpenError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
      else report(e);
    }
  }, [showDocument, report, refresh, setOpenDialog]);

  const openFromUser = useCallback(async () => {
    if (!app.value?.canChooseFiles) {
      setOpenDialog(true);
      // The dialog lists the recent files: read them now, so files deleted meanwhile are not offered.
      void refresh();
      return;
    }
    try {
      const path = await request('chooseFile', {});
      if (path) await open(path, undefined);
    } catch (e) {
      report(e);
    }
  }, [app.value, open, report, refresh, setOpenDialog]);

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

  const setPaused = useCallback(async (paused: boolean) => {
    if (!doc) return;
    try {
      await request('setFollow', { docId: doc.id, paused });
      await refresh();
    } catch (e) {
      report(e);
    }
  }, [doc, report, refresh]);

  const commit = useCallback(async () => {
    if (!doc) return;
    setCommitting(true);
    try {
      const r = await request('commitChanges', { docId: doc.id });
      await refresh();
      setNotice(`Committed ${r.edits} change${r.edits === 1 ? '' : 's'} in ${r.ms} ms: generation ${r.generationBefore} → ${r.generationAfter}.`);
    } catch (e) {
      report(e);
    } finally {
      setCommitting(false);
    }
  }, [doc, report, refresh]);

  const revert = useCallback(async () => {
    if (!doc) return;
    try {
      await request('revertChanges', { docId: doc.id });
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
      about: () => setNotice(`Metakit Inspector ${app.value?.version ?? ''}: inspects and maintains Metakit 2.4.9.8 datafiles (.mk, .mka, .kit).`),
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

  const tree = useAsync(doc ? `${doc.id}:${doc.generation}:${doc.editVersion}` : null, () => request('listViews', { docId: doc?.id ?? '' }), { keep: true });
  const viewKeyText = doc && place?.path ? JSON.stringify([doc.id, doc.generation, doc.editVersion, place.path]) : null;
  // Kept while a new generation's description loads: the grid stays, with its scroll and selection.
  const view = useAsync(viewKeyText, () => request('describeView', { docId: doc?.id ?? '', path: place?.path ?? { view: '', steps: [] } }), { keep: true });
  const info = view.value && doc && view.value.docId === doc.id && place?.path && JSON.stringify(view.value.path) === JSON.stringify(place.path) ? view.value : undefined;

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
    setTab('data');
  }, [nav, place]);
  const drill = useCallback((row: number, column: string) => {
    if (place?.path) goPath({ view: place.path.view, steps: [...place.path.steps, { row, prop: column }] });
  }, [place, goPath]);
  const editVersion = doc?.editVersion ?? 0;
  const onCellFocus = useCallback((row: number, column: string) => {
    if (!info) return;
    setTarget((t) => (t && t.docId === info.docId && t.generation === info.generation && t.editVersion === editVersion && t.row === row && t.column === column && JSON.stringify(t.path) === JSON.stringify(info.path)
      ? t : { docId: info.docId, generation: info.generation, editVersion, path: info.path, row, column }));
  }, [info, editVersion]);
  const onActive = useCallback((active: CellPosition) => nav.update({ active }), [nav]);
  const cancelJob = useCallback((jobId: string) => { void request('cancelJob', { jobId }).catch(() => {}); }, []);
  const orderJob = orderJobs.find((j) => j.docId === doc?.id) ?? null;
  const editable = doc !== null && doc.mode !== 'read';

  // The cell inspector belongs to the grid: the maintenance panels get its width.
  const showInspector = inspectorOpen && (tab === 'data' || !doc);
  return (
    <div className={`app${sidebar ? '' : ' no-sidebar'}${showInspector ? '' : ' no-inspector'}`}>
      <header className="toolbar">
        <button type="button" className="primary" onClick={() => void openFromUser()}>Open…</button>
        <h1 className="app-title">Metakit Inspector</h1>
        {doc && <span className="doc-name" title={doc.main.path}>{doc.title}</span>}
        {doc && <ModeBadge doc={doc} />}
        {doc && <LiveControl doc={doc} onPause={(p) => void setPaused(p)} />}
        <span className="spacer" />
        {doc && info && <button type="button" onClick={() => setExportOpen(true)}>Export…</button>}
        {doc && doc.asideAvailable && <button type="button" onClick={() => setFlushOpen(true)}>Flush…</button>}
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
      <ListErrors errors={listErrors} onRetry={() => void refresh()} />
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
              <p>.mk, .mka (aside) or .kit (Tcl starkit). Files are opened read-only unless you choose extend or read-write; an aside x.mka next to x.mk is attached automatically.</p>
              <button type="button" className="primary" onClick={() => void openFromUser()}>Open…</button>
              <RecentList recent={recent} onOpen={(r) => void open(r.path, r.aside ?? undefined)} onClear={() => void request('clearRecent', {}).catch(report)} />
            </div>
          )}
          {doc && <Tabs current={tab} onSelect={setTab} editable={editable} pending={doc.pendingEdits} />}
          {doc && tab === 'data' && (
            <DataTab
              doc={doc} info={info} error={view.error} place={place} filters={filters} nav={nav} goPath={goPath}
              onActive={onActive} onCellFocus={onCellFocus} onDrill={drill} fullPrecision={fullPrecision}
              orderJob={orderJob} onCancelJob={cancelJob} onNotice={setNotice} onReport={report}
              onCommit={() => void commit()} onRevert={() => void revert()} committing={committing}
              activeRow={target && info && target.docId === info.docId && JSON.stringify(target.path) === JSON.stringify(info.path) ? target.row : null}
            />
          )}
          {doc && tab === 'aside' && <AsidePanel doc={doc} />}
          {doc && tab === 'readers' && <ReadersPanel doc={doc} onNotice={setNotice} />}
          {doc && tab === 'compare' && <ComparePanel doc={doc} onNotice={setNotice} />}
          {doc && tab === 'changes' && <PendingPanel doc={doc} busy={committing} onCommit={() => void commit()} onRevert={() => void revert()} />}
          {doc && tab === 'log' && <ActionLogPanel doc={doc} refresh={logRound} />}
        </main>
        {showInspector && (
          <CellInspector
            target={target && doc && target.docId === doc.id ? target : null}
            onOpenSubview={(t) => drill(t.row, t.column)}
            onClose={() => setInspectorOpen(false)}
          />
        )}
      </div>
      <StatusBar doc={doc} onToggleAside={() => void toggleAside()} onCancelJob={cancelJob} transport={transportKind} />
      {openDialog && <OpenDialog recent={recent} error={openError} onOpen={(p, a, m) => void open(p, a, m)} onClearRecent={() => void request('clearRecent', {}).catch(report)} onCancel={() => setOpenDialog(false)} />}
      {flushOpen && doc && (
        <FlushDialog
          doc={doc}
          onClose={() => { setFlushOpen(false); setLogRound((r) => r + 1); }}
          onShowLog={() => { setFlushOpen(false); setLogRound((r) => r + 1); setTab('log'); }}
        />
      )}
      {exportOpen && doc && info && place && <ExportDialog view={info} mainPath={doc.main.path} sort={place.sort} filters={filters} onClose={() => setExportOpen(false)} />}
    </div>
  );
}
