// The seed's writer, registered: MAIN opened read-only and ASIDE in extend mode (both as role
// extender). Prints {"pid":..}; on each `commit` line on stdin appends a row to view `a`, commits
// into the aside and commits the aside, then prints {"asideEnd":..}. Closes both when stdin ends.
import { createInterface } from 'node:readline';
import { openWritableStorageFile } from '../../../engine/node/openWritableStorageFile.js';

const [main, aside] = process.argv.slice(2);
if (!main || !aside) throw new Error('usage: extender.ts MAIN ASIDE');
const db = openWritableStorageFile(main, { mode: 'read', role: 'extender' });
const dba = openWritableStorageFile(aside, { mode: 'extend', role: 'extender' });
db.storage.setAside(dba.storage);
process.stdout.write(`${JSON.stringify({ pid: process.pid, presence: [db.presence, dba.presence] })}\n`);
let n = 0;
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line !== 'commit') return;
  n++;
  db.storage.view('a').append({ i: `extender row ${n}` });
  db.commit();
  dba.commit();
  process.stdout.write(`${JSON.stringify({ asideEnd: dba.storage.endOfData })}\n`);
});
rl.on('close', () => {
  db.close();
  dba.close();
  process.exit(0);
});
