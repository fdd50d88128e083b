/**
 * What the window shows: the sidebar, the cell inspector, numbers in full precision, and the content
 * tab of the document. Toolbar buttons and menu items toggle the same state.
 */
import { useCallback, useState } from 'react';
import type { TabId } from '../files/Tabs.js';

export interface Layout {
  sidebar: boolean;
  inspector: boolean;
  fullPrecision: boolean;
  tab: TabId;
  setTab: (tab: TabId) => void;
  /** Back to the data tab (after opening a document, going to a view). */
  showData: () => void;
  toggleSidebar: () => void;
  toggleInspector: () => void;
  closeInspector: () => void;
  toggleFullPrecision: () => void;
}

export function useLayout(): Layout {
  const [tab, setTab] = useState<TabId>('data');
  const [sidebar, setSidebar] = useState(true);
  const [inspector, setInspector] = useState(true);
  const [fullPrecision, setFullPrecision] = useState(false);
  const showData = useCallback(() => setTab('data'), []);
  const toggleSidebar = useCallback(() => setSidebar((s) => !s), []);
  const toggleInspector = useCallback(() => setInspector((s) => !s), []);
  const closeInspector = useCallback(() => setInspector(false), []);
  const toggleFullPrecision = useCallback(() => setFullPrecision((s) => !s), []);
  return { sidebar, inspector, fullPrecision, tab, setTab, showData, toggleSidebar, toggleInspector, closeInspector, toggleFullPrecision };
}
