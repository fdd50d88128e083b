/**
 * The renderer during a flush of a 1M-row file (a 26 MB main + an aside of two commits with Metakit's
 * whole-column diffs, 77 MB): long tasks (PerformanceObserver 'longtask', every main-thread task over 50 ms) and the
 * longest gap between animation frames, measured in the page from the click on Flush to the result,
 * and printed, next to the same page idle just before (the floor on this machine). While measuring,
 * the test does not poll the page (Playwright's locator polling is itself main-thread work: it showed
 * up as the long tasks of an earlier version); it waits on a promise the page resolves from a
 * MutationObserver. The progress screenshot is taken mid-flush and its interval left out of the
 * figures (capturing stalls the page). A CPU profile of the renderer during the flush gives the time
 * spent in the app's own scripts. The flush runs in the service's task worker; the page only gets
 * progress events. MK_FLUSH_HOGS=N runs N busy processes (normal priority) alongside, from before the
 * idle baseline to the end of the flush: the same measurement on a machine whose cores are taken.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cell, expect, test } from './fixtures.js';
import { BIG_PAIR_DIR, BIG_PAIR_ROWS } from './globalSetup.js';

interface LongTask {
  start: number;
  duration: number;
}

interface Watch {
  longTasks: LongTask[];
  /** Gaps between animation frames, with the time each one ended. */
  gaps: { end: number; gap: number }[];
  /** Phases the dialog showed as current, seen by a MutationObserver (no polling from the test). */
  phases: string[];
  /** When each phase became current (performance.now()). */
  phaseTimes: number[];
}

interface Window {
  from: number;
  to: number;
}

/** Long tasks and frame gaps inside [from, to], leaving out anything overlapping `skip`. */
function summarize(w: Watch, span: Window, skip: Window | null): string {
  const overlaps = (start: number, end: number): boolean => skip !== null && start < skip.to + 50 && end > skip.from - 50;
  const tasks = w.longTasks.filter((t) => t.start >= span.from && t.start <= span.to && !overlaps(t.start, t.start + t.duration));
  const gaps = w.gaps.filter((g) => g.end >= span.from && g.end <= span.to && !overlaps(g.end - g.gap, g.end));
  const longest = tasks.length ? Math.round(Math.max(...tasks.map((t) => t.duration))) : 0;
  // Where each one fell: ms after the start of the span, and the phase the dialog showed then.
  const phaseAt = (t: number): string => {
    let p = 'before';
    w.phaseTimes.forEach((at, i) => { if (at <= t) p = w.phases[i] ?? p; });
    return p;
  };
  const where = tasks.map((t) => `${Math.round(t.duration)} ms at +${Math.round(t.start - span.from)} ms (${phaseAt(t.start)})`).join(', ');
  const maxGap = gaps.length ? Math.round(Math.max(...gaps.map((g) => g.gap))) : 0;
  const seconds = (span.to - span.from) / 1000;
  return `${tasks.length} long task(s) over 50 ms${tasks.length ? ` (longest ${longest} ms: ${where})` : ''}, longest gap between frames ${maxGap} ms, ${(gaps.length / seconds).toFixed(0)} frames/s`;
}

