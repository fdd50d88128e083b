/**
 * The electron-builder configuration: valid by electron-builder's own schema, Linux AppImage/deb, macOS
 * dmg and Windows nsis targets, .mk/.mka/.kit associations, a 1024 px icon, and an entry point that
 * the build produces. (Packaging itself needs the Electron binary: see the README.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface Config {
  extraMetadata: { main: string };
  fileAssociations: { ext: string; role: string }[];
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
  icon: string;
  files: string[];
}

describe('electron-builder configuration', () => {
  const file = join(ROOT, 'build', 'electron-builder.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as Config;

  it('passes electron-builder\'s own validation', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig: (dir: string, path: string, extra: null) => Promise<unknown>;
      validateConfiguration: (c: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const loaded = await getConfig(ROOT, file, null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage and deb, dmg, nsis, and associates .mk, .mka and .kit', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.fileAssociations.map((a) => [a.ext, a.role])).toEqual([['mk', 'Viewer'], ['mka', 'Viewer'], ['kit', 'Viewer']]);
  });

  it('has a 1024×1024 PNG icon and packs the compiled main, the preload bundle and the renderer', () => {
    const png = readFileSync(join(ROOT, config.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(config.extraMetadata.main).toBe(pkg.main);
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**/*.js', 'dist/electron/preload/preload.cjs', 'renderer/dist/**/*', 'dist/engine/**/*.js']));
    // tsc -b (the first step of npm test and of npm run build) writes the entry point.
    expect(() => readFileSync(join(ROOT, pkg.main))).not.toThrow();
  });
});
