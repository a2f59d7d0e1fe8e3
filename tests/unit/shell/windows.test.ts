import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/core/app/core-api';
import type { WindowLayout } from '@shared/domain/layout';

vi.mock('electron', () => import('./fake-electron'));
const { FakeBrowserWindow, screen } = await import('./fake-electron');
const { WindowManager } = await import('../../../electron/main/windows');
const { LayoutSync } = await import('../../../electron/main/layout-sync');
const { fileLocation } = await import('../../../electron/main/renderer-location');

const PRIMARY = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const WALL = { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 }, workArea: { x: 1920, y: 0, width: 3840, height: 2160 } };

const LAYOUT: WindowLayout = {
  version: 1,
  windows: [
    { view: 'sources', displayId: null, fullscreen: false, bounds: { x: 100, y: 50, width: 800, height: 600 } },
    { view: 'overview', displayId: 2, fullscreen: true, bounds: null },
  ],
};

function setUp(layout: WindowLayout = LAYOUT) {
  const saved: WindowLayout[] = [];
  const core = { setLayout: (l: WindowLayout) => saved.push(structuredClone(l)) } as unknown as Core;
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const manager = new WindowManager({
    location: fileLocation('/opt/earshot/out/renderer/index.html'),
    preloadPath: '/opt/earshot/out/preload/index.js',
    iconPath: undefined,
    kiosk: false,
    log,
    onCreated: (managed) => sync.track(managed),
    onWindowsChanged: () => sync.save(),
  });
  const sync = new LayoutSync(core, manager, log);
  manager.openLayout(layout);
  const [sources, wall] = FakeBrowserWindow.all;
  for (const win of FakeBrowserWindow.all) win.emit('ready-to-show');
  return { manager, sync, saved, sources: sources!, wall: wall! };
}

/** Past the window in which move events are taken as our own placing. */
const settle = () => vi.advanceTimersByTime(2_000);

beforeEach(() => {
  vi.useFakeTimers();
  FakeBrowserWindow.all = [];
  screen.displays = [PRIMARY, WALL];
  screen.primaryId = 1;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WindowManager + LayoutSync', () => {
  it('opens one hidden window per placement, shows it when painted, fullscreen only on its monitor', () => {
    const { sources, wall } = setUp();
    expect(sources.getBounds()).toEqual({ x: 100, y: 50, width: 800, height: 600 });
    expect(sources.fullscreen).toBe(false);
    expect(wall.getBounds()).toEqual(WALL.bounds);
    expect(wall.fullscreen).toBe(true);
    expect(sources.visible && wall.visible).toBe(true);
    expect(sources.options).toMatchObject({ show: false, backgroundColor: '#0b0f14' });
    expect(sources.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    });
    expect(wall.loads).toEqual(['/opt/earshot/out/renderer/index.html#/overview']);
  });

  it('does not save its own placing', () => {
    const { saved } = setUp();
    settle();
    expect(saved).toEqual([]);
  });

  it('saves a user move once, debounced, keeping "the primary" for a window still on it', () => {
    const { sources, saved } = setUp();
    settle();
    sources.setBounds({ x: 120, y: 60, width: 800, height: 600 });
    vi.advanceTimersByTime(300);
    sources.setBounds({ x: 140, y: 70, width: 1000, height: 700 });
    vi.advanceTimersByTime(499);
    expect(saved).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.windows[0]).toEqual({ view: 'sources', displayId: null, fullscreen: false, bounds: { x: 140, y: 70, width: 1000, height: 700 } });
    expect(saved[0]?.windows[1]).toEqual(LAYOUT.windows[1]);
  });

  it('records the monitor when the user drags a window to another one', () => {
    const { sources, saved } = setUp();
    settle();
    sources.setBounds({ x: 2000, y: 100, width: 800, height: 600 });
    vi.advanceTimersByTime(500);
    expect(saved.at(-1)?.windows[0]).toEqual({ view: 'sources', displayId: 2, fullscreen: false, bounds: { x: 80, y: 100, width: 800, height: 600 } });
  });

  it('moves a wall to the primary when its monitor is unplugged, and back when it returns, without saving', () => {
    const { manager, wall, saved } = setUp();
    settle();
    screen.displays = [PRIMARY];
    manager.reconcileDisplays();
    expect(wall.fullscreen).toBe(false);
    expect(wall.getBounds()).toEqual({ x: 192, y: 104, width: 1536, height: 832 });
    settle();
    // The operator nudges the displaced window: still not saved, it keeps its home monitor.
    wall.setBounds({ x: 300, y: 200, width: 1200, height: 800 });
    settle();
    expect(saved).toEqual([]);

    screen.displays = [PRIMARY, WALL];
    manager.reconcileDisplays();
    expect(wall.getBounds()).toEqual(WALL.bounds);
    expect(wall.fullscreen).toBe(true);
    settle();
    expect(saved).toEqual([]);
    expect(manager.layout()).toEqual(LAYOUT);
  });

  it('leaves windows alone when nothing relevant changed', () => {
    const { manager, sources, wall } = setUp();
    settle();
    const moves = vi.fn();
    sources.on('moved', moves);
    wall.on('moved', moves);
    manager.reconcileDisplays();
    expect(moves).not.toHaveBeenCalled();
  });

  it('"Save current window layout" saves what is on screen, except displaced windows', () => {
    const { manager, sync, sources, wall, saved } = setUp();
    screen.displays = [PRIMARY];
    manager.reconcileDisplays();
    sources.setBounds({ x: 10, y: 20, width: 700, height: 500 });
    sync.saveNow();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.windows).toEqual([
      { view: 'sources', displayId: null, fullscreen: false, bounds: { x: 10, y: 20, width: 700, height: 500 } },
      LAYOUT.windows[1],
    ]);
    expect(wall.isDestroyed()).toBe(false);
  });

  it('saves the fullscreen choice but keeps the windowed bounds for later', () => {
    const { manager, sources, saved } = setUp();
    settle();
    manager.toggleFullScreen(sources as never);
    vi.advanceTimersByTime(500);
    expect(saved.at(-1)?.windows[0]).toEqual({ ...LAYOUT.windows[0], fullscreen: true });
  });

  it('drops a window the user closed from the layout, but not when the app quits', () => {
    const { manager, sources, wall, saved } = setUp();
    wall.close();
    expect(saved.at(-1)?.windows).toEqual([LAYOUT.windows[0]]);
    manager.openView('overview', null);
    manager.markQuitting();
    const before = saved.length;
    sources.close();
    expect(saved).toHaveLength(before);
  });

  it('saves the view a window switched to', () => {
    const { sources, saved } = setUp();
    sources.webContents.emit('did-navigate-in-page', {}, 'file:///opt/earshot/out/renderer/index.html#/overview', true);
    expect(saved.at(-1)?.windows[0]?.view).toBe('overview');
  });

  it('opens a new view windowed, up to the layout limit', () => {
    const { manager, saved } = setUp();
    manager.openView('overview', null);
    expect(FakeBrowserWindow.all).toHaveLength(3);
    expect(saved.at(-1)?.windows[2]).toEqual({ view: 'overview', displayId: null, fullscreen: false, bounds: null });
    for (let i = 0; i < 20; i++) manager.openView('sources', null);
    expect(manager.all()).toHaveLength(16);
  });

  it('reloads a crashed page, but not in a loop', () => {
    const { sources } = setUp();
    for (let crash = 1; crash <= 5; crash++) {
      sources.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
      vi.advanceTimersByTime(1_000);
    }
    // The first load plus three reloads within the minute.
    expect(sources.loads).toHaveLength(4);
  });
});
