/** Electronegativity (Doyensec) scans electron/ for Electron misconfigurations: no HIGH finding. */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string; value: number };
  confidence: { name: string };
  description: string;
  manualReview: boolean;
}

const run = createRequire(import.meta.url)('@doyensec/electronegativity') as (options: Record<string, unknown>) => Promise<{ issues: Issue[]; errors: { file: string; message: string; tolerable: boolean }[]; globalChecks: number; atomicChecks: number }>;

describe('Electronegativity scan', () => {
  it('finds nothing of high severity in electron/', async () => {
    const result = await run({ input: join(import.meta.dirname, '..', '..', 'electron'), electronVersionOverride: '40.10.2', isRelative: true });
    const lines = result.issues.map((i) => `${i.severity.name} ${i.confidence.name} ${i.id} ${i.file}:${i.location.line}${i.manualReview ? ' (manual review)' : ''}`);
    console.log(`electronegativity: ${result.atomicChecks + result.globalChecks} checks, ${result.issues.length} finding(s)${lines.length ? `:\n  ${lines.join('\n  ')}` : ''}`);
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([]);
    expect(result.issues.filter((i) => i.severity.name === 'HIGH').map((i) => `${i.id} ${i.file}:${i.location.line}`)).toEqual([]);
    expect(result.atomicChecks).toBeGreaterThan(20);
  }, 120_000);
});
