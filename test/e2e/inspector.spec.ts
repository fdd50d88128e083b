/**
 * The inspector in a real browser against `mkinspect serve`: open, browse the biggest view to the end
 * with the keyboard, sort and filter, drill into subviews and back, inspect a long string and binary
 * cells. Every step leaves a screenshot in test-results/screenshots/.
 */
import { join } from 'node:path';
import { cell, expect, inPageTiming, test } from './fixtures.js';
import { STARKIT_FILE } from './globalSetup.js';

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'corpus');
const BIG = join(CORPUS, 'rows-100000', 'data.mk');
const BIG_ROWS = 100_000;

test('opens the biggest view and browses it to the end with the keyboard', async ({ page, serve, shot, consoleErrors: _ }) => {
  const s = await serve([BIG, join(CORPUS, 'nested-3', 'data.mk')]);
  const grid = page.getByRole('grid');
  const loadStart = performance.now();
  await page.goto(s.url);
  await expect(cell(page, 0, 2)).toHaveText('n0');
  const firstRows = Math.round(performance.now() - loadStart);
  await expect(grid).toHaveAttribute('aria-rowcount', String(BIG_ROWS));
  await expect(page.getByRole('treeitem', { name: /big/ }).first()).toContainText('100,000');
  await expect(page.locator('.status-bar')).toContainText('read-only');
  await expect(page.locator('.status-bar')).toContainText('generation 1188972');
  await expect(page.locator('.status-bar')).toContainText('little-endian');
  await shot('01-open');
  // Light and dark follow the operating system.
  const background = (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background()).toBe('rgb(22, 25, 31)');
  await shot('01-open-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await grid.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const afterPages = Number(await grid.getAttribute('aria-activedescendant').then((id) => id?.split('-')[1]));
  expect(afterPages).toBeGreaterThan(30);
  await expect(page.locator('.inspector')).toContainText(`big[${afterPages}].small`);
  await shot('02-page-down');

  const jump = await inPageTiming(page, `#cell-${BIG_ROWS - 1}-2`, `n${BIG_ROWS - 1}`, () => page.keyboard.press('Control+End'));
  await expect(cell(page, BIG_ROWS - 1, 2)).toHaveText(`n${BIG_ROWS - 1}`);
  await expect(page.locator('[role=row][aria-rowindex="100000"] [role=rowheader]')).toHaveText('99999');
  await expect(page.locator('.inspector')).toContainText('big[99999].name');
  await shot('03-end');

  await page.keyboard.press('Control+Home');
  await expect(cell(page, 0, 0)).toHaveText('0');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'cell-0-0');
  console.log(`e2e timings (${BIG_ROWS.toLocaleString('en-US')}-row view): first rows visible ${firstRows} ms after loading the page (page, service start, cold columns), jump to the last row ${jump} ms`);
});

test('sorts and filters per column in the service', async ({ page, serve, shot, consoleErrors: _ }) => {
  const s = await serve([BIG]);
  await page.goto(s.url);
  const grid = page.getByRole('grid');
  await expect(cell(page, 0, 2)).toHaveText('n0');

  await page.getByRole('columnheader', { name: /small/ }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: /small/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(cell(page, 0, 1)).toHaveText('0');
  await expect(cell(page, 1, 0)).toHaveText('16');
  await page.getByRole('columnheader', { name: /small/ }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: /small/ })).toHaveAttribute('aria-sort', 'descending');
  // small = id*7 mod 16 is 15 first for id 9, then every 16th id.
  await expect(cell(page, 0, 0)).toHaveText('9');
  await expect(cell(page, 0, 1)).toHaveText('15');
  await expect(cell(page, 1, 0)).toHaveText('25');
  await shot('04-sorted');

  await page.getByRole('searchbox', { name: 'Filter name' }).fill('n99');
  await page.getByRole('searchbox', { name: 'Filter name' }).press('Enter');
  // Names containing "n99": ids starting with 99 (99, 990-999, 9900-9999, 99000-99999), still sorted.
  await expect(grid).toHaveAttribute('aria-rowcount', '1111');
  await expect(cell(page, 0, 1)).toHaveText('15');
  await shot('05-filtered');

  // Column resize: drag the handle at the right edge of the name header.
  const nameHeader = page.getByRole('columnheader', { name: /name/ });
  const before = (await nameHeader.boundingBox())?.width ?? 0;
  const handle = page.getByRole('separator', { name: 'Resize name' });
  const box = await handle.boundingBox();
  if (!box) throw new Error('no resize handle');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await nameHeader.boundingBox())?.width ?? 0)).toBe(Math.round(before + 120));
  await expect.poll(async () => Math.round((await cell(page, 0, 2).boundingBox())?.width ?? 0)).toBe(Math.round(before + 120));

  await page.getByRole('searchbox', { name: 'Filter small' }).fill('<3');
  await page.getByRole('searchbox', { name: 'Filter small' }).press('Enter');
  const expected = Array.from({ length: BIG_ROWS }, (_, id) => id).filter((id) => `n${id}`.includes('n99') && (id * 7) % 16 < 3).length;
  await expect(grid).toHaveAttribute('aria-rowcount', String(expected));
  await page.getByRole('searchbox', { name: 'Filter name' }).fill('/(/');
  await page.getByRole('searchbox', { name: 'Filter name' }).press('Enter');
  await expect(page.locator('.grid-overlay.error')).toContainText('BAD_ARGUMENT: expected a regular expression');
});

