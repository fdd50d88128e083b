/**
 * The metakit-extra fixtures: cases written (or answers recorded) by the reference Metakit 2.4.9.8 in
 * addition to the delivered corpus, in the same case-folder layout (see fixtures/metakit-extra/README.md).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCase, type CorpusCase } from './corpus.js';
import { tclLayoutToDescription } from './tclLayout.js';

export const EXTRA_DIR = join(import.meta.dirname, '..', 'fixtures', 'metakit-extra');

export function extraCases(): CorpusCase[] {
  return readdirSync(EXTRA_DIR)
    .filter((d) => existsSync(join(EXTRA_DIR, d, 'expected.json')))
    .sort()
    .map((name) => loadCase(name, EXTRA_DIR));
}

interface RecordedLayouts {
  file: string;
  sha256: string;
  mkViewLayout: Record<string, string>;
}

/**
 * View name → layout (`r[data:S,self[]]`) from what `mk::view layout db.<view>` printed, converted as
 * dump.tcl converts it; checks that the recorded file is the very file the answers came from.
 */
export function recordedLayouts(folder: string): Map<string, string> {
  const dir = join(EXTRA_DIR, folder);
  const rec = JSON.parse(readFileSync(join(dir, 'layouts.json'), 'utf8')) as RecordedLayouts;
  const sha = createHash('sha256').update(readFileSync(join(dir, rec.file))).digest('hex');
  if (sha !== rec.sha256) throw new Error(`${folder}/layouts.json was recorded on another file than ${rec.file} (sha256 ${sha})`);
  const out = new Map<string, string>();
  for (const [view, tcl] of Object.entries(rec.mkViewLayout)) if (view !== '') out.set(view, `${view}[${tclLayoutToDescription(tcl)}]`);
  return out;
}
