// Appends N clean-stale actions for MAIN through appendAction (for the concurrent-append test).
import { appendAction } from '../../../engine/node/actionLog.js';

const [main, count] = process.argv.slice(2);
if (!main || !count) throw new Error('usage: appendActions.ts MAIN COUNT');
for (let i = 0; i < Number(count); i++) {
  appendAction({ action: 'clean-stale', outcome: 'done', files: { main }, detail: `${process.pid}:${i}:${'x'.repeat(200)}` });
}
process.stdout.write(`${JSON.stringify({ pid: process.pid })}\n`);
