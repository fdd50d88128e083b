/** Numbers, sizes and times as the panels show them. */
import { formatSize } from '../grid/GridCell.js';

export { formatSize };

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1,234 bytes (1.2 KiB)` for exact sizes in reports. */
export function formatBytesExact(n: number): string {
  return n < 1024 ? `${formatCount(n)} bytes` : `${formatCount(n)} bytes (${formatSize(n)})`;
}

/** Signed size difference: `+1.2 KiB`, `−300 B`. */
export function formatDelta(n: number): string {
  return `${n < 0 ? '−' : '+'}${formatSize(Math.abs(n))}`;
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Local date and time, to the second. */
export function formatTime(t: string | number): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** How long ago, roughly: `12 s ago`, `3 min ago`, `2 h ago`, `4 days ago`. */
export function formatAgo(t: string | number, now = Date.now()): string {
  const ms = now - new Date(t).getTime();
  if (!Number.isFinite(ms)) return '';
  if (ms < 60_000) return `${Math.max(0, Math.round(ms / 1000))} s ago`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min ago`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h ago`;
  return `${Math.round(ms / 86_400_000)} days ago`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** The folder part of a path (either separator). */
export function dirOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : path;
}

export function joinPath(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}
