/**
 * The renderer during a flush of a 1M-row file (main + an aside of two whole-column commits, about
 * 100 MB): long tasks (PerformanceObserver 'longtask', every main-thread task over 50 ms) and the
 * longest gap between animation frames, measured in the page from the click on Flush to the result,
 * and printed. The flush runs in the service's task worker; the page only gets progress events.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cell, expect, test } from './fixtures.js';
import { BIG_PAIR_DIR, BIG_PAIR_ROWS } from './globalSetup.js';

interface Watch {
  longTasks: number[];
  maxFrameGap: number;
  frames: number;
  /** Recording (off while the test takes its screenshot: capturing a page stalls its frames). */
  running: boolean;
  /** Phases the dialog showed as current, seen by a MutationObserver (no polling from the test). */
  phases: string[];
}

test('nothing in the renderer blocks during the flush of a 1M-row file (measured)', async ({ page, serve, shot, consoleErrors: _ }) => {
  test.setTimeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), 'mk-e2e-bigflush-'));
  copyFileSync(join(BIG_PAIR_DIR, 'demo.mk'), join(dir, 'demo.mk'));
  copyFileSync(join(BIG_PAIR_DIR, 'demo.mka'), join(dir, 'demo.mka'));
  const total = BIG_PAIR_ROWS + 1 + 2 * 5;
  const s = await serve([join(dir, 'demo.mk')]);
  await page.goto(s.url);
  await expect(cell(page, 0, 1)).toHaveText('sensor-0', { timeout: 60_000 });
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', String(total));

  await page.getByRole('button', { name: 'Flush…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Flush', exact: true })).toBeEnabled({ timeout: 60_000 });
  await dialog.getByRole('checkbox', { name: /Copy both files first/ }).uncheck();

  // From here to the result: every long task and the longest gap between frames. First the same page
  // idle for a few seconds (the baseline on this machine), then the flush.
  await page.evaluate(() => {
    const w = window as unknown as { mkWatch: Watch; mkDone: boolean };
    w.mkWatch = { longTasks: [], maxFrameGap: 0, frames: 0, running: true, phases: [] };
    w.mkDone = false;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (w.mkWatch.running) w.mkWatch.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const frame = (t: number): void => {
      if (w.mkDone) return;
      if (w.mkWatch.running) {
        w.mkWatch.maxFrameGap = Math.max(w.mkWatch.maxFrameGap, t - last);
        w.mkWatch.frames++;
      }
      last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    new MutationObserver(() => {
      const current = document.querySelector('.flush-progress .phases .current')?.textContent?.replace(/^\W+/, '');
      if (current && !w.mkWatch.phases.includes(current)) w.mkWatch.phases.push(current);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const setRecording = (on: boolean): Promise<void> => page.evaluate((v) => { (window as unknown as { mkWatch: Watch }).mkWatch.running = v; }, on);
  const takeWatch = (): Promise<Watch> => page.evaluate(() => {
    const w = window as unknown as { mkWatch: Watch };
    const copy = { ...w.mkWatch, longTasks: [...w.mkWatch.longTasks], phases: [...w.mkWatch.phases] };
    Object.assign(w.mkWatch, { longTasks: [], maxFrameGap: 0, frames: 0 });
    return copy;
  });
  const idleMs = 6000;
  await page.waitForTimeout(idleMs);
  const idle = await takeWatch();
  const started = Date.now();
  await dialog.getByRole('button', { name: 'Flush', exact: true }).click();
  const progress = dialog.getByRole('region', { name: 'Flush progress' });
  await expect(progress.locator('.phases .current')).toContainText(/write|verify|compact/, { timeout: 120_000 });
  await setRecording(false);
  await shot('27-flush-progress-1m');
  await setRecording(true);
  const result = dialog.getByRole('status', { name: 'Flush result' });
  await expect(result).toBeVisible({ timeout: 500_000 });
  const watch = await page.evaluate(() => {
    const w = window as unknown as { mkWatch: Watch; mkDone: boolean };
    w.mkWatch.running = false;
    w.mkDone = true;
    return w.mkWatch;
  });
  await expect(result).toContainText(`log ${total.toLocaleString('en-US')}`);
  await shot('28-flush-result-1m');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const describe = (w: Watch, ms: number): string => {
    const longest = w.longTasks.length ? Math.round(Math.max(...w.longTasks)) : 0;
    return `${w.longTasks.length} long task(s) over 50 ms${w.longTasks.length ? ` (longest ${longest} ms)` : ''}, longest gap between frames ${Math.round(w.maxFrameGap)} ms, ${(w.frames / (ms / 1000)).toFixed(0)} frames/s`;
  };
  console.log(`flush of a ${total.toLocaleString('en-US')}-row main + aside: ${seconds} s; renderer during it: ${describe(watch, Date.now() - started)}; the same page idle for ${idleMs / 1000} s before: ${describe(idle, idleMs)}; phases shown in the dialog: ${watch.phases.join(', ')}`);
  expect(watch.frames).toBeGreaterThan(10);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('tab', { name: 'Aside' }).click();
  await expect(page.getByRole('group', { name: 'Aside commits' })).toContainText('0');
});
