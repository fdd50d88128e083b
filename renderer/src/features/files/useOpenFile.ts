/**
 * Opening files: chosen by the user (the native dialog of the desktop app, else the Open dialog, where
 * a refused open is said, not behind its backdrop), from the recent list, or dropped on the window.
 * An opened document is shown at once: the event that announces it may be lost while reconnecting.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentInfo, OpenMode } from '../../../../electron/shared/dto.js';
import { droppedFilePath, request } from '../../api/client.js';
import { errorText } from '../common/errorText.js';

interface Options {
  /** The desktop app has a native file dialog. */
  canChooseFiles: boolean;
  refresh: () => Promise<void>;
  say: (text: string) => void;
  report: (e: unknown) => void;
  show: (d: DocumentInfo) => Promise<void>;
  /** After a document is opened and shown. */
  onOpened: () => void;
}

export interface OpenFile {
  /** The Open dialog is shown, with why the last open from it was refused. */
  dialog: { shown: boolean; error: string | null };
  closeDialog: () => void;
  open: (path: string, aside: string | null | undefined, mode?: OpenMode) => Promise<void>;
  /** Open… (toolbar, menu, Ctrl+O). */
  openFromUser: () => Promise<void>;
  clearRecent: () => void;
}

export function useOpenFile({ canChooseFiles, refresh, say, report, show, onOpened }: Options): OpenFile {
  const [shown, setShownState] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shownNow = useRef(false);
  const setShown = useCallback((s: boolean) => {
    shownNow.current = s;
    setError(null);
    setShownState(s);
  }, []);

  const open = useCallback(async (path: string, aside: string | null | undefined, mode: OpenMode = 'read') => {
    try {
      const d = await request('openDocument', { path, ...(aside === undefined ? {} : { aside }), ...(mode === 'read' ? {} : { mode }) });
      setShown(false);
      await refresh();
      if (d.notice) say(d.notice);
      await show(d);
      onOpened();
    } catch (e) {
      if (shownNow.current) setError(errorText(e));
      else report(e);
    }
  }, [show, report, refresh, say, onOpened, setShown]);

  const openFromUser = useCallback(async () => {
    if (!canChooseFiles) {
      setShown(true);
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
  }, [canChooseFiles, open, report, refresh, setShown]);

  const closeDialog = useCallback(() => setShown(false), [setShown]);
  const clearRecent = useCallback(() => { void request('clearRecent', {}).catch(report); }, [report]);
  return { dialog: { shown, error }, closeDialog, open, openFromUser, clearRecent };
}

/** Files dropped on the window: the desktop app knows their paths, a browser does not. */
export function useFileDrop(open: OpenFile['open'], say: (text: string) => void): void {
  useEffect(() => {
    const over = (e: DragEvent): void => e.preventDefault();
    const drop = (e: DragEvent): void => {
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      const path = droppedFilePath(file);
      if (path) void open(path, undefined);
      else say(`A browser does not reveal where ${file.name} is: use Open… and type its path.`);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [open, say]);
}
