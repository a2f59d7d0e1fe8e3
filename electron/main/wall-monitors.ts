/**
 * Wall displays on the machine's monitors: which wall display each monitor shows is decided by
 * the pure assignment logic (shared/logic/walls/display-assignment.ts) from stable monitor keys,
 * so it survives restarts and unplugging; this file only reads the monitors from Electron and
 * turns the assignment into window placements.
 */
import { screen } from 'electron';
import type { DisplayInfo, WindowLayout, WindowPlacement } from '@shared/domain/layout';
import { defaultLayout } from '@shared/logic/layout';
import { assignMonitors, keyMonitors, layoutWithWalls, proposeDisplaysForMonitors, type MonitorInfo } from '@shared/logic/walls/display-assignment';
import type { WallsShellApi } from '../core/app/core-api';

export function currentMonitors(): MonitorInfo[] {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((display) => ({
    id: display.id,
    label: typeof display.label === 'string' ? display.label : '',
    primary: display.id === primaryId,
    bounds: { ...display.bounds },
    scaleFactor: typeof display.scaleFactor === 'number' && display.scaleFactor > 0 ? display.scaleFactor : 1,
  }));
}

/**
 * The first start's layout: the operator's console on the primary, and a wall display (showing
 * the Overview until assigned something else) fullscreen on every other monitor.
 */
export function firstStartLayout(displays: readonly DisplayInfo[], walls: WallsShellApi): WindowLayout {
  const monitors = currentMonitors();
  walls.adopt(proposeDisplaysForMonitors(monitors, walls.assignments()));
  const base = defaultLayout(displays);
  // The foundation's default puts an Overview on each secondary; wall displays take those places.
  const consoles = base.windows.filter((w) => !(w.view === 'overview' && w.displayId !== null));
  return { version: 1, windows: consoles.length > 0 ? consoles : base.windows };
}

/** The layout with every assigned wall display on its monitor as connected now. */
export function withWalls(layout: WindowLayout, walls: WallsShellApi): WindowLayout {
  const monitors = currentMonitors();
  walls.setMonitors(keyMonitors(monitors));
  const windows = layoutWithWalls(layout.windows, assignMonitors(monitors, walls.assignments())) as WindowPlacement[];
  return { version: 1, windows: windows.slice(0, 16) };
}
