import { describe, expect, it } from 'vitest';
import type { DisplayInfo, WindowLayout, WindowPlacement } from '@shared/domain/layout';
import { displayForBounds, observedPlacement, samePlacement, windowTargets } from '@shared/logic/window-placement';

const primary: DisplayInfo = { id: 1, primary: true, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const wall: DisplayInfo = {
  id: 2,
  primary: false,
  bounds: { x: 1920, y: 0, width: 3840, height: 2160 },
  workArea: { x: 1920, y: 0, width: 3840, height: 2160 },
};

const layout: WindowLayout = {
  version: 1,
  windows: [
    { view: 'sources', displayId: null, fullscreen: false, bounds: { x: 100, y: 50, width: 800, height: 600 } },
    { view: 'overview', displayId: 2, fullscreen: true, bounds: null },
  ],
};

describe('windowTargets', () => {
  it('follows the resolved layout while every monitor is there', () => {
    expect(windowTargets(layout, [primary, wall])).toEqual([
      { displayId: 1, bounds: { x: 100, y: 50, width: 800, height: 600 }, fullscreen: false, displaced: false },
      { displayId: 2, bounds: wall.bounds, fullscreen: true, displaced: false },
    ]);
  });

  it('opens a displaced fullscreen wall windowed on the primary, not covering it', () => {
    expect(windowTargets(layout, [primary])[1]).toEqual({
      displayId: 1,
      bounds: { x: 192, y: 104, width: 1536, height: 832 },
      fullscreen: false,
      displaced: true,
    });
  });

  it('keeps a displaced windowed placement windowed, clamped into the primary', () => {
    const windowed: WindowLayout = {
      version: 1,
      windows: [{ view: 'overview', displayId: 2, fullscreen: false, bounds: { x: 10, y: 10, width: 3000, height: 2000 } }],
    };
    expect(windowTargets(windowed, [primary])).toEqual([
      { displayId: 1, bounds: { x: 0, y: 0, width: 1920, height: 1040 }, fullscreen: false, displaced: true },
    ]);
  });
});

describe('displayForBounds', () => {
  it('picks the monitor showing most of the window', () => {
    expect(displayForBounds([primary, wall], { x: 1800, y: 0, width: 400, height: 300 })?.id).toBe(2);
    expect(displayForBounds([primary, wall], { x: 1700, y: 0, width: 400, height: 300 })?.id).toBe(1);
  });

  it('falls back to the nearest monitor for a window on none', () => {
    expect(displayForBounds([primary, wall], { x: -900, y: 100, width: 400, height: 300 })?.id).toBe(1);
    expect(displayForBounds([primary, wall], { x: 9000, y: 100, width: 400, height: 300 })?.id).toBe(2);
    expect(displayForBounds([], { x: 0, y: 0, width: 400, height: 300 })).toBeNull();
  });
});

describe('observedPlacement', () => {
  const onPrimary: WindowPlacement = { view: 'sources', displayId: null, fullscreen: false, bounds: { x: 100, y: 50, width: 800, height: 600 } };

  it('keeps "the primary, whichever it is" while the window stays on the primary', () => {
    expect(observedPlacement(onPrimary, primary, { x: 300, y: 60, width: 900, height: 700 }, false)).toEqual({
      view: 'sources',
      displayId: null,
      fullscreen: false,
      bounds: { x: 300, y: 60, width: 900, height: 700 },
    });
  });

  it('names the monitor once the user moves the window to another one', () => {
    expect(observedPlacement(onPrimary, wall, { x: 2000, y: 100, width: 900, height: 700 }, false)).toEqual({
      view: 'sources',
      displayId: 2,
      fullscreen: false,
      bounds: { x: 80, y: 100, width: 900, height: 700 },
    });
  });

  it('keeps the windowed bounds through fullscreen on the same monitor', () => {
    expect(observedPlacement(onPrimary, primary, primary.bounds, true)).toEqual({ ...onPrimary, fullscreen: true });
  });

  it('drops windowed bounds of another monitor when going fullscreen elsewhere', () => {
    expect(observedPlacement(onPrimary, wall, wall.bounds, true)).toEqual({ view: 'sources', displayId: 2, fullscreen: true, bounds: null });
  });
});

describe('samePlacement', () => {
  const a: WindowPlacement = { view: 'overview', displayId: 2, fullscreen: false, bounds: { x: 1, y: 2, width: 300, height: 200 } };

  it('compares every field', () => {
    expect(samePlacement(a, { ...a, bounds: { x: 1, y: 2, width: 300, height: 200 } })).toBe(true);
    expect(samePlacement(a, { ...a, bounds: { x: 1, y: 2, width: 301, height: 200 } })).toBe(false);
    expect(samePlacement(a, { ...a, bounds: null })).toBe(false);
    expect(samePlacement(a, { ...a, displayId: null })).toBe(false);
    expect(samePlacement(a, { ...a, view: 'sources' })).toBe(false);
    expect(samePlacement({ ...a, bounds: null, fullscreen: true }, { ...a, bounds: null, fullscreen: true })).toBe(true);
  });
});
