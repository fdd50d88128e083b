/**
 * The shown document's content: its tabs and the panel of the current one (the data grid, the aside,
 * the readers, snapshot compare, pending changes, the action log).
 */
import { AsidePanel } from '../aside/AsidePanel.js';
import { PendingPanel } from '../edit/PendingPanel.js';
import { Tabs } from '../files/Tabs.js';
import { DataTab, type DataTabProps } from '../grid/DataTab.js';
import { ComparePanel } from '../live/ComparePanel.js';
import { ActionLogPanel } from '../maintenance/ActionLogPanel.js';
import { ReadersPanel } from '../readers/ReadersPanel.js';
import type { Layout } from './useLayout.js';

interface Props extends Omit<DataTabProps, 'fullPrecision'> {
  layout: Layout;
  /** Counts closings of the flush dialog (the action log reads itself again). */
  logRound: number;
}

export function DocumentPanels({ layout, logRound, ...shared }: Props) {
  const { doc, notice, pending } = shared;
  const { tab } = layout;
  return (
    <>
      <Tabs current={tab} onSelect={layout.setTab} editable={doc.mode !== 'read'} pending={doc.pendingEdits} />
      {tab === 'data' && <DataTab {...shared} fullPrecision={layout.fullPrecision} />}
      {tab === 'aside' && <AsidePanel doc={doc} />}
      {tab === 'readers' && <ReadersPanel doc={doc} onNotice={notice.say} />}
      {tab === 'compare' && <ComparePanel doc={doc} onNotice={notice.say} />}
      {tab === 'changes' && <PendingPanel doc={doc} busy={pending.committing} onCommit={pending.commit} onRevert={pending.revert} />}
      {tab === 'log' && <ActionLogPanel doc={doc} refresh={logRound} />}
    </>
  );
}
