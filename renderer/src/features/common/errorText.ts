/** A failure as the panels say it: the service's code and message (`NOT_METAKIT: …`), or the error itself. */
import { ApiError } from '../../api/client.js';

/** `aborted`: what to say instead when the user cancelled the job (code ABORTED). */
export function errorText(e: unknown, aborted?: string): string {
  if (!(e instanceof ApiError)) return String(e);
  return aborted !== undefined && e.code === 'ABORTED' ? aborted : `${e.code}: ${e.message}`;
}
