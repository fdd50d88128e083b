/**
 * Runs an ops.json scenario (the corpus format) with our engine in an empty folder, doing what the
 * corpus' Tcl runner does with Metakit: the same calls in the same order, snapshots copied into
 * DIR/<name>/, and checksize/checkviews assertions that stop the replay.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Field } from '../../core/read/structure.js';
import type { WritableStorage } from '../../core/write/writableStorage.js';
import type { WritableView, RowValues } from '../../core/write/writableView.js';
import { openWritableFile, type AsideDiffMode } from '../openWritable.js';
import { engineValue, generate, hexBytes, ReplayError, type JsonValue } from './values.js';

export type Op = Record<string, JsonValue>;

interface Db {
  storage: WritableStorage;
  mode: 'rw' | 'readonly' | 'extend';
  autocommit: boolean;
}

export interface ReplayOptions {
  dir: string;
  /** Stop after the snapshot of this case. */
  only?: string;
  asideDiffs?: AsideDiffMode;
  log?: (line: string) => void;
}

export interface ReplayResult {
  ops: number;
  snapshots: string[];
}

export class AssertionFailed extends Error {}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function str(op: Op, key: string, fallback?: string): string {
  const v = op[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string') throw new ReplayError(`op ${String(op.op)}: '${key}' must be a string`);
  return v;
}

function int(op: Op, key: string, fallback?: number): number {
  const v = op[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ReplayError(`op ${String(op.op)}: '${key}' must be an integer`);
  return v;
}

function fileName(name: string): string {
  if (!NAME.test(name)) throw new ReplayError(`bad file or case name '${name}'`);
  return name;
}

export class Replayer {
  private readonly dbs = new Map<string, Db>();
  private readonly snapshots: string[] = [];

  constructor(private readonly options: ReplayOptions) {}

  run(ops: readonly Op[]): ReplayResult {
    let n = 0;
    try {
      for (const op of ops) {
        n++;
        this.step(op);
        if (op.op === 'snapshot' && this.options.only !== undefined && op.name === this.options.only) break;
      }
    } finally {
      for (const db of this.dbs.values()) db.storage.close();
      this.dbs.clear();
    }
    return { ops: n, snapshots: this.snapshots };
  }

  private file(name: string): string {
    return join(this.options.dir, fileName(name));
  }

  private db(tag: string): Db {
    const db = this.dbs.get(tag);
    if (!db) throw new ReplayError(`no open db '${tag}'`);
    return db;
  }

  /** `db.view`, `db.view!3.sub`, `db.view!3.sub!0.deeper` */
  private view(path: string, extend = false): WritableView {
    const [tag, ...rest] = path.split('.');
    const db = this.db(tag as string);
    const steps = rest.join('.').split('.');
    const first = (steps.shift() as string).split('!');
    let view = db.storage.view(first[0] as string);
    let index = first[1] === undefined ? null : Number(first[1]);
    for (const s of steps) {
      const [name, next] = s.split('!');
      if (index === null) throw new ReplayError(`path ${path}: a subview needs a row index`);
      if (extend && index >= view.rowCount) view.setSize(index + 1);
      view = view.getView(index, name as string);
      index = next === undefined ? null : Number(next);
    }
    if (index !== null) throw new ReplayError(`path ${path} names a row, not a view`);
    return view;
  }

  /** runops::applyRow: scalars (in object order), then NaNs, then subviews. */
  private applyRow(view: WritableView, index: number, row: JsonValue, mode: 'append' | 'set'): void {
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw new ReplayError('row must be a JSON object');
    const scalars: [string, unknown][] = [];
    const nans: [string, unknown][] = [];
    const subs: [string, JsonValue[]][] = [];
    for (const [k, v] of Object.entries(row)) {
      const p = view.propertyIndex(k);
      if (p < 0) throw new ReplayError(`property "${k}" is not in the layout of ${view.path}`);
      const field = view.fields[p] as Field;
      if (field.type === 'V') {
        if (!Array.isArray(v)) throw new ReplayError('subview value must be an array');
        subs.push([k, v]);
        continue;
      }
      const value = engineValue(field, v);
      if (typeof value === 'number' && Number.isNaN(value)) nans.push([k, value]);
      else scalars.push([k, value]);
    }
    if (mode === 'append') {
      index = view.rowCount;
      view.setSize(index + 1);
      for (const [k, v] of scalars) view.setValue(index, k, v);
    } else if (scalars.length > 0) {
      if (index >= view.rowCount) view.setSize(index + 1);
      for (const [k, v] of scalars) view.setValue(index, k, v);
    }
    for (const [k, v] of nans) {
      if (index >= view.rowCount) view.setSize(index + 1);
      view.setValue(index, k, v);
    }
    for (const [k, rows] of subs) {
      if (index >= view.rowCount) view.setSize(index + 1);
      const sub = view.getView(index, k);
      if (mode === 'set') sub.setSize(0);
      for (const r of rows) this.applyRow(sub, -1, r, 'append');
    }
  }

  private step(op: Op): void {
    const kind = str(op, 'op');
    this.options.log?.(JSON.stringify(op).slice(0, 200));
    switch (kind) {
      case 'open': {
        const tag = str(op, 'db');
        const mode = str(op, 'mode', 'rw') as Db['mode'];
        if (!['rw', 'readonly', 'extend'].includes(mode)) throw new ReplayError(`bad mode '${mode}'`);
        const storage = openWritableFile(this.file(str(op, 'file')), {
          mode: mode === 'rw' ? 'readwrite' : mode === 'extend' ? 'extend' : 'read',
          appendToForeign: true,
          // Metakit's whole-column diffs unless asked: replays are compared byte for byte with Metakit's files.
          asideDiffs: this.options.asideDiffs ?? 'whole',
          // `commit -full` with an aside attached as Metakit does it, not our flush: the replay is compared
          // with the files Metakit wrote.
          asideFullCommit: 'metakit',
        });
        this.dbs.get(tag)?.storage.close();
        this.dbs.set(tag, { storage, mode, autocommit: mode !== 'readonly' && op.nocommit !== true });
        return;
      }
      case 'close': {
        const tag = str(op, 'db');
        const db = this.db(tag);
        if (db.autocommit) db.storage.commit();
        db.storage.close();
        this.dbs.delete(tag);
        return;
      }
      case 'commit':
        this.db(str(op, 'db')).storage.commit({ full: op.full === true });
        return;
      case 'rollback':
        this.db(str(op, 'db')).storage.rollback({ full: op.full === true });
        return;
      case 'aside':
        this.db(str(op, 'db')).storage.setAside(this.db(str(op, 'aside')).storage);
        return;
      case 'layout': {
        const path = str(op, 'path');
        const [tag] = path.split('.');
        this.db(tag as string).storage.getAs(str(op, 'layout'));
        return;
      }
      case 'deleteview': {
        const [tag, name] = str(op, 'path').split('.');
        const storage = this.db(tag as string).storage;
        if (!storage.hasView(name as string)) throw new ReplayError(`no view with this name: ${name}`);
        storage.getAs(name as string);
        return;
      }
      case 'resize':
        this.view(str(op, 'path')).setSize(int(op, 'size'));
        return;
      case 'append':
        this.applyRow(this.view(str(op, 'path')), -1, op.row as JsonValue, 'append');
        return;
      case 'appendgen': {
        const view = this.view(str(op, 'path'));
        const gens = op.values as Record<string, JsonValue>;
        const specs = Object.entries(gens).map(([k, g]) => {
          const p = view.propertyIndex(k);
          if (p < 0) throw new ReplayError(`property "${k}" is not in ${view.path}`);
          const field = view.fields[p] as Field;
          if (field.type === 'V') throw new ReplayError('generators cannot fill subviews');
          return { k, field, g, state: {} as { x?: bigint } };
        });
        const count = int(op, 'count');
        for (let i = 0; i < count; i++) {
          const values: [string, unknown][] = specs.map((s) => [s.k, generate(s.field, s.g, i, s.state)]);
          const row = view.rowCount;
          view.setSize(row + 1);
          for (const [k, v] of values) view.setValue(row, k, v);
        }
        return;
      }
      case 'insert': {
        const view = this.view(str(op, 'path'));
        const index = int(op, 'index');
        const count = int(op, 'count', 1);
        if (index < 0 || index > view.rowCount) throw new ReplayError('view index is too large');
        if (count >= 1) view.insert(index, count);
        if (op.row !== undefined) for (let i = 0; i < count; i++) this.applyRow(view, index + i, op.row, 'set');
        return;
      }
      case 'set':
        this.applyRow(this.view(str(op, 'path')), int(op, 'index'), op.row as JsonValue, 'set');
        return;
      case 'delete': {
        const view = this.view(str(op, 'path'));
        const index = int(op, 'index');
        if (index < 0 || index >= view.rowCount) throw new ReplayError('view index is out of range');
        const count = Math.min(int(op, 'count', 1), view.rowCount - index);
        if (count >= 1) view.delete(index, count);
        return;
      }
      case 'checksize': {
        const n = this.view(str(op, 'path')).rowCount;
        if (n !== int(op, 'size')) throw new AssertionFailed(`checksize ${str(op, 'path')}: the engine has ${n} rows, ops.json says ${int(op, 'size')}`);
        return;
      }
      case 'checkviews': {
        const have = this.db(str(op, 'db')).storage.viewNames();
        const want = op.views as string[];
        if (JSON.stringify(have) !== JSON.stringify(want)) throw new AssertionFailed(`checkviews: the engine has {${have.join(' ')}}, ops.json says {${want.join(' ')}}`);
        return;
      }
      case 'snapshot': {
        const name = fileName(str(op, 'name'));
        const dir = join(this.options.dir, name);
        if (existsSync(dir)) throw new ReplayError(`case ${name} written twice`);
        mkdirSync(dir);
        copyFileSync(this.file(str(op, 'main')), join(dir, basename(str(op, 'main'))));
        if (typeof op.aside === 'string' && op.aside !== '') copyFileSync(this.file(op.aside), join(dir, basename(op.aside)));
        this.snapshots.push(name);
        return;
      }
      case 'copyfile':
        copyFileSync(this.file(str(op, 'from')), this.file(str(op, 'to')));
        return;
      case 'truncate': {
        const path = this.file(str(op, 'file'));
        const data = readFileSync(path);
        let size: number;
        if (op.sizeOf !== undefined) size = statSync(this.file(str(op, 'sizeOf'))).size + int(op, 'plus', 0);
        else {
          size = int(op, 'size');
          if (size < 0) size += data.length;
        }
        if (size < 0 || size > data.length) throw new ReplayError(`truncate: bad size ${size}`);
        writeFileSync(path, data.subarray(0, size));
        return;
      }
      case 'writefile':
        writeFileSync(this.file(str(op, 'file')), hexBytes(str(op, 'hex')));
        return;
      case 'patch': {
        const path = this.file(str(op, 'file'));
        const data = readFileSync(path);
        let off = int(op, 'offset');
        if (off < 0) off += data.length;
        const bytes = hexBytes(str(op, 'hex'));
        if (off < 0 || off + bytes.length > data.length) throw new ReplayError('patch outside of file');
        data.set(bytes, off);
        writeFileSync(path, data);
        return;
      }
      case 'prepend': {
        const path = this.file(str(op, 'file'));
        writeFileSync(path, Buffer.concat([hexBytes(str(op, 'hex')), readFileSync(path)]));
        return;
      }
      case 'appendbytes': {
        const path = this.file(str(op, 'file'));
        writeFileSync(path, Buffer.concat([readFileSync(path), hexBytes(str(op, 'hex'))]));
        return;
      }
      default:
        throw new ReplayError(`unknown op '${kind}'`);
    }
  }
}

export function replay(ops: readonly Op[], options: ReplayOptions): ReplayResult {
  return new Replayer(options).run(ops);
}

export type { RowValues };
