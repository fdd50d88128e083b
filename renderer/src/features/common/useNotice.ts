/** The window's one-line notice (results, refusals, hints) under the toolbar; the user dismisses it. */
import { useCallback, useState } from 'react';
import { errorText } from './errorText.js';

export interface Notice {
  text: string | null;
  /** Shows `text` (null hides the notice). */
  say: (text: string | null) => void;
  /** Shows a failure with its code. */
  report: (e: unknown) => void;
}

export function useNotice(): Notice {
  const [text, setText] = useState<string | null>(null);
  const report = useCallback((e: unknown) => setText(errorText(e)), []);
  return { text, say: setText, report };
}