/** Busy processes of MK_FLUSH_HOGS, stopped after the flush (or when the test fails). */
const hogs: ChildProcess[] = [];
const stopHogs = (): void => { for (const h of hogs.splice(0)) h.kill('SIGKILL'); };
test.afterEach(stopHogs);

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

  await page.evaluate(() => {
    const w = window as unknown as { mkWatch: Watch; mkDone: boolean };
    w.mkWatch = { longTasks: [], gaps: [], phases: [], phaseTimes: [] };
    w.mkDone = false;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.mkWatch.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const frame = (t: number): void => {
      if (w.mkDone) return;
      w.mkWatch.gaps.push({ end: t, gap: t - last });
      last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    new MutationObserver(() => {
      const current = document.querySelector('.flush-progress .phases .current')?.textContent?.replace(/^\W+/, '');
      if (current && !w.mkWatch.phases.includes(current)) {
        w.mkWatch.phases.push(current);
        w.mkWatch.phaseTimes.push(performance.now());
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const now = (): Promise<number> => page.evaluate(() => performance.now());
  /** Resolves when `selector` matches (and its text matches `text`), without polling from the test. */
  const appears = (selector: string, text: string): Promise<void> => page.evaluate(([sel, re]) => new Promise<void>((resolve) => {
    const found = (): boolean => [...document.querySelectorAll(sel)].some((el) => new RegExp(re).test(el.textContent ?? ''));
    if (found()) return resolve();
    const mo = new MutationObserver(() => { if (found()) { mo.disconnect(); resolve(); } });
    mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }), [selector, text] as const);

  // Nothing on the page animates in a loop: an endless animation (the live dot pulsed once) makes the
  // compositor draw every frame, which on this machine without GPU compositing took a core.
  const endless = await page.evaluate(() => document.getAnimations()
    .filter((a) => a.effect?.getComputedTiming().iterations === Infinity)
    .map((a) => (a as CSSAnimation).animationName ?? 'script animation'));
  expect(endless).toEqual([]);

  const hogCount = Number(process.env.MK_FLUSH_HOGS ?? 0);
  for (let i = 0; i < hogCount; i++) hogs.push(spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' }));
  // The same page idle first: the baseline on this machine.
  const idleMs = 6000;
  const idleFrom = await now();
  await page.waitForTimeout(idleMs);
  const idle: Window = { from: idleFrom, to: await now() };

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  const started = Date.now();
  const flushFrom = await now();
  await dialog.getByRole('button', { name: 'Flush', exact: true }).click();
  await appears('.flush-progress .phases .current', 'write|verify|compact');
  const shotFrom = await now();
  await shot('27-flush-progress-1m');
  const skip: Window = { from: shotFrom, to: await now() };
  await appears('[role=status][aria-label="Flush result"]', '.');
  const flush: Window = { from: flushFrom, to: await now() };
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  stopHogs();
  const { profile } = await cdp.send('Profiler.stop');
  const watch = await page.evaluate(() => {
    const w = window as unknown as { mkWatch: Watch; mkDone: boolean };
    w.mkDone = true;
    return w.mkWatch;
  });

  // CPU time of the renderer's own scripts (our bundle) against everything sampled in the page.
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  let appMs = 0;
  let busyMs = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const n = nodes.get(id);
    const ms = (profile.timeDeltas?.[i + 1] ?? 0) / 1000;
    if (!n || n.callFrame.functionName === '(idle)') return;
    busyMs += ms;
    if (n.callFrame.url.includes('/assets/')) appMs += ms;
  });

  const result = dialog.getByRole('status', { name: 'Flush result' });
  await expect(result).toContainText(`log ${total.toLocaleString('en-US')}`);
  await shot('28-flush-result-1m');
  const mb = (f: string): string => (statSync(join(BIG_PAIR_DIR, f)).size / 1e6).toFixed(1);
  console.log(`${hogCount ? `[${hogCount} busy processes alongside] ` : ''}flush of a ${total.toLocaleString('en-US')}-row main (${mb('demo.mk')} MB) + aside (${mb('demo.mka')} MB): ${seconds} s; renderer during it: ${summarize(watch, flush, skip)} (the ${Math.round(skip.to - skip.from)} ms progress screenshot left out); the same page idle for ${idleMs / 1000} s before: ${summarize(watch, idle, null)}; CPU in the app's scripts ${appMs.toFixed(0)} ms of ${busyMs.toFixed(0)} ms busy in the page; phases shown in the dialog: ${watch.phases.join(', ')}`);
  expect(watch.phases).toEqual(expect.arrayContaining(['write', 'verify', 'swap', 'compact']));
  expect(watch.gaps.filter((g) => g.end >= flush.from && g.end <= flush.to).length).toBeGreaterThan(10);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('tab', { name: 'Aside' }).click();
  await expect(page.getByRole('group', { name: 'Commits after the base' })).toContainText(/^Commits after the base0of 1 generation on the aside's chain/);
});
