/**
 * Fixtures of the browser tests: `mkinspect serve` started as a real process on the files a test
 * names (the URL read from its stdout), a page that fails the test on any console error, and a
 * screenshot helper writing test-results/screenshots/NN-name.png.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serveProcess.js';

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

interface Fixtures {
  /** `env` overrides the scratch directories (e.g. a MKINSPECT_CONFIG_DIR the test prepared). */
  serve: (files: string[], env?: Record<string, string>) => Promise<ServeProcess>;
  consoleErrors: string[];
  shot: (name: string) => Promise<string>;
}

export const test = base.extend<Fixtures>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    await use(errors);
    expect(errors, 'console errors').toEqual([]);
  },
  serve: async ({ page: _page }, use) => {
    const started: ServeProcess[] = [];
    await use(async (files, env = {}) => {
      // Recent files, the growth history and the fallback action log in scratch directories.
      const s = await startServe(files, { MKINSPECT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'mk-e2e-')), MKINSPECT_DATA_DIR: mkdtempSync(join(tmpdir(), 'mk-e2e-data-')), ...env });
      started.push(s);
      return s;
    });
    for (const s of started) expect(await s.stop()).toBe(0);
  },
  shot: async ({ page }, use) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await use(async (name) => {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    });
  },
});

export { expect };

/** The grid's cell text at (row position, column index), once rendered. */
export function cell(page: Page, pos: number, col: number) {
  return page.locator(`#cell-${pos}-${col}`);
}

/**
 * Milliseconds from the user's input (the first keydown or click after arming) to the frame after
 * the element `selector` shows `text`, measured inside the page (no test-runner polling in it).
 */
export async function inPageTiming(page: Page, selector: string, text: string, act: () => Promise<void>): Promise<number> {
  await page.evaluate(([sel, want]) => {
    const w = window as unknown as { mkStart: number | null; mkDone: number | null };
    w.mkStart = null;
    w.mkDone = null;
    const start = (): void => {
      if (w.mkStart === null) w.mkStart = performance.now();
    };
    window.addEventListener('keydown', start, { capture: true, once: true });
    window.addEventListener('click', start, { capture: true, once: true });
    const check = (): boolean => {
      const el = document.querySelector(sel as string);
      if (!el || el.textContent !== want) return false;
      requestAnimationFrame(() => { w.mkDone = performance.now(); });
      return true;
    };
    if (check()) return;
    const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
    mo.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, [selector, text]);
  await act();
  const handle = await page.waitForFunction(() => {
    const w = window as unknown as { mkStart: number | null; mkDone: number | null };
    return w.mkDone !== null && w.mkStart !== null ? w.mkDone - w.mkStart : null;
  }, undefined, { timeout: 60_000 });
  return Math.round((await handle.jsonValue()) as number);
}
