/**
 * The 10M-row acceptance measurement (printed, not asserted as a time limit): first rows visible after
 * opening the file, and the last row visible after Ctrl+End. The file is written by the engine's
 * writer in the global setup.
 */
import { ACCEPTANCE_FILE, ACCEPTANCE_ROWS } from './globalSetup.js';
import { cell, expect, inPageTiming, test } from './fixtures.js';

const CODES = ['ok', 'warn', 'error', 'retry', 'idle', 'boot', 'sync'];

test('a 10M-row view: first rows after open, jump to the last row', async ({ page, serve, shot, consoleErrors: _ }) => {
  const s = await serve([]);
  await page.goto(s.url);
  await expect(page.getByRole('heading', { name: 'Open a Metakit datafile' })).toBeVisible();

  // Open through the UI: openDocument, the view tree, the view, the first window (columns decoded cold).
  await page.getByRole('button', { name: 'Open…' }).first().click();
  await page.getByLabel('Path on the machine running the inspector').fill(ACCEPTANCE_FILE);
  const firstRows = await inPageTiming(page, '#cell-0-2', 'ok', () => page.getByRole('button', { name: 'Open read-only' }).click());
  await expect(cell(page, 0, 2)).toHaveText('ok');
  const grid = page.getByRole('grid');
  await expect(grid).toHaveAttribute('aria-rowcount', String(ACCEPTANCE_ROWS));
  await grid.focus();
  const lastCode = CODES[(ACCEPTANCE_ROWS - 1) % 7] as string;
  const jump = await inPageTiming(page, `#cell-${ACCEPTANCE_ROWS - 1}-2`, lastCode, () => page.keyboard.press('Control+End'));
  await expect(cell(page, ACCEPTANCE_ROWS - 1, 2)).toHaveText(lastCode);
  await expect(page.locator(`[role=row][aria-rowindex="${ACCEPTANCE_ROWS}"] [role=rowheader]`)).toHaveText(String(ACCEPTANCE_ROWS - 1));
  await shot('09-ten-million-rows-end');
  const home = await inPageTiming(page, '#cell-0-0', '0', () => page.keyboard.press('Control+Home'));
  // Into rows not fetched yet: the middle of the file, as a user dragging the scrollbar thumb.
  const middleRow = 5_000_000;
  const middle = await inPageTiming(page, `#cell-${middleRow}-0`, String(middleRow), async () => {
    await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[role=grid]') as HTMLElement;
      el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
    });
  });
  console.log(`10M-row acceptance: first rows visible ${firstRows} ms after Open (target < 1000 ms); jump to the last row ${jump} ms (target < 300 ms); back to the first ${home} ms; scrollbar to the middle ${middle} ms`);
});
