/** A content checksum of the `log[n:I,s:S]` view shared by the multi-process writer and readers. */
export interface LogView {
  readonly rowCount: number;
  getInt(row: number, prop: string): number;
  getString(row: number, prop: string): string;
}

export function checksumOf(log: LogView): number {
  let h = 2166136261;
  for (let r = 0; r < log.rowCount; r++) {
    h = Math.imul(h ^ log.getInt(r, 'n'), 16777619);
    const s = log.getString(r, 's');
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}
