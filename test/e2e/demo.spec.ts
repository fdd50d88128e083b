/**
 * The demo database `npm start` opens (`mkinspect demo`, main + aside): the 1M-row sensor log browsed
 * to its last row with the keyboard, and a book's tags subview — the rows the demo's generators wrote,
 * read back through the whole stack (service worker, loopback API, grid).
 */
import { join } from 'node:path';
import { catalogue } from '../../engine/node/demo/catalogue.js';
import { cell, expect, inPageTiming, test } from './fixtures.js';
import { DEMO_DIR } from './globalSetup.js';

const LOG_ROWS = 1_000_000;

test('opens the demo database: the 1M-row log to its end with the keyboard, a subview of the catalogue', async ({ page, serve, shot, consoleErrors: _ }) => {
  const s = await serve([join(DEMO_DIR, 'demo.mk')]);
  await page.goto(s.url);
  const grid = page.getByRole('grid');
  const books = catalogue();
  // The first view is the catalogue, read through the aside (two acquisitions added there).
  await expect(cell(page, 0, 0)).toHaveText(books[0]?.title ?? '');
  await expect(grid).toHaveAttribute('aria-rowcount', String(books.length + 2));
  await expect(page.locator('.status-bar')).toContainText('aside demo.mka');

  // A book's tags: its subview cell drills down.
  const tags = books[0]?.tags ?? [];
  await expect(cell(page, 0, 5)).toHaveText(`${tags.length} rows ›`);
  await cell(page, 0, 5).getByRole('button').click();
  await expect(page.getByRole('navigation', { name: 'View path' })).toContainText('[0] tags');
  await expect(grid).toHaveAttribute('aria-rowcount', String(tags.length));
  await expect(cell(page, 0, 0)).toHaveText(tags[0]?.tag ?? '');
  await shot('29-demo-book-tags');

  // The sensor log: a million rows, to the end with Ctrl+End.
  await page.getByRole('tree').getByRole('button', { name: /^log/ }).click();
  await expect(grid).toHaveAttribute('aria-rowcount', String(LOG_ROWS));
  await expect(cell(page, 0, 1)).toHaveText('boiler-1/temperature');
  await grid.focus();
  const last = LOG_ROWS - 1;
  const jump = await inPageTiming(page, `#cell-${last}-1`, 'roof/solar', () => page.keyboard.press('Control+End'));
  await expect(page.locator(`[role=row][aria-rowindex="${LOG_ROWS}"] [role=rowheader]`)).toHaveText(String(last));
  // Row i is 250 ms after row 0 (2024-03-01T00:00:00Z) times i; sensors take turns, eight of them.
  await expect(cell(page, last, 0)).toHaveText(String(1_709_251_200_000 + last * 250));
  await shot('30-demo-log-end');
  console.log(`demo database: the 1M-row log's last row shown ${jump} ms after Ctrl+End`);
});
