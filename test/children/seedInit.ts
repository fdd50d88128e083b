/**
 * The seed's "initialise" step, as its own process: main `a[i:S]` committed, an aside attached once
 * (which adds the `_C` view to it), both closed. Usage: seedInit MAIN ASIDE
 */
import { openWritableFile } from '../../engine/node/openWritable.js';

const [main, aside] = process.argv.slice(2) as [string, string];
const db = openWritableFile(main, { mode: 'readwrite' });
db.getAs('a[i:S]');
db.commit();
const dba = openWritableFile(aside, { mode: 'readwrite' });
db.setAside(dba);
db.close();
dba.commit();
dba.close();
process.stdout.write('initialised\n');
