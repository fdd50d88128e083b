/**
 * Commands that reach the window from outside the page: the desktop menu (sent as service events) and
 * the keyboard shortcuts (Alt+Left/Right for back and forward, Ctrl/Cmd+O to open).
 */
import { useEffect } from 'react';
import type { MenuCommand } from '../../../../electron/shared/contract.js';
import { useServiceEvent } from '../../api/hooks.js';

/** Runs the menu's commands; the latest table is used. */
export function useMenu(run: Record<MenuCommand, () => void>): void {
  useServiceEvent('menu', (e) => run[e.command]());
}

/** Edit ▸ Find: the first column filter of the grid. */
export function focusFirstFilter(): void {
  document.querySelector<HTMLInputElement>('.column-head input.filter')?.focus();
}

interface Shortcuts {
  back: () => void;
  forward: () => void;
  open: () => unknown;
}

/** Window-wide keys; typing in a field (a filter, the editor) is left alone. */
export function useShortcuts({ back, forward, open }: Shortcuts): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.target instanceof HTMLInputElement) return;
      if (e.altKey && e.key === 'ArrowLeft') back();
      else if (e.altKey && e.key === 'ArrowRight') forward();
      else if ((e.ctrlKey || e.metaKey) && e.key === 'o') void open();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [back, forward, open]);
}
