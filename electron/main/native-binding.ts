/**
 * better-sqlite3 is compiled per runtime: node_modules holds the Node build (tests, serve mode),
 * and the app shell needs one built for Electron's ABI, loaded by path through `nativeBinding`.
 * `electron/cli/build-native-electron.mjs` writes it to the same place this looks.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';

export const BUILD_NATIVE_COMMAND = 'npm run build:native-electron';

export class MissingNativeBindingError extends Error {
  constructor(readonly file: string) {
    super(
      `The database driver (better-sqlite3) built for Electron ${process.versions.electron} is missing:\n${file}\n\n` +
        (app.isPackaged
          ? 'This installation is incomplete; reinstall Earshot.'
          : `Build it once with:\n  ${BUILD_NATIVE_COMMAND}\n(it downloads the Electron headers, so it needs internet).\n\nServe mode (npm run serve) works without it.`),
    );
    this.name = 'MissingNativeBindingError';
  }
}

export function nativeBindingPath(): string {
  // Packaging copies the Electron build next to the app (electron-builder `extraResources`).
  if (app.isPackaged) return join(process.resourcesPath, 'native', 'better_sqlite3.node');
  return join(app.getAppPath(), '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
}

export function findNativeBinding(): string {
  const file = nativeBindingPath();
  if (!existsSync(file)) throw new MissingNativeBindingError(file);
  return file;
}
