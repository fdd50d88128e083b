/**
 * Editing in a real browser: a read-write open is refused, naming the process, while another process
 * holds the file; opened read-write once it is gone (mode badge), cells are edited in place, a row
 * appended and one deleted, the pending changes listed, then committed; `mkinspect dump --json` (its
 * own process) reads the result from disk.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cell, expect, test } from './fixtures.js';
import { dumpJson, ROOT, startHolder } from './processes.js';

const SOURCE = join(ROOT, 'test', 'fixtures', 'corpus', 'rows-100', 'data.mk');

test('edits a file opened read-write: refused while held, then edit, append, delete, commit', async ({ page, serve, shot, consoleErrors: _ }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'mk-e2e-edit-'));
  const file = join(dir, 'data.mk');
  copyFileSync(SOURCE, file);
  const s = await serve([]);
  await page.goto(s.url);

  const openReadWrite = async (): Promise<void> => {
    await page.getByRole('button', { name: 'Open…' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Path on the machine running the inspector').fill(file);
    await dialog.getByRole('radio', { name: /^Read-write/ }).check();
    await dialog.getByRole('button', { name: 'Open read-write' }).click();
  };

  const holder = await startHolder(file);
  try {
    await openReadWrite();
    // Said inside the Open dialog, which stays open with the choices made.
    const refused = page.getByRole('dialog').getByRole('alert').filter({ hasText: 'BUSY' });
    await expect(refused).toContainText(`cannot open data.mk read-write: a read-write commit rewrites bytes other processes may be reading: pid ${holder.pid}`);
    await shot('24-edit-refused');
    await expect(page.getByRole('dialog').getByRole('radio', { name: /^Read-write/ })).toBeChecked();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'BUSY' })).toHaveCount(0);
  } finally {
    await holder.stop();
  }

  await openReadWrite();
  await expect(page.getByLabel('Mode: READ-WRITE')).toBeVisible();
  await expect(cell(page, 2, 2)).toHaveText('row-2');
  const grid = page.getByRole('grid');

  // Edit a string and a number in place.
  await cell(page, 2, 2).dblclick();
  await page.getByLabel('New value of name, row 2').fill('edited in the browser');
  await page.keyboard.press('Enter');
  await expect(cell(page, 2, 2)).toHaveText('edited in the browser');
  await expect(cell(page, 2, 2)).toHaveClass(/edited/);
  await cell(page, 3, 1).dblclick();
  await page.getByLabel('New value of val, row 3').fill('not a number');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('BAD_VALUE: expected an integer for val (I), but found "not a number"');
  await page.getByLabel('New value of val, row 3').fill('-42');
  await page.keyboard.press('Enter');
  await expect(cell(page, 3, 1)).toHaveText('-42');

  // Append a row (it becomes the active row) and give it an id; delete row 5.
  await page.getByRole('button', { name: 'Append row' }).click();
  await expect(grid).toHaveAttribute('aria-rowcount', '101');
  await cell(page, 100, 0).dblclick();
  await page.getByLabel('New value of id, row 100').fill('1000');
  await page.keyboard.press('Enter');
  await expect(cell(page, 100, 0)).toHaveText('1000');
  await grid.focus();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await page.getByRole('button', { name: 'Delete row 5' }).click();
  await expect(page.locator('[role=row][aria-rowindex="6"]')).toHaveClass(/row-deleted/);
  await expect(page.getByRole('toolbar', { name: 'Editing' })).toContainText('4 pending changes');
  await cell(page, 2, 2).click();
  await shot('25-edit-pending');

  await page.getByRole('tab', { name: /^Changes/ }).click();
  const list = page.getByRole('list', { name: 'Pending changes' });
  await expect(list.getByRole('listitem')).toHaveText([
    'rows[2].name: row-2 → edited in the browser',
    'rows[3].val: -410917740 → -42',
    'rows: new row 100 (id=1000)',
    'rows: delete row 5',
  ]);
  await shot('26-edit-changes');
  await page.getByRole('button', { name: 'Commit' }).click();
  await expect(page.getByRole('alert')).toContainText('Committed 4 changes');
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(grid).toHaveAttribute('aria-rowcount', '100');

  const rows = dumpJson(file, null).views[0]?.rows ?? [];
  expect(rows).toHaveLength(100);
  expect(rows[2]).toMatchObject({ id: 2, name: 'edited in the browser' });
  expect(rows[3]).toMatchObject({ id: 3, val: -42 });
  expect(rows[5]).toMatchObject({ id: 6 });
  expect(rows[99]).toMatchObject({ id: 1000, val: 0, name: '' });
});
