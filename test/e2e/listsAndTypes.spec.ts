/**
 * In a real browser against `mkinspect serve`: issue 14.3, a document or recent-files list that fails
 * shows an error with Retry, which works once the cause is fixed, and the recent files list only files
 * that still exist, with Clear; issue 13.4, the tree marks a type letter Metakit does not know and
 * shows a recursive subview as the view it repeats.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cell, expect, test } from './fixtures.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const ROWS = join(FIXTURES, 'corpus', 'rows-100', 'data.mk');

test('issue 14.3: failed lists show an error with Retry; recent files are only existing ones, with Clear', async ({ page, serve, shot }) => {
  const scratch = mkdtempSync(join(tmpdir(), 'mk-e2e-lists-'));
  const config = join(scratch, 'config');
  // A real cause: the recent files list cannot be read, because a directory stands where the file goes.
  const stored = join(config, 'recent-files.json');
  mkdirSync(stored, { recursive: true });
  const served = join(scratch, 'served.mk');
  const [kept, gone] = [join(scratch, 'kept.mk'), join(scratch, 'gone.mk')];
  for (const f of [served, kept, gone]) copyFileSync(ROWS, f);
  const s = await serve([served], { MKINSPECT_CONFIG_DIR: config });
  // The only console errors allowed: the browser's notes on the failed listDocuments responses.
  const consoleErrors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
  // listDocuments fails at the HTTP level, as when the server cannot answer (the served process has no test hook).
  await page.route('**/api/listDocuments', (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'the inspector is restarting' }));
  await page.goto(s.url);

  const banner = page.locator('.list-error');
  await expect(banner).toContainText('Could not list the open documents: IO: HTTP 503: the inspector is restarting');
  await expect(banner).toContainText(`Could not list the recent files: IO: cannot read the recent files list ${stored}: EISDIR`);
  await expect(page.getByRole('list', { name: 'Open documents' }).getByRole('listitem')).toHaveCount(0);
  await shot('lists-01-failed');

  await page.unroute('**/api/listDocuments');
  await banner.getByRole('button', { name: 'Retry' }).click();
  await expect(banner).not.toContainText('open documents');
  await expect(banner).toContainText('Could not list the recent files');
  await expect(page.getByRole('list', { name: 'Open documents' })).toContainText('served.mk');
  await expect(cell(page, 0, 0)).toHaveText('0');

  rmSync(stored, { recursive: true });
  await banner.getByRole('button', { name: 'Retry' }).click();
  await expect(banner).toHaveCount(0);
  await shot('lists-02-retried');

  const openPath = async (path: string): Promise<void> => {
    await page.getByRole('button', { name: 'Open…' }).first().click();
    await page.getByRole('dialog').getByLabel('Path on the machine running the inspector').fill(path);
    await page.getByRole('dialog').getByRole('button', { name: 'Open read-only' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  };
  await openPath(gone);
  await openPath(kept);
  rmSync(gone);
  await page.getByRole('button', { name: 'Open…' }).first().click();
  const recent = page.getByRole('dialog').getByRole('region', { name: 'Recent files' });
  // Newest first; gone.mk, deleted after it was opened, is not listed.
  await expect(recent.getByRole('listitem')).toHaveText([`kept.mk${kept}`]);
  await shot('lists-03-recent');
  await recent.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByRole('dialog').getByRole('region', { name: 'Recent files' })).toHaveCount(0);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  expect(consoleErrors.filter((e) => !/status of 503/.test(e))).toEqual([]);
  rmSync(scratch, { recursive: true, force: true });
});

test('issue 13.4: the tree marks unknown type letters and shows a recursive subview as the view it repeats', async ({ page, serve, shot, consoleErrors: _ }) => {
  const s = await serve([join(FIXTURES, 'metakit-extra', 'unknown-type-nested', 'data.mk'), join(FIXTURES, 'corpus', 'recursive-subview', 'data.mk')]);
  await page.goto(s.url);
  await expect(cell(page, 0, 0)).toHaveText('row0');
  await expect(cell(page, 0, 1)).toHaveText('-150');
  const tree = page.getByRole('tree', { name: 'Views' });
  // The view shown is expanded in the tree: its columns, the unknown letter as a badge.
  const v = tree.getByRole('treeitem', { level: 1 }).first();
  await expect(v.getByRole('treeitem', { name: 'Y? read as I n', level: 2 })).toBeVisible();
  await v.getByRole('button', { name: 'Expand sub' }).click();
  await expect(v.getByRole('treeitem', { name: 'Q? read as I w', level: 3 })).toBeVisible();
  await expect(page.locator('.column-head').nth(1)).toContainText('Y? I');
  await shot('types-01-unknown');

  await page.getByRole('list', { name: 'Open documents' }).getByRole('button', { name: /recursive-subview/ }).click();
  const r = tree.getByRole('treeitem', { level: 1 }).nth(1);
  await expect(r.locator('.node').first()).toHaveAttribute('title', 'r[data:S,self[]]');
  await r.getByRole('button', { name: 'Expand r' }).click();
  await r.getByRole('button', { name: 'Expand self' }).click();
  await expect(r.locator('.recursion-node')).toHaveText('↻ same as r');
  await shot('types-02-recursive');
});
