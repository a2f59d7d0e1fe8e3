/**
 * The Electron app shell: one instance per data folder, the core in this process, one window per
 * placement of the saved layout. Everything that is not Electron lives in the core (plain Node).
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, safeStorage, session } from 'electron';
import type { Core } from '../core/app/core-api';
import { DataDirLockedError } from '../core/app/data-dir-lock';
import { ConfigError, coreEnvOptions } from '../core/app/env-options';
import { startCore } from '../core/app/start-core';
import { currentDisplays, onDisplaysChanged } from './displays';
import { hardenApp, hardenSession } from './hardening';
import { IpcBridge } from './ipc-bridge';
import { LayoutSync } from './layout-sync';
import { firstStartLayout, withWalls } from './wall-monitors';
import { log } from './log';
import { appMenu } from './menu';
import { findNativeBinding, MissingNativeBindingError } from './native-binding';
import { devLocation, fileLocation, type RendererLocation } from './renderer-location';
import { osKeychainCipher } from './secret-cipher';
import { WindowManager } from './windows';
import { electronPdfRenderer, revealExport } from './report-pdf';

/** Exit code for problems the user fixes by changing how Earshot is started (as in serve mode). */
const EXIT_USAGE = 2;
const STOP_TIMEOUT_MS = 10_000;

/** Shows what went wrong in words and exits: there is nothing to run without the core. */
function fail(error: unknown): void {
  const expected = error instanceof DataDirLockedError || error instanceof ConfigError || error instanceof MissingNativeBindingError;
  const message = error instanceof Error ? error.message : String(error);
  log.error('Earshot could not start', { error: expected ? message : error instanceof Error ? (error.stack ?? message) : message });
  // Before `ready` on Linux this prints to stderr instead of opening a dialog; both are fine.
  dialog.showErrorBox('Earshot could not start', message);
  app.exit(expected ? EXIT_USAGE : 1);
}

function rendererLocation(): RendererLocation {
  // electron-vite dev serves the page with hot reload; a packaged app never trusts this variable.
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const dev = devUrl ? devLocation(devUrl) : null;
  return dev ?? fileLocation(join(__dirname, '../renderer/index.html'));
}

/**
 * The data folder is Electron's userData folder: EARSHOT_DATA_DIR moves both, so the
 * single-instance lock, the Chromium profile and the database always travel together, and two
 * Earshots on two data folders (e.g. parallel tests) do not see each other.
 */
function chooseDataDir(): ReturnType<typeof coreEnvOptions> {
  const options = coreEnvOptions();
  if (process.env.EARSHOT_DATA_DIR?.trim()) app.setPath('userData', options.dataDir);
  else app.setPath('userData', join(app.getPath('appData'), 'Earshot'));
  return { ...options, dataDir: app.getPath('userData') };
}

async function run(envOptions: ReturnType<typeof coreEnvOptions>): Promise<void> {
  await app.whenReady();
  const location = rendererLocation();
  hardenSession(session.defaultSession, location, log);
  // safeStorage is usable only once the app is ready; sources' secrets are then encrypted by the OS keychain.
  const secretCipher = osKeychainCipher(safeStorage, log);
  const core = await startCore({ ...envOptions, version: app.getVersion(), nativeBinding: findNativeBinding(), logger: log, secretCipher });
  const bridge = new IpcBridge(core, location, log);
  bridge.install();
  const windows: WindowManager = new WindowManager({
    location,
    preloadPath: join(__dirname, '../preload/index.js'),
    iconPath: app.isPackaged ? undefined : join(app.getAppPath(), 'resources', 'icon.png'),
    kiosk: process.env.EARSHOT_KIOSK === '1',
    log,
    onCreated: (managed) => {
      bridge.attach(managed.win.webContents);
      sync.track(managed);
    },
    onWindowsChanged: () => sync.save(),
  });
  const sync = new LayoutSync(core, windows, log);
  // Report exports: PDFs printed by a hidden window of our own page; finished files shown in their folder.
  core.reports.setPdfRenderer(
    electronPdfRenderer({ location, preloadPath: join(__dirname, '../preload/index.js'), attach: (contents) => bridge.attach(contents), log }),
  );
  core.reports.setReveal(revealExport);
  const openSavedLayout = (): void => windows.openLayout(withWalls(core.getLayout() ?? firstStartLayout(currentDisplays(), core.walls), core.walls));
  // Monitors come and go, and an operator may assign a wall to another monitor in the control view.
  const followWalls = (): void => windows.applyWalls(withWalls(windows.layout(), core.walls));
  core.walls.onChange(followWalls);

  app.on('window-all-closed', () => {
    // macOS keeps apps alive without windows; the dock icon reopens the layout.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (windows.all().length === 0) openSavedLayout();
  });
  onDisplaysChanged(followWalls);
  stopCoreBeforeQuit(core, () => {
    sync.flush();
    windows.markQuitting();
    bridge.dispose();
  });

  Menu.setApplicationMenu(
    appMenu({
      openView: (view, near) => windows.openView(view, near),
      toggleFullScreen: (win) => windows.toggleFullScreen(win),
      reload: (win) => windows.reload(win),
      saveLayout: () => sync.saveNow(),
      devTools: !app.isPackaged,
    }),
  );
  openSavedLayout();
  log.info('Earshot window shell ready', { dataDir: core.dataDir, windows: windows.all().length });
}

/** The core flushes and releases the data-folder lock; quitting waits for it, once. */
function stopCoreBeforeQuit(core: Core, beforeStop: () => void): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    beforeStop();
    // A core that hangs on stop must not keep a wall machine from shutting down.
    const deadline = setTimeout(() => {
      log.error('the core did not stop in time; exiting anyway', { timeoutMs: STOP_TIMEOUT_MS });
      app.exit(1);
    }, STOP_TIMEOUT_MS);
    void core
      .stop()
      .catch((error: unknown) => log.error('the core did not stop cleanly', { error: String(error) }))
      .finally(() => {
        clearTimeout(deadline);
        state = 'stopped';
        app.quit();
      });
  });
  // Ctrl+C in the terminal or a service manager's stop: same orderly path as closing the app.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

function main(): void {
  let envOptions: ReturnType<typeof coreEnvOptions>;
  try {
    hardenApp(log);
    envOptions = chooseDataDir();
  } catch (error) {
    fail(error);
    return;
  }
  if (!app.requestSingleInstanceLock()) {
    // The first instance gets `second-instance` and comes to the front; this one just leaves.
    log.info('Earshot is already running on this data folder; focusing it', { dataDir: envOptions.dataDir });
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    // Also harmless while the first instance is still starting (no windows yet).
    const all = BrowserWindow.getAllWindows();
    for (const win of all) if (win.isMinimized()) win.restore();
    all[0]?.focus();
  });
  run(envOptions).catch(fail);
}

main();
