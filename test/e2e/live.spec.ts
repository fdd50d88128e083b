/**
 * Issue 7 in a real browser against `mkinspect serve`, with every other actor a separate OS process:
 * `mkinspect demo-writer` extends the aside while the grid keeps the user's scroll position and
 * selection and shows the new rows; Pause freezes the display while commits are counted; a pinned
 * generation is compared with the current one and two generations from the history; a plain Node
 * process holding the file disables the flush, named by pid; once it exits the flush runs with
 * progress, the aside has 0 commits and the main file alone shows every row; the export of the view
 * equals `mkinspect dump --json`. Screenshots of every panel go to test-results/screenshots/.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parseCsv } from '../helpers/csv.js';
import { cell, expect, test } from './fixtures.js';
import { dumpJson, leaveStaleEntries, makeDemoPair, startDemoWriter, startHolder, type Holder } from './processes.js';

const ROWS = 1000;

async function rowCount(page: Page): Promise<number> {
  return Number(await page.getByRole('grid').getAttribute('aria-rowcount'));
}

async function scrollTop(page: Page): Promise<number> {
  return page.getByRole('grid').evaluate((el) => el.scrollTop);
}

function tab(page: Page, name: string) {
  return page.getByRole('tab', { name: new RegExp(`^${name}`) });
}

/** A CSV field against a dump --json value: strings as they are, numbers by value. */
function sameValue(csv: string, json: unknown): boolean {
  if (typeof json === 'string') return csv === json;
  if (typeof json === 'number') return Object.is(Number(csv), json);
  return false;
}

