/**
 * The aside found next to a datafile: `x.mk` → `x.mka` (any extension, or none: `x` → `x.mka`; an
 * `.mka` file is an aside itself and has none). The app and `mkinspect` attach it automatically, so
 * both show the same rows.
 */
import { existsSync } from 'node:fs';

/** The path `x.mka` next to `mainPath`, whether or not it exists; null for an aside itself. */
export function siblingAsidePath(mainPath: string): string | null {
  if (/\.mka$/i.test(mainPath)) return null;
  const candidate = mainPath.replace(/(\.[^./\\]*)?$/, '.mka');
  return candidate !== mainPath ? candidate : null;
}

/** The aside next to `mainPath` if that file exists, else null. */
export function asideNextTo(mainPath: string): string | null {
  const candidate = siblingAsidePath(mainPath);
  return candidate !== null && existsSync(candidate) ? candidate : null;
}
