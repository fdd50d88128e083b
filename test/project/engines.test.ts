/**
 * The Node range we declare (package.json `engines`, the README) is one every locked package supports:
 * `npm ci` prints no EBADENGINE on any Node in the range, and the Node running the tests is in it.
 * Issue 14: electron-builder 26's @electron/rebuild 4 wants Node >= 22.12; 25.1.8 supports Node 20.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: Record<string, string> | string[] }>;
};

function nodeRangeOf(engines: Record<string, string> | string[] | undefined): string | undefined {
  // A few old packages write engines as an array of strings; npm ignores those.
  return engines && !Array.isArray(engines) ? engines.node : undefined;
}

describe('the supported Node range', () => {
  const ours = pkg.engines.node;

  it('is a valid range that the Node running the tests satisfies', () => {
    expect(semver.validRange(ours)).not.toBeNull();
    expect({ node: process.version, satisfies: semver.satisfies(process.version, ours) }).toEqual({ node: process.version, satisfies: true });
  });

  it('lies inside every locked package\'s own engines.node (no EBADENGINE anywhere in it)', () => {
    const ranges = Object.entries(lock.packages)
      .map(([path, meta]) => [path, nodeRangeOf(meta.engines)] as const)
      .filter((e): e is readonly [string, string] => e[1] !== undefined);
    expect(ranges.length).toBeGreaterThan(100);
    const outside = ranges.filter(([, range]) => !semver.subset(ours, range)).map(([path, range]) => `${path} wants ${range}`);
    expect(outside).toEqual([]);
  });

  it('is the range the README states', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`Node.js \`${ours}\``);
  });
});
