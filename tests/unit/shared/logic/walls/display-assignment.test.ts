import { describe, expect, it } from 'vitest';
import { assignMonitors, keyMonitors, proposeDisplaysForMonitors, type MonitorInfo } from '@shared/logic/walls/display-assignment';
import { roomFontPx } from '@shared/logic/walls/room-scale';

const laptop: MonitorInfo = { id: 1, label: 'Built-in Retina', primary: true, bounds: { x: 0, y: 0, width: 1512, height: 982 }, scaleFactor: 2 };
const tvLeft: MonitorInfo = { id: 7, label: 'LG TV', primary: false, bounds: { x: 1512, y: 0, width: 3840, height: 2160 }, scaleFactor: 1 };
const tvRight: MonitorInfo = { id: 8, label: 'LG TV', primary: false, bounds: { x: 5352, y: 0, width: 3840, height: 2160 }, scaleFactor: 1 };
const dell: MonitorInfo = { id: 9, label: 'DELL U2720Q', primary: false, bounds: { x: -1920, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 };

describe('display assignment', () => {
  it('keys monitors by name and native resolution, numbering identical ones left to right', () => {
    const keys = keyMonitors([tvRight, laptop, tvLeft]).map((m) => [m.id, m.key]);
    expect(keys).toEqual([
      [8, 'LG TV@3840x2160#2'],
      [1, 'Built-in Retina@3024x1964'],
      [7, 'LG TV@3840x2160'],
    ]);
  });

  it('keeps an assignment when the OS hands out new ids after a restart', () => {
    const displays = [
      { displayId: 'left', monitorKey: 'LG TV@3840x2160' },
      { displayId: 'right', monitorKey: 'LG TV@3840x2160#2' },
    ];
    const first = assignMonitors([laptop, tvLeft, tvRight], displays);
    const afterRestart = assignMonitors(
      [
        { ...laptop, id: 101 },
        { ...tvLeft, id: 207 },
        { ...tvRight, id: 208 },
      ],
      displays,
    );
    expect(first.walls.map((w) => [w.displayId, w.monitor.id])).toEqual([
      ['left', 7],
      ['right', 8],
    ]);
    expect(afterRestart.walls.map((w) => [w.displayId, w.monitor.id])).toEqual([
      ['left', 207],
      ['right', 208],
    ]);
    expect(afterRestart.free.map((m) => m.id)).toEqual([101]);
  });

  it('puts a wall on hold while its monitor is unplugged and back when it returns', () => {
    const displays = [
      { displayId: 'dell-wall', monitorKey: 'DELL U2720Q@1920x1080' },
      { displayId: 'tv', monitorKey: 'LG TV@3840x2160' },
      { displayId: 'browser', monitorKey: null },
    ];
    const unplugged = assignMonitors([laptop, tvLeft], displays);
    expect(unplugged.walls.map((w) => w.displayId)).toEqual(['tv']);
    expect(unplugged.waiting).toEqual(['dell-wall']);
    const replugged = assignMonitors([laptop, tvLeft, { ...dell, id: 33 }], displays);
    expect(replugged.walls.map((w) => [w.displayId, w.monitor.id])).toEqual([
      ['dell-wall', 33],
      ['tv', 7],
    ]);
    expect(replugged.waiting).toEqual([]);
  });

  it('gives one monitor to one display; a second claim waits', () => {
    const result = assignMonitors(
      [laptop, tvLeft],
      [
        { displayId: 'a', monitorKey: 'LG TV@3840x2160' },
        { displayId: 'b', monitorKey: 'LG TV@3840x2160' },
      ],
    );
    expect(result.walls.map((w) => w.displayId)).toEqual(['a']);
    expect(result.waiting).toEqual(['b']);
  });

  it('proposes a wall for each secondary monitor without one, never for the primary', () => {
    const proposed = proposeDisplaysForMonitors([laptop, tvLeft, tvRight], [{ displayId: 'monitor-1', monitorKey: 'LG TV@3840x2160' }]);
    expect(proposed).toEqual([{ displayId: 'monitor-2', monitorKey: 'LG TV@3840x2160#2', name: 'LG TV (3840x2160#2)' }]);
  });
});

describe('room scale', () => {
  it('scales type with the screen and the viewing distance', () => {
    const hd = roomFontPx({ width: 1920, height: 1080 }, 3);
    const uhd = roomFontPx({ width: 3840, height: 2160 }, 3);
    expect(uhd).toBeCloseTo(hd * 2, 1);
    expect(roomFontPx({ width: 1920, height: 1080 }, 5)).toBeGreaterThan(hd);
    expect(roomFontPx({ width: 1920, height: 1080 }, 1)).toBeLessThan(hd);
    expect(roomFontPx({ width: 1920, height: 1080 }, 50)).toBe(roomFontPx({ width: 1920, height: 1080 }, 15));
  });
});

import { layoutWithWalls } from '@shared/logic/walls/display-assignment';

describe('wall windows for the shell', () => {
  it('retargets wall windows to the monitor they are assigned to and opens missing ones', () => {
    const displays = [
      { displayId: 'left', monitorKey: 'LG TV@3840x2160' },
      { displayId: 'right', monitorKey: 'LG TV@3840x2160#2' },
    ];
    const saved = [
      { view: 'sources', displayId: null, fullscreen: false, bounds: null },
      // Saved last session, when the OS called the left TV 7; after a replug it is 307.
      { view: 'wall', wall: 'left', displayId: 7, fullscreen: true, bounds: null },
    ];
    const windows = layoutWithWalls(saved, assignMonitors([laptop, { ...tvLeft, id: 307 }, { ...tvRight, id: 308 }], displays));
    expect(windows).toEqual([
      saved[0],
      { view: 'wall', wall: 'left', displayId: 307, fullscreen: true, bounds: null },
      { view: 'wall', wall: 'right', displayId: 308, fullscreen: true, bounds: null },
    ]);
  });

  it('leaves a wall window alone while its monitor is unplugged', () => {
    const saved = [{ view: 'wall', wall: 'dell-wall', displayId: 9, fullscreen: true, bounds: null }];
    expect(layoutWithWalls(saved, assignMonitors([laptop], [{ displayId: 'dell-wall', monitorKey: 'DELL U2720Q@1920x1080' }]))).toEqual(saved);
  });
});