test('live follow, pause, pin and compare, the guarded flush and export', async ({ page, serve, shot, consoleErrors: _ }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'mk-e2e-live-'));
  const { main, aside } = makeDemoPair(dir, ROWS, 2);
  const s = await serve([main]);
  await page.goto(s.url);
  const grid = page.getByRole('grid');
  await expect(cell(page, 0, 1)).toHaveText('sensor-0');
  const start = ROWS + 1 + 2 * 5;
  await expect(grid).toHaveAttribute('aria-rowcount', String(start));
  const liveGroup = page.getByRole('group', { name: 'Live follow' });
  await expect(liveGroup).toContainText('Following');
  // The dot is still until a commit arrives (no endless animation), then beats once per commit.
  await expect(liveGroup.locator('.live-dot')).not.toHaveClass(/beat/);

  // The user is somewhere in the middle, with a cell selected.
  await grid.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
  await page.keyboard.press('ArrowRight');
  const active = await grid.getAttribute('aria-activedescendant');
  const top = await scrollTop(page);
  expect(top).toBeGreaterThan(0);

  // Another process extends the aside: 4 commits of 5 rows, 0.7 s apart.
  const writer = startDemoWriter(dir, 4, 700);
  await expect.poll(() => rowCount(page), { timeout: 20_000 }).toBeGreaterThan(start);
  const firstSeen = await rowCount(page);
  expect(await writer.done).toBe(0);
  await expect(liveGroup.locator('.live-dot')).toHaveClass(/beat/);
  await expect(grid).toHaveAttribute('aria-rowcount', String(start + 20));
  expect(await scrollTop(page)).toBe(top);
  expect(await grid.getAttribute('aria-activedescendant')).toBe(active);
  const notice = page.getByRole('status', { name: 'New rows' });
  await expect(notice.getByRole('button', { name: '+20 rows' })).toBeVisible();
  await shot('10-live-new-rows-notice');
  await notice.getByRole('button', { name: '+20 rows' }).click();
  await expect(page.locator('.grid-row.new-row')).toHaveCount(20);
  await expect(page.locator('.grid-row.new-row [role=rowheader]').first()).toHaveText(String(start));
  await shot('11-live-new-rows-highlighted');
  console.log(`live follow: first new rows seen at ${firstSeen - start} rows; scroll position ${top}px and selection ${active} kept`);

  // Pause: the display stays, the commits are counted; Resume shows them.
  await page.getByRole('group', { name: 'Live follow' }).getByRole('button', { name: 'Pause' }).click();
  const paused = startDemoWriter(dir, 2, 300);
  expect(await paused.done).toBe(0);
  await expect(page.getByRole('group', { name: 'Live follow' })).toContainText('Paused: 2 new commits, +10 rows waiting');
  await expect(grid).toHaveAttribute('aria-rowcount', String(start + 20));
  await shot('12-live-paused');
  await page.getByRole('group', { name: 'Live follow' }).getByRole('button', { name: 'Resume' }).click();
  await expect(grid).toHaveAttribute('aria-rowcount', String(start + 30));

  // Pin and compare: the pinned generation against the current one, as commits keep arriving.
  await tab(page, 'Compare').click();
  await page.getByRole('button', { name: 'Pin this generation' }).click();
  await expect(page.getByRole('region', { name: 'Pinned generation' })).toContainText('Pinned generation');
  const more = startDemoWriter(dir, 2, 300);
  expect(await more.done).toBe(0);
  const diff = page.getByRole('group', { name: 'Differences in log' });
  await expect(diff).toContainText('+10 added', { timeout: 20_000 });
  await expect(diff.locator('tr.diff-added')).toHaveCount(10);
  await shot('13-compare-pinned');
  await page.getByRole('button', { name: 'Read the history' }).click();
  const gens = page.getByRole('table', { name: 'Generations' });
  await expect(gens.locator('tbody tr')).toHaveCount(1 + 2 + 4 + 2 + 2);
  await page.getByRole('radio', { name: 'From generation 1', exact: true }).check();
  await page.getByRole('radio', { name: 'To generation 3', exact: true }).check();
  await page.getByRole('button', { name: 'Compare #1 → #3' }).click();
  await expect(page.getByRole('region', { name: 'Differences' })).toContainText('Generation #1 → #3');
  await expect(diff).toContainText('+10 added');
  await expect(diff).toContainText(`(${(ROWS + 1).toLocaleString('en-US')} → ${(ROWS + 11).toLocaleString('en-US')} rows)`);
  await shot('14-compare-history');

  // The aside panel: sizes, commits, bytes per commit, the reclaim, the charts.
  await tab(page, 'Aside').click();
  const commits = 2 + 4 + 2 + 2;
  // Issue 14: the count says what it counts, and the whole chain (base included) is named next to it.
  await expect(page.getByRole('group', { name: 'Commits after the base' })).toHaveText(`Commits after the base${commits}of ${commits + 1} generations on the aside's chain; base 273 B (its creation or last flush)`);
  await expect(page.getByRole('figure', { name: 'Aside size and commits over time' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Per generation (the aside\'s commits)' })).toBeVisible();
  // Hover values: uPlot's legend shows the point under the cursor.
  const perGen = page.getByRole('figure', { name: 'Per generation (the aside\'s commits)' });
  const plot = perGen.locator('.u-over');
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  if (box) await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
  await expect(perGen.locator('.u-legend')).toContainText(`#${commits}`);
  // The whole panel in one picture: stats and both charts.
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByRole('heading', { name: 'Aside growth' }).scrollIntoViewIfNeeded();
  await plot.hover({ position: { x: (box?.width ?? 100) - 4, y: (box?.height ?? 100) / 2 } });
  await shot('15-aside-panel');
  await page.setViewportSize({ width: 1400, height: 860 });

  // Who holds the files: the demo writer (registered, and seen by the OS scan) and a foreign reader
  // (a plain Node process with an fd on the main file, only discovered).
  const holder: Holder = await startHolder(main);
  const dead = await leaveStaleEntries(main, aside);
  let extra = 0;
  try {
    const bg = startDemoWriter(dir, 1000, 1000);
    await tab(page, 'Readers').click();
    const stale = page.getByRole('table', { name: 'Stale registry entries' });
    await expect(stale.locator('tbody tr')).toHaveCount(2);
    await expect(stale).toContainText(String(dead));
    await expect(stale).toContainText('pid-gone');
    const holders = page.getByRole('table', { name: 'Processes holding the files' });
    await expect(holders).toContainText(String(holder.pid), { timeout: 15_000 });
    await expect(holders.locator('tr', { hasText: String(holder.pid) })).toContainText('discovered');
    await expect(holders.locator('tr', { hasText: String(bg.child.pid) })).toContainText('both', { timeout: 15_000 });
    await expect(holders.locator('tr', { hasText: String(bg.child.pid) })).toContainText('extender');
    await shot('16-readers-panel');
    await page.getByRole('button', { name: 'Clean 2 stale entries' }).click();
    await expect(page.getByRole('alert')).toContainText('Removed 2 stale entries');
    await expect(stale).toHaveCount(0);
    bg.child.kill('SIGTERM');
    expect(await bg.done).toBe(0);
    extra = bg.commits;
    await expect(holders.locator('tr', { hasText: String(bg.child.pid) })).toHaveCount(0, { timeout: 15_000 });
    await page.getByRole('button', { name: 'Flush…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('button', { name: 'Flush', exact: true })).toBeDisabled();
    await expect(dialog.getByRole('status').filter({ hasText: 'Flush is disabled' })).toContainText(`pid ${holder.pid}`);
    await expect(dialog.getByRole('listitem', { name: 'No other process holds the files' })).toContainText(String(holder.pid));
    await shot('17-flush-busy');
    // Wait until free: a live countdown; stopping it changes nothing.
    await dialog.getByRole('button', { name: 'Wait until free' }).click();
    await expect(dialog.locator('.countdown')).toBeVisible();
    const first = Number((await dialog.locator('.countdown').textContent())?.replace(/\D/g, ''));
    await expect.poll(async () => Number((await dialog.locator('.countdown').textContent())?.replace(/\D/g, '')), { timeout: 10_000 }).toBeLessThan(first);
    await shot('18-flush-waiting');
    await dialog.getByRole('button', { name: 'Stop waiting' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Cancelled: nothing was changed.');
  } finally {
    await holder.stop();
  }

  // The holder is gone: the flush runs, with progress through its phases, and reports.
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Flush', exact: true })).toBeEnabled({ timeout: 15_000 });
  await dialog.getByRole('checkbox', { name: /Copy both files first/ }).uncheck();
  await shot('19-flush-ready');
  await dialog.getByRole('button', { name: 'Flush', exact: true }).click();
  const result = dialog.getByRole('status', { name: 'Flush result' });
  await expect(result).toContainText('Flushed in');
  const total = start + 40 + 5 * extra;
  await expect(result).toContainText(`Rows verified in the new main file: log ${total.toLocaleString('en-US')}`);
  for (const phase of ['prepare', 'write', 'verify', 'aside', 'swap', 'verify-compact']) await expect(result).toContainText(`${phase} `);
  await shot('20-flush-result');
  await dialog.getByRole('button', { name: 'Show the action log' }).click();
  const log = page.getByRole('table', { name: 'Action log' });
  await expect(log.locator('tbody tr').first()).toContainText('flush');
  await expect(log.locator('tbody tr').first()).toContainText('done');
  await expect(log.locator('tbody tr').nth(1)).toContainText('clean-stale');
  await shot('21-action-log');

  // After the flush: the aside has no commits, and the main file alone shows every row.
  await tab(page, 'Aside').click();
  await expect(page.getByRole('group', { name: 'Commits after the base' })).toContainText(/^Commits after the base0of 1 generation on the aside's chain; base 58 B \(its creation or last flush\)$/);
  await tab(page, 'Data').click();
  await expect(grid).toHaveAttribute('aria-rowcount', String(total));
  await page.locator('.status-bar .aside-toggle input').click();
  await expect(page.locator('.status-bar')).toContainText('(main alone)');
  await expect(grid).toHaveAttribute('aria-rowcount', String(total));
  await shot('22-after-flush-main-alone');

  // Export the view and compare it with mkinspect dump --json of the same files.
  await page.getByRole('button', { name: 'Export…' }).click();
  const ex = page.getByRole('dialog');
  const target = join(dir, 'log-export.csv');
  await ex.getByLabel('File on the machine running the inspector').fill(target);
  await ex.getByRole('button', { name: 'Export' }).click();
  await expect(ex.getByRole('status')).toContainText(`Exported ${total.toLocaleString('en-US')} rows`);
  await shot('23-export');
  const csv = parseCsv(readFileSync(target, 'utf8'));
  const dumped = dumpJson(main, aside).views.find((v) => v.name === 'log')?.rows ?? [];
  expect(csv[0]).toEqual(['t', 'sensor', 'value', 'flags']);
  expect(csv.length - 1).toBe(dumped.length);
  const header = csv[0] as string[];
  let mismatches = 0;
  dumped.forEach((row, i) => header.forEach((name, c) => { if (!sameValue(csv[i + 1]?.[c] ?? '', row[name])) mismatches++; }));
  expect(mismatches).toBe(0);
  console.log(`export: ${dumped.length} rows x ${header.length} columns equal to mkinspect dump --json`);
});
