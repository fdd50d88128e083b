/** Whether the export dialog (the view on screen to CSV or JSON) is open. */
import { useCallback, useState } from 'react';

export function useExportDialog(): { shown: boolean; show: () => void; close: () => void } {
  const [shown, setShown] = useState(false);
  const show = useCallback(() => setShown(true), []);
  const close = useCallback(() => setShown(false), []);
  return { shown, show, close };
}
