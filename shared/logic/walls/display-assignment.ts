/**
 * Which wall display goes on which monitor of the Electron shell. Monitors are recognised by a
 * stable key (label and resolution; the OS's numeric ids change across reboots and re-plugs on
 * some platforms), so an assignment survives a restart and a monitor that is unplugged and plugged
 * back in. Pure: the shell feeds it the monitors it sees and the saved displays.
 */

export interface MonitorInfo {
  /** The OS's id for this session (Electron `Display.id`). */
  id: number;
  /** The monitor's name as the OS reports it ("DELL U2720Q"); may be empty. */
  label: string;
  primary: boolean;
  bounds: { x: number; y: number; width: number; height: number };
  scaleFactor: number;
}

export interface KeyedMonitor extends MonitorInfo {
  /** Stable across restarts: label and native resolution, "#2" for a second identical one. */
  key: string;
}

export interface AssignedDisplay {
  displayId: string;
  monitorKey: string | null;
}

export interface MonitorAssignment {
  /** Monitor key → the wall display shown on it. */
  walls: Array<{ monitor: KeyedMonitor; displayId: string }>;
  /** Displays assigned to a monitor that is not connected now: their windows wait for it. */
  waiting: string[];
  /** Monitors without a wall (the primary, normally: the operator's screen). */
  free: KeyedMonitor[];
}

/** Keys for the monitors connected now. Identical monitors are numbered left to right, top to bottom. */
export function keyMonitors(monitors: readonly MonitorInfo[]): KeyedMonitor[] {
  const ordered = [...monitors].sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id);
  const seen = new Map<string, number>();
  const keyed = new Map<number, KeyedMonitor>();
  for (const monitor of ordered) {
    const width = Math.round(monitor.bounds.width * monitor.scaleFactor);
    const height = Math.round(monitor.bounds.height * monitor.scaleFactor);
    const base = `${monitor.label.trim() || 'monitor'}@${width}x${height}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    keyed.set(monitor.id, { ...monitor, key: n === 1 ? base : `${base}#${n}` });
  }
  return monitors.map((m) => keyed.get(m.id)).filter((m): m is KeyedMonitor => m !== undefined);
}

/**
 * Puts each assigned display on its monitor when that monitor is here. One monitor shows at most
 * one display (the first assigned wins; the others wait). Unassigned displays are browser walls.
 */
export function assignMonitors(monitors: readonly MonitorInfo[], displays: readonly AssignedDisplay[]): MonitorAssignment {
  const keyed = keyMonitors(monitors);
  const byKey = new Map(keyed.map((m) => [m.key, m]));
  const taken = new Set<string>();
  const walls: MonitorAssignment['walls'] = [];
  const waiting: string[] = [];
  for (const display of displays) {
    if (display.monitorKey === null) continue;
    const monitor = byKey.get(display.monitorKey);
    if (!monitor || taken.has(monitor.key)) {
      waiting.push(display.displayId);
      continue;
    }
    taken.add(monitor.key);
    walls.push({ monitor, displayId: display.displayId });
  }
  return { walls, waiting, free: keyed.filter((m) => !taken.has(m.key)) };
}

/**
 * For a first start: a wall display for every secondary monitor that has none, named after it.
 * The primary stays the operator's screen.
 */
export function proposeDisplaysForMonitors(
  monitors: readonly MonitorInfo[],
  displays: readonly AssignedDisplay[],
): Array<{ displayId: string; monitorKey: string; name: string }> {
  const { free } = assignMonitors(monitors, displays);
  const used = new Set(displays.map((d) => d.displayId));
  const out: Array<{ displayId: string; monitorKey: string; name: string }> = [];
  let n = 1;
  for (const monitor of free) {
    if (monitor.primary) continue;
    while (used.has(`monitor-${n}`)) n++;
    const displayId = `monitor-${n}`;
    used.add(displayId);
    out.push({ displayId, monitorKey: monitor.key, name: `${monitor.label.trim() || 'Monitor'} (${monitor.key.split('@')[1] ?? ''})` });
  }
  return out;
}

/** The window placements the Electron shell needs for what `assignMonitors` decided. */
export interface WallWindowPlacement {
  view: 'wall';
  wall: string;
  /** The OS's monitor id this session. */
  displayId: number;
  fullscreen: true;
  bounds: null;
}

/**
 * Retargets a saved window layout to the monitors connected now: each wall window whose display
 * is assigned to a present monitor goes to that monitor (whatever id the OS gave it this time), and
 * an assigned display without a window gets one. Other windows are left as they are; a wall whose
 * monitor is missing keeps its window, which the shell parks on the primary until it returns.
 */
export function layoutWithWalls<P extends { view: string; displayId: number | null; wall?: string | null | undefined }>(
  windows: readonly P[],
  assignment: Pick<MonitorAssignment, 'walls'>,
): Array<P | WallWindowPlacement> {
  const byDisplay = new Map(assignment.walls.map((w) => [w.displayId, w.monitor]));
  const out: Array<P | WallWindowPlacement> = windows.map((placement) => {
    const monitor = placement.wall ? byDisplay.get(placement.wall) : undefined;
    return monitor ? { ...placement, displayId: monitor.id } : placement;
  });
  const present = new Set(windows.map((p) => p.wall).filter((w): w is string => Boolean(w)));
  for (const { displayId, monitor } of assignment.walls) {
    if (!present.has(displayId)) out.push({ view: 'wall', wall: displayId, displayId: monitor.id, fullscreen: true, bounds: null });
  }
  return out;
}
