import { describe, expect, it } from 'vitest';
import type { DisplayInfo, WindowLayout } from '@shared/domain/layout';
import { defaultLayout, placementFromWindow, resolveLayout } from '@shared/logic/layout';

/** A laptop-style primary with a taskbar at the bottom, and a wall monitor to its right. */
const primary: DisplayInfo = { id: 1, primary: true, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const wall: DisplayInfo = {
  id: 2,
  primary: false,
  bounds: { x: 1920, y: 0, width: 3840, height: 2160 },
  workArea: { x: 1920, y: 0, width: 3840, height: 2160 },
};
const wall2: DisplayInfo = {
  id: 3,
  primary: false,
  bounds: { x: -1280, y: 0, width: 1280, height: 720 },
  workArea: { x: -1280, y: 0, width: 1280, height: 720 },
};

describe('defaultLayout', () => {
  it('opens the Overview windowed on a single monitor', () => {
    expect(defaultLayout([primary])).toEqual({ version: 1, windows: [{ view: 'overview', displayId: null, fullscreen: false, bounds: null }] });
  });

  it('puts Sources on the primary and an Overview wall fullscreen on every other monitor', () => {
    expect(defaultLayout([wall, primary, wall2])).toEqual({
      version: 1,
      windows: [
        { view: 'sources', displayId: null, fullscreen: false, bounds: null },
        { view: 'overview', displayId: 2, fullscreen: true, bounds: null },
        { view: 'overview', displayId: 3, fullscreen: true, bounds: null },
      ],
    });
  });
});

describe('resolveLayout', () => {
  const layout: WindowLayout = {
    version: 1,
    windows: [
      { view: 'sources', displayId: null, fullscreen: false, bounds: { x: 100, y: 50, width: 800, height: 600 } },
      { view: 'overview', displayId: 2, fullscreen: true, bounds: null },
    ],
  };

  it('places windowed bounds relative to the work area and fullscreen on the whole display', () => {
    const [sources, overview] = resolveLayout(layout, [primary, wall]);
    expect(sources).toMatchObject({ display: primary, bounds: { x: 100, y: 50, width: 800, height: 600 }, displaced: false });
    expect(overview).toMatchObject({ display: wall, bounds: wall.bounds, displaced: false });
  });

  it('sends a window whose monitor is unplugged to the primary, marked displaced', () => {
    const [, overview] = resolveLayout(layout, [primary]);
    expect(overview?.display).toEqual(primary);
    expect(overview?.displaced).toBe(true);
    // The saved placement is untouched: it still names the missing monitor.
    expect(overview?.placement.displayId).toBe(2);
  });

  it('sends it back when the monitor is plugged in again', () => {
    resolveLayout(layout, [primary]);
    const [, overview] = resolveLayout(layout, [primary, wall]);
    expect(overview).toMatchObject({ display: wall, bounds: wall.bounds, displaced: false });
  });

  it('follows whichever display is primary for displayId null', () => {
    const swapped = [
      { ...primary, primary: false },
      { ...wall, primary: true },
    ];
    const [sources] = resolveLayout(layout, swapped);
    expect(sources?.display.id).toBe(2);
    expect(sources?.displaced).toBe(false);
    expect(sources?.bounds).toEqual({ x: 1920 + 100, y: 50, width: 800, height: 600 });
  });

  it('clamps windowed bounds saved on a bigger monitor into a smaller work area', () => {
    const big: WindowLayout = {
      version: 1,
      windows: [{ view: 'overview', displayId: 3, fullscreen: false, bounds: { x: 3000, y: 1500, width: 2500, height: 1400 } }],
    };
    const [resolved] = resolveLayout(big, [primary, wall2]);
    expect(resolved?.bounds).toEqual({ x: -1280, y: 0, width: 1280, height: 720 });
    const shifted: WindowLayout = {
      version: 1,
      windows: [{ view: 'overview', displayId: null, fullscreen: false, bounds: { x: 1800, y: -40, width: 600, height: 400 } }],
    };
    expect(resolveLayout(shifted, [primary])[0]?.bounds).toEqual({ x: 1920 - 600, y: 0, width: 600, height: 400 });
  });

  it('gives a window without saved bounds 80% of the work area, centred', () => {
    const fresh: WindowLayout = { version: 1, windows: [{ view: 'overview', displayId: null, fullscreen: false, bounds: null }] };
    expect(resolveLayout(fresh, [primary])[0]?.bounds).toEqual({ x: 192, y: 104, width: 1536, height: 832 });
  });

  it('uses the first display when none is marked primary, and nothing without displays', () => {
    expect(resolveLayout(layout, [wall])[0]?.display).toEqual(wall);
    expect(resolveLayout(layout, [])).toEqual([]);
  });
});

describe('placementFromWindow', () => {
  it('records windowed bounds relative to the display work area', () => {
    expect(placementFromWindow('sources', wall, { x: 2020, y: 30, width: 1000, height: 700 }, false)).toEqual({
      view: 'sources',
      displayId: 2,
      fullscreen: false,
      bounds: { x: 100, y: 30, width: 1000, height: 700 },
    });
  });

  it('records no bounds for fullscreen', () => {
    expect(placementFromWindow('overview', wall, wall.bounds, true)).toEqual({ view: 'overview', displayId: 2, fullscreen: true, bounds: null });
  });

  it('round-trips through resolveLayout', () => {
    const placement = placementFromWindow('overview', wall2, { x: -1200, y: 40, width: 900, height: 600 }, false);
    expect(resolveLayout({ version: 1, windows: [placement] }, [primary, wall2])[0]?.bounds).toEqual({ x: -1200, y: 40, width: 900, height: 600 });
  });
});
