/**
 * The shown document's content: its tabs and the panel of the current one (the data grid, the aside,
 * the readers, snapshot compare, pending changes, the action log).
 */
import type { DocumentInfo, JobInfo } from '../../../../electron/shared/dto.js';
import { AsidePanel } from '../aside/AsidePanel.js';
import type { Notice } from '../common/useNotice.js';
import { PendingPanel } from '../edit/PendingPanel.js';
import type { PendingCommands } from '../edit/usePendingCommands.js';
import { Tabs } from '../files/Tabs.js';
import { DataTab } from '../grid/DataTab.js';
import type { InspectedCell } from '../grid/inspector/useInspectTarget.js';
import type { Navigation, Place } from '../grid/navigation.js';
import type { ShownView } from '../grid/useViewInfo.js';
import { ComparePanel } from '../live/ComparePanel.js';
import { ActionLogPanel } from '../maintenance/ActionLogPanel.js';
import { ReadersPanel } from '../readers/ReadersPanel.js';
import type { ViewPaths } from '../views/useViewPaths.js';
import type { Layout } from './useLayout.js';

interface Props {
  doc: DocumentInfo;
  layout: Layout;
  view: ShownView;
  place: Place;
  nav: Navigation;
  paths: ViewPaths;
  inspected: InspectedCell;
  pending: PendingCommands;
  notice: Notice;
  orderJob: JobInfo | null;
  /** Counts closings of the flush dialog (the action log reads itself again). */
  logRound: number;
}

export function DocumentPanels({ doc, layout, view, place, nav, paths, inspected, pending, notice, orderJob, logRound }: Props) {
  const { tab } = layout;
  return (
    <>
      <Tabs current={tab} onSelect={layout.setTab} editable={doc.mode !== 'read'} pending={doc.pendingEdits} />
      {tab === 'data' && (
        <DataTab
          doc={doc} view={view} place={place} nav={nav} paths={paths} inspected={inspected}
          pending={pending} notice={notice} fullPrecision={layout.fullPrecision} orderJob={orderJob}
        />
      )}
      {tab === 'aside' && <AsidePanel doc={doc} />}
      {tab === 'readers' && <ReadersPanel doc={doc} onNotice={notice.say} />}
      {tab === 'compare' && <ComparePanel doc={doc} onNotice={notice.say} />}
      {tab === 'changes' && <PendingPanel doc={doc} busy={pending.committing} onCommit={pending.commit} onRevert={pending.revert} />}
      {tab === 'log' && <ActionLogPanel doc={doc} refresh={logRound} />}
    </>
  );
}
