/**
 * Whether the flush dialog is open, and the action log's refresh round: closing the dialog (a flush
 * may have run) reads the log again; "Show the action log" goes to it.
 */
import { useCallback, useState } from 'react';
import type { TabId } from '../files/Tabs.js';

export interface FlushDialogState {
  shown: boolean;
  /** Counts closings of the dialog (the action log reads itself again). */
  logRound: number;
  show: () => void;
  close: () => void;
  showLog: () => void;
}

export function useFlushDialog(setTab: (tab: TabId) => void): FlushDialogState {
  const [shown, setShown] = useState(false);
  const [logRound, setLogRound] = useState(0);
  const show = useCallback(() => setShown(true), []);
  const close = useCallback(() => {
    setShown(false);
    setLogRound((r) => r + 1);
  }, []);
  const showLog = useCallback(() => {
    close();
    setTab('log');
  }, [close, setTab]);
  return { shown, logRound, show, close, showLog };
}
