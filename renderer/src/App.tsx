/**
 * The inspector's window, as a composition root: each feature keeps its state and commands in its own
 * hook in its folder under features/; this wires them together and lays out the window — the toolbar, documents
 * and views on the left, the document's tabs, the cell inspector, the status bar and the dialogs.
 */
import { transportKind } from './api/client.js';
import { useAsideToggle } from './features/aside/useAsideToggle.js';
import { useNotice } from './features/common/useNotice.js';
import { usePendingCommands } from './features/edit/usePendingCommands.js';
import { ExportDialog } from './features/export/ExportDialog.js';
import { useExportDialog } from './features/export/useExportDialog.js';
import { ListErrors } from './features/files/ListErrors.js';
import { OpenDialog } from './features/files/OpenDialog.js';
import { StatusBar } from './features/files/StatusBar.js';
import { useDocumentCommands } from './features/files/useDocumentCommands.js';
import { useDocumentChange, useDocuments } from './features/files/useDocuments.js';
import { useFileDrop, useOpenFile } from './features/files/useOpenFile.js';
import { Welcome } from './features/files/Welcome.js';
import { CellInspector } from './features/grid/inspector/CellInspector.js';
import { useInspectTarget } from './features/grid/inspector/useInspectTarget.js';
import { useNavigation } from './features/grid/navigation.js';
import { useViewInfo } from './features/grid/useViewInfo.js';
import { cancelJob, useOrderJob } from './features/jobs/useJobs.js';
import { useFollowPause } from './features/live/useFollowPause.js';
import { FlushDialog } from './features/maintenance/FlushDialog.js';
import { useFlushDialog } from './features/maintenance/useFlushDialog.js';
import { Sidebar } from './features/views/Sidebar.js';
import { useViewPaths } from './features/views/useViewPaths.js';
import { useViewTree } from './features/views/useViewTree.js';
import { DocumentPanels } from './features/window/DocumentPanels.js';
import { NoticeBar } from './features/window/NoticeBar.js';
import { Toolbar } from './features/window/Toolbar.js';
import { aboutText, useAppInfo } from './features/window/useAppInfo.js';
import { useLayout } from './features/window/useLayout.js';
import { focusFirstFilter, useMenu, useShortcuts } from './features/window/useWindowCommands.js';

export function App() {
  const { documents, recent, errors, refresh } = useDocuments();
  const nav = useNavigation();
  const { place } = nav;
  const notice = useNotice();
  const { say, report } = notice;
  const layout = useLayout();
  const app = useAppInfo();
  const doc = documents.find((d) => d.id === place?.docId) ?? null;

  const change = useDocumentChange(refresh, report);
  const docs = useDocumentCommands(nav, documents, refresh, report);
  const opener = useOpenFile({ canChooseFiles: app?.canChooseFiles ?? false, refresh, say, report, show: docs.showDocument, onOpened: layout.showData });
  useFileDrop(opener.open, say);
  const toggleAside = useAsideToggle(doc, change);
  const setPaused = useFollowPause(doc, change);
  const pending = usePendingCommands(doc, { refresh, say, report, change });
  const view = useViewInfo(doc, place);
  const tree = useViewTree(doc);
  const paths = useViewPaths(nav, layout.showData);
  const inspected = useInspectTarget(doc, view.info);
  const orderJob = useOrderJob(doc?.id);
  const flush = useFlushDialog(layout.setTab);
  const exporting = useExportDialog();

  const openFromUser = (): void => void opener.openFromUser();
  useMenu({
    open: openFromUser,
    close: () => { if (doc) void docs.close(doc); },
    toggleAside: () => void toggleAside(),
    toggleSidebar: layout.toggleSidebar,
    toggleInspector: layout.toggleInspector,
    fullPrecision: layout.toggleFullPrecision,
    find: focusFirstFilter,
    about: () => say(aboutText(app?.version)),
  });
  useShortcuts({ back: nav.back, forward: nav.forward, open: opener.openFromUser });

  // The cell inspector belongs to the grid: the maintenance panels get its width.
  const showInspector = layout.inspector && (layout.tab === 'data' || !doc);
  return (
    <div className={`app${layout.sidebar ? '' : ' no-sidebar'}${showInspector ? '' : ' no-inspector'}`}>
      <Toolbar
        doc={doc} canExport={view.info !== undefined} layout={layout} onOpen={openFromUser}
        onPause={(p) => void setPaused(p)} onExport={exporting.show} onFlush={flush.show}
      />
      <NoticeBar notice={notice} />
      <ListErrors errors={errors} onRetry={() => void refresh()} />
      <div className="workspace">
        {layout.sidebar && (
          <Sidebar
            documents={documents} doc={doc} tree={tree} currentView={place?.path?.view ?? null}
            onSelect={(d) => void docs.showDocument(d)} onClose={(d) => void docs.close(d)} onOpenView={(v) => paths.goPath({ view: v, steps: [] })}
          />
        )}
        <main className="content">
          {!doc && <Welcome recent={recent} onOpen={openFromUser} onOpenRecent={(r) => void opener.open(r.path, r.aside ?? undefined)} onClearRecent={opener.clearRecent} />}
          {doc && place && (
            <DocumentPanels
              doc={doc} layout={layout} view={view} place={place} nav={nav} paths={paths} inspected={inspected}
              pending={pending} notice={notice} orderJob={orderJob} logRound={flush.logRound}
            />
          )}
        </main>
        {showInspector && <CellInspector target={inspected.target} onOpenSubview={(t) => paths.drill(t.row, t.column)} onClose={layout.closeInspector} />}
      </div>
      <StatusBar doc={doc} onToggleAside={() => void toggleAside()} onCancelJob={cancelJob} transport={transportKind} />
      {opener.dialog.shown && (
        <OpenDialog recent={recent} error={opener.dialog.error} onOpen={(p, a, m) => void opener.open(p, a, m)} onClearRecent={opener.clearRecent} onCancel={opener.closeDialog} />
      )}
      {flush.shown && doc && <FlushDialog doc={doc} onClose={flush.close} onShowLog={flush.showLog} />}
      {exporting.shown && doc && view.info && place && (
        <ExportDialog view={view.info} mainPath={doc.main.path} sort={place.sort} filters={view.filters} onClose={exporting.close} />
      )}
    </div>
  );
}
