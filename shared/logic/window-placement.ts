/**
 * What the Electron shell decides about its windows, kept pure so it can be tested without
 * Electron: where each window of the saved layout goes now, which monitor a window is on, and what
 * a user's move means for the saved layout.
 */
import type { DisplayInfo, WindowLayout, WindowPlacement } from '../domain/layout';
import { placementFromWindow, resolveLayout } from './layout';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where one window should be, in absolute screen coordinates. */
export interface WindowTarget {
  displayId: number;
  bounds: Rect;
  fullscreen: boolean;
  /** The saved monitor is missing: the window sits on the primary until it returns. */
  displaced: boolean;
}

/**
 * One target per window of the layout, in the same order. A displaced fullscreen wall opens
 * windowed on the primary: the primary is the operator's screen, and covering it with a wall
 * while a cable is out would hide the controls they need.
 */
export function windowTargets(layout: WindowLayout, displays: readonly DisplayInfo[]): WindowTarget[] {
  return resolveLayout(layout, displays).map((resolved) => {
    if (resolved.displaced && resolved.placement.fullscreen) {
      const windowed: WindowPlacement = { ...resolved.placement, displayId: resolved.display.id, fullscreen: false, bounds: null };
      const [fallback] = resolveLayout({ version: 1, windows: [windowed] }, displays);
      if (fallback) return { displayId: fallback.display.id, bounds: fallback.bounds, fullscreen: false, displaced: true };
    }
    return {
      displayId: resolved.display.id,
      bounds: resolved.bounds,
      fullscreen: resolved.placement.fullscreen,
      displaced: resolved.displaced,
    };
  });
}

/** The monitor showing most of the window; when it shows on none, the nearest one. */
export function displayForBounds(displays: readonly DisplayInfo[], window: Rect): DisplayInfo | null {
  let best: DisplayInfo | null = null;
  let bestArea = 0;
  for (const display of displays) {
    const area = overlap(display.bounds, window);
    if (area > bestArea) {
      best = display;
      bestArea = area;
    }
  }
  if (best) return best;
  const cx = window.x + window.width / 2;
  const cy = window.y + window.height / 2;
  let nearest: DisplayInfo | null = null;
  let nearestDistance = Infinity;
  for (const display of displays) {
    const distance = distanceToRect(display.bounds, cx, cy);
    if (distance < nearestDistance) {
      nearest = display;
      nearestDistance = distance;
    }
  }
  return nearest;
}

/**
 * The placement to save after the user moved, resized or (un)fullscreened a window. Two things
 * keep their meaning across moves: "the primary, whichever it is" stays null while the window
 * stays on the primary, and the windowed bounds survive a trip through fullscreen, so leaving
 * fullscreen after a restart lands where the window was before.
 */
export function observedPlacement(saved: WindowPlacement, display: DisplayInfo, absolute: Rect, fullscreen: boolean): WindowPlacement {
  const seen = placementFromWindow(saved.view, display, absolute, fullscreen);
  const stillPrimary = saved.displayId === null && display.primary;
  const displayId = stillPrimary ? null : seen.displayId;
  const sameDisplay = displayId === saved.displayId;
  const bounds = fullscreen ? (sameDisplay ? saved.bounds : null) : seen.bounds;
  return saved.wall ? { view: saved.view, displayId, fullscreen, bounds, wall: saved.wall } : { view: saved.view, displayId, fullscreen, bounds };
}

export function samePlacement(a: WindowPlacement, b: WindowPlacement): boolean {
  return (
    a.view === b.view &&
    (a.wall ?? null) === (b.wall ?? null) &&
    a.displayId === b.displayId &&
    a.fullscreen === b.fullscreen &&
    (a.bounds === null || b.bounds === null
      ? a.bounds === b.bounds
      : a.bounds.x === b.bounds.x && a.bounds.y === b.bounds.y && a.bounds.width === b.bounds.width && a.bounds.height === b.bounds.height)
  );
}

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function distanceToRect(rect: Rect, x: number, y: number): number {
  const dx = Math.max(rect.x - x, 0, x - (rect.x + rect.width));
  const dy = Math.max(rect.y - y, 0, y - (rect.y + rect.height));
  return Math.hypot(dx, dy);
}
