/** Writes a storage's content (main merged with its aside) into a fresh file through our writer. */
import { floatFromBits } from '../../engine/core/base/format.js';
import type { Storage } from '../../engine/core/read/storage.js';
import type { View } from '../../engine/core/read/view.js';
import { openWritableFile } from '../../engine/node/openWritable.js';

function rows(v: View): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let r = 0; r < v.rowCount; r++) {
    const o: Record<string, unknown> = {};
    v.fields.forEach((f, p) => {
      switch (f.type) {
        case 'I': o[f.name] = v.getInt(r, p); break;
        case 'L': o[f.name] = v.getLong(r, p); break;
        case 'F': o[f.name] = floatFromBits(v.getInt(r, p)); break;
        case 'D': o[f.name] = v.getDouble(r, p); break;
        case 'S': o[f.name] = v.getString(r, p); break;
        case 'B': o[f.name] = v.getBytes(r, p); break;
        case 'V': o[f.name] = rows(v.getView(r, p)); break;
      }
    });
    out.push(o);
  }
  return out;
}

/** A read-write commit of every view and row of `storage` into the new file `path`. */
export function rewriteCompact(storage: Storage, path: string): void {
  const live = openWritableFile(path, { mode: 'readwrite' });
  try {
    for (const name of storage.viewNames()) {
      const v = storage.view(name);
      const target = live.getAs(`${name}[${v.description}]`);
      if (!target) throw new Error(`getAs returned no view for ${name}`);
      for (const r of rows(v)) target.append(r);
    }
    live.commit();
  } finally {
    live.close();
  }
}
