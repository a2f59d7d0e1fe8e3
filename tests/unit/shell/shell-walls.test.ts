/**
 * The Electron shell's wall windows, on the fake Electron: each assigned wall display opens
 * fullscreen on its monitor at `#/wall?display=<id>`, follows its monitor when the OS renumbers it,
 * and the first start proposes a wall for every secondary monitor.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WallsShellApi } from '../../../electron/core/app/core-api';

vi.mock('electron', () => import('./fake-electron'));
const { FakeBrowserWindow, screen } = await import('./fake-electron');
const { WindowManager } = await import('../../../electron/main/windows');
const { fileLocation } = await import('../../../electron/main/renderer-location');
const { firstStartLayout, withWalls } = await import('../../../electron/main/wall-monitors');

const PRIMARY = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const TV = { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 }, workArea: { x: 1920, y: 0, width: 3840, height: 2160 } };

/** The core's side, as the shell sees it: displays with monitor keys, kept in memory. */
function fakeWalls(initial: Array<{ displayId: string; monitorKey: string | null }> = []): WallsShellApi & { monitors: unknown[] } {
  const displays = [...initial];
  const api = {
    monitors: [] as unknown[],
    assignments: () => displays.map((d) => ({ ...d })),
    setMonitors: (m: unknown[]) => {
      api.monitors = m;
    },
    adopt: (proposals: Array<{ displayId: string; monitorKey: string }>) => {
      for (const p of proposals) displays.push({ displayId: p.displayId, monitorKey: p.monitorKey });
    },
    onChange: () => () => undefined,
  };
  return api;
}

function manager() {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  return new WindowManager({
    location: fileLocation('/opt/earshot/out/renderer/index.html'),
    preloadPath: '/opt/earshot/out/preload/index.js',
    iconPath: undefined,
    kiosk: false,
    log,
    onCreated: () => undefined,
    onWindowsChanged: () => undefined,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeBrowserWindow.all = [];
  screen.displays = [PRIMARY, TV];
  screen.primaryId = 1;
});
afterEach(() => vi.useRealTimers());

describe('wall windows in the Electron shell', () => {
  it('first start: the console on the primary and a wall display on the other monitor', () => {
    const walls = fakeWalls();
    const windows = manager();
    windows.openLayout(
      withWalls(
        firstStartLayout(
          [
            { ...PRIMARY, primary: true },
            { ...TV, primary: false },
          ],
          walls,
        ),
        walls,
      ),
    );
    for (const win of FakeBrowserWindow.all) win.emit('ready-to-show');
    expect(walls.assignments()).toEqual([{ displayId: 'monitor-1', monitorKey: 'monitor@3840x2160' }]);
    const loads = FakeBrowserWindow.all.map((w) => w.loads[0]);
    expect(loads).toEqual(['/opt/earshot/out/renderer/index.html#/sources', '/opt/earshot/out/renderer/index.html#/wall?display=monitor-1']);
    const wall = FakeBrowserWindow.all[1]!;
    expect(wall.getBounds()).toEqual(TV.bounds);
    expect(wall.fullscreen).toBe(true);
    expect(walls.monitors).toHaveLength(2);
  });

  it('follows a wall to its monitor when the OS gives that monitor a new id, and opens newly assigned walls', () => {
    const walls = fakeWalls([{ displayId: 'lobby', monitorKey: 'monitor@3840x2160' }]);
    const windows = manager();
    windows.openLayout(withWalls({ version: 1, windows: [{ view: 'sources', displayId: null, fullscreen: false, bounds: null }] }, walls));
    for (const win of FakeBrowserWindow.all) win.emit('ready-to-show');
    expect(FakeBrowserWindow.all[1]!.loads[0]).toBe('/opt/earshot/out/renderer/index.html#/wall?display=lobby');

    // Replugged: same monitor, new OS id.
    screen.displays = [PRIMARY, { ...TV, id: 77 }];
    windows.applyWalls(withWalls(windows.layout(), walls));
    vi.advanceTimersByTime(2_000);
    const lobby = windows.all().find((m) => m.placement.wall === 'lobby')!;
    expect(lobby.placement.displayId).toBe(77);
    expect(lobby.displaced).toBe(false);
    expect(lobby.win.getBounds()).toEqual(TV.bounds);
    expect(FakeBrowserWindow.all).toHaveLength(2);
  });
});
