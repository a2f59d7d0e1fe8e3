import type { DisplayInfo, WindowLayout, WindowPlacement } from '../domain/layout';

/** Where a window of the saved layout should open, given the monitors attached right now. */
export interface ResolvedPlacement {
  placement: WindowPlacement;
  display: DisplayInfo;
  /** Absolute screen bounds to open the window at. */
  bounds: { x: number; y: number; width: number; height: number };
  /** True when the saved monitor is missing and the window fell back to the primary one. */
  displaced: boolean;
}

/**
 * The default for a machine with these monitors: the Overview wall fullscreen on every secondary
 * monitor, and the Sources control view windowed on the primary one (the workstation screen).
 * A single-monitor machine gets the Overview windowed.
 */
export function defaultLayout(displays: readonly DisplayInfo[]): WindowLayout {
  const secondaries = displays.filter((d) => !d.primary);
  if (secondaries.length === 0) {
    return { version: 1, windows: [{ view: 'overview', displayId: null, fullscreen: false, bounds: null }] };
  }
  return {
    version: 1,
    windows: [
      { view: 'sources', displayId: null, fullscreen: false, bounds: null },
      ...secondaries.map((d): WindowPlacement => ({ view: 'overview', displayId: d.id, fullscreen: true, bounds: null })),
    ],
  };
}

export function resolveLayout(layout: WindowLayout, displays: readonly DisplayInfo[]): ResolvedPlacement[] {
  const primary = displays.find((d) => d.primary) ?? displays[0];
  if (!primary) return [];
  return layout.windows.map((placement) => {
    const saved = placement.displayId === null ? primary : displays.find((d) => d.id === placement.displayId);
    const display = saved ?? primary;
    return { placement, display, bounds: windowBounds(placement, display), displaced: saved === undefined };
  });
}

function windowBounds(placement: WindowPlacement, display: DisplayInfo): ResolvedPlacement['bounds'] {
  const area = display.workArea;
  if (placement.fullscreen) return { ...display.bounds };
  const wanted = placement.bounds ?? {
    x: Math.round(area.width * 0.1),
    y: Math.round(area.height * 0.1),
    width: Math.round(area.width * 0.8),
    height: Math.round(area.height * 0.8),
  };
  // Clamp into the work area so a window saved on a bigger monitor is never off-screen.
  const width = Math.min(wanted.width, area.width);
  const height = Math.min(wanted.height, area.height);
  const x = Math.min(Math.max(wanted.x, 0), area.width - width);
  const y = Math.min(Math.max(wanted.y, 0), area.height - height);
  return { x: area.x + x, y: area.y + y, width, height };
}

/** Records where a window now is, as bounds relative to its display's work area. */
export function placementFromWindow(
  view: WindowPlacement['view'],
  display: DisplayInfo,
  absolute: { x: number; y: number; width: number; height: number },
  fullscreen: boolean,
): WindowPlacement {
  const area = display.workArea;
  return {
    view,
    displayId: display.id,
    fullscreen,
    bounds: fullscreen ? null : { x: absolute.x - area.x, y: absolute.y - area.y, width: absolute.width, height: absolute.height },
  };
}