test('drills into subviews and comes back', async ({ page, serve, shot, consoleErrors: _ }) => {
  const s = await serve([join(CORPUS, 'nested-3', 'data.mk')]);
  await page.goto(s.url);
  await expect(cell(page, 0, 0)).toHaveText('root-a');
  await expect(cell(page, 0, 1)).toHaveText('3 rows ›');
  // The current view is expanded in the tree: its subview property shows below it.
  await expect(page.getByRole('tree')).toContainText('kids');
  await page.getByRole('button', { name: 'Expand kids' }).click();
  await expect(page.getByRole('tree')).toContainText('leaves');
  await cell(page, 0, 1).getByRole('button').click();
  const crumbs = page.getByRole('navigation', { name: 'View path' });
  await expect(crumbs).toContainText('top');
  await expect(crumbs).toContainText('[0] kids');
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '3');
  await expect(cell(page, 2, 0)).toHaveText('a3');

  // Keyboard: to the leaves column of a3, Enter opens it.
  const grid = page.getByRole('grid');
  await grid.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await expect(crumbs).toContainText('[2] leaves');
  await expect(cell(page, 0, 0)).toHaveText('1e+100');
  await expect(cell(page, 0, 1)).toHaveText('deep');
  await shot('06-subview');

  await page.getByRole('button', { name: 'Back' }).click();
  await expect(crumbs).not.toContainText('leaves');
  await expect(cell(page, 2, 0)).toHaveText('a3');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(crumbs).not.toContainText('kids');
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '4');
  await page.getByRole('button', { name: 'Forward' }).click();
  await expect(crumbs).toContainText('[0] kids');
  await crumbs.getByRole('button', { name: 'top' }).click();
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '4');
});

test('inspects a long string and binary cells', async ({ page, serve, shot, consoleErrors: _ }) => {
  const s = await serve([join(CORPUS, 'str-long', 'data.mk'), join(CORPUS, 'bytes-values', 'data.mk')]);
  await page.goto(s.url);
  await expect(cell(page, 0, 1)).toHaveText('short');
  const grid = page.getByRole('grid');
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const inspector = page.getByRole('complementary', { name: 'Cell inspector' });
  await expect(inspector).toContainText('s[1].v');
  const text = inspector.getByLabel('Text of s[1].v');
  await expect(text).toHaveText(/^a{500,}$/);
  await expect(cell(page, 1, 1).locator('.more')).toHaveText('9.8 KiB');
  await shot('07-long-string');

  await page.getByRole('button', { name: /data\.mk\s*bytes-values/ }).click();
  await expect(cell(page, 0, 0)).toHaveText('0');
  await grid.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(inspector).toContainText('b[4].v');
  await inspector.getByRole('radio', { name: 'Hex' }).click();
  // Eight bytes a line in the 400 px panel.
  await expect(inspector.getByLabel('Hex dump of b[4].v')).toHaveText('00000000  a4 e8 09 55 4c eb 0e d3  |...UL...|\n00000008  6c 78 68 70 aa 21 9d bf  |lxhp.!..|');
  await shot('08-binary-hex');
  await inspector.getByRole('radio', { name: 'Text' }).click();
  await inspector.getByRole('radio', { name: 'Latin-1' }).click();
  await expect(inspector.getByLabel('Text of b[4].v')).toHaveText(Buffer.from('a4e809554ceb0ed36c786870aa219dbf', 'hex').toString('latin1'));

  // A file dropped on the window: the desktop app opens it (preload's pathForFile); a browser cannot
  // know its path, says so, and does not navigate away.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], 'dropped.mk'));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
  });
  await expect(page.getByRole('alert')).toContainText('A browser does not reveal where dropped.mk is');
  await expect(cell(page, 4, 0)).toHaveText('4');
});

test('previews zlib-compressed starkit file contents', async ({ page, serve, shot, consoleErrors: _ }) => {
  const s = await serve([STARKIT_FILE]);
  await page.goto(s.url);
  await expect(cell(page, 0, 0)).toHaveText('<root>');
  await cell(page, 0, 2).getByRole('button').click();
  await expect(page.getByRole('navigation', { name: 'View path' })).toContainText('[0] files');
  await expect(cell(page, 1, 0)).toHaveText('README.txt');
  await expect(cell(page, 1, 3).locator('.badge')).toHaveText('zlib');
  await cell(page, 1, 3).click();
  const inspector = page.getByRole('complementary', { name: 'Cell inspector' });
  const inflated = inspector.getByRole('region', { name: 'Decompressed' });
  await expect(inflated).toContainText('zlib-compressed');
  await expect(inflated).toContainText('1.2 KiB → 15 KiB');
  await expect(inflated.getByLabel('Text of dirs[0].files[1].contents (decompressed)')).toContainText('Metakit Inspector sample starkit');
  await expect(inflated.getByLabel('Text of dirs[0].files[1].contents (decompressed)')).toContainText('200: the quick brown fox');
  await shot('10-starkit-zlib');
});
