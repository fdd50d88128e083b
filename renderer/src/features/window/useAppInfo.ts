/** The service's description of itself: its version, and whether it has a native file dialog. */
import { request } from '../../api/client.js';
import { useAsync } from '../../api/hooks.js';

export function useAppInfo() {
  return useAsync('app', () => request('appInfo', {})).value;
}

export function aboutText(version: string | undefined): string {
  return `Metakit Inspector ${version ?? ''}: inspects and maintains Metakit 2.4.9.8 datafiles (.mk, .mka, .kit).`;
}
