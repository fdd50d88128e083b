/**
 * The user's data directory for Metakit Inspector (growth history, the fallback action log):
 * $XDG_DATA_HOME/metakit-inspector (default ~/.local/share) on Linux and other Unixes,
 * ~/Library/Application Support/metakit-inspector on macOS, %APPDATA%\metakit-inspector on Windows.
 * MKINSPECT_DATA_DIR overrides it (tests, portable installs).
 */
import { homedir } from 'node:os';
import { isAbsolute, join, win32 } from 'node:path';

export const APP_DIR_NAME = 'metakit-inspector';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.MKINSPECT_DATA_DIR) return env.MKINSPECT_DATA_DIR;
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(xdg, APP_DIR_NAME);
}
