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
  serve: (files: string[]) => Promise<ServeProcess>;
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
    await use(async (files) => {
      const s = await startServe(files, { MKINSPECT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'mk-e2e-')) });
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

/** Milliseconds until `done` resolves. */
export async function timed(done: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await done();
  return Math.round(performance.now() - t);
}
