/**
 * The structure issue 15 gave the engine stays: no import cycles among the modules of engine/, bench/
 * and scripts/ (type-only imports count: they tie two modules together for whoever reads or changes
 * them as much as value imports do), and no source file there over 400 lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CHECKED = ['engine', 'bench', 'scripts'];
const MAX_LINES = 400;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'node_modules' || f === 'dist' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.d.ts') ? [resolve(p)] : [];
  });
}

/** Each file's static imports and re-exports of other files in the set (`import type` included). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const deps: string[] = [];
    for (const m of readFileSync(f, 'utf8').matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+['"](\.[^'"]+)['"]/gm)) {
      const stem = resolve(dirname(f), m[1] as string).replace(/\.(js|ts|tsx)$/, '');
      const target = [`${stem}.ts`, `${stem}.tsx`].find((t) => known.has(t));
      if (target) deps.push(target);
    }
    graph.set(f, deps);
  }
  return graph;
}

/** The strongly connected components of more than one module (Tarjan), plus modules importing themselves. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

const files = CHECKED.flatMap((d) => sourceFiles(join(ROOT, d)));
const rel = (f: string): string => relative(ROOT, f);

describe('engine structure (issue 15)', () => {
  it('finds a cycle where there is one (the check itself)', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']], ['e', ['e']]]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
  });

  it('has no import cycles in engine/, bench/ and scripts/, type-only imports counted', () => {
    const graph = importGraph(files);
    expect(files.length).toBeGreaterThan(100);
    expect([...graph.values()].reduce((n, deps) => n + deps.length, 0)).toBeGreaterThan(300);
    expect(findCycles(graph).map((c) => c.map(rel))).toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines in engine/, bench/ and scripts/`, () => {
    const long = files
      .map((f) => ({ file: rel(f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
