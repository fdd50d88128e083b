// A foreign process: opens the files with plain fs.openSync (FLAGS: r or r+) and never registers.
// Prints {"pid":..,"fds":[..]} and holds the descriptors until stdin closes.
import { openSync } from 'node:fs';

const [flags, ...files] = process.argv.slice(2);
const fds = files.map((f) => openSync(f, flags));
process.stdout.write(`${JSON.stringify({ pid: process.pid, fds })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
