/**
 * The seed's writer, as its own process: main read-only, aside in commit-extend mode, two rows with
 * the time appended, commit of main (into the aside) and of the aside. Usage: seedWriter MAIN ASIDE
 */
import { openWritableFile } from '../../engine/node/openWritable.js';

const [main, aside] = process.argv.slice(2) as [string, string];
const db = openWritableFile(main, { mode: 'read' });
const dba = openWritableFile(aside, { mode: 'extend' });
db.setAside(dba);
const vw = db.view('a');
vw.append({ i: new Date().toUTCString() });
vw.append({ i: new Date().toUTCString() });
db.commit();
dba.commit();
db.close();
dba.close();
process.stdout.write('committed\n');
