/** The views a window or a browser can show. Each has its own URL in serve mode: `/#/<view>`. */
export const VIEWS = [
  'overview',
  'sources',
  'wall',
  'control',
  'layouts',
  'topics',
  'inbox',
  'customers',
  'team',
  'alerts',
  'understanding',
  'authors',
  'review',
  'report',
  'drills',
  'people',
  'audit',
] as const;
export type ViewName = (typeof VIEWS)[number];

/** One window of the saved multi-monitor layout. */
export interface WindowPlacement {
  view: ViewName;
  /** Electron display id; null means "the primary display". */
  displayId: number | null;
  fullscreen: boolean;
  /** Bounds relative to the display's work area, for windowed placement. */
  bounds: { x: number; y: number; width: number; height: number } | null;
  /** For a `wall` window: the wall display it shows (`#/wall?display=<id>`); see walls' display assignment. */
  wall?: string | null;
}

export interface WindowLayout {
  version: 1;
  windows: WindowPlacement[];
}

/** A monitor as the shell reports it, reduced to what placement needs. */
export interface DisplayInfo {
  id: number;
  primary: boolean;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
}
