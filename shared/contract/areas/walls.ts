/**
 * Walls: wall layouts, playlists, displays and the control view.
 * Calls: each entry pairs the zod schema of its parameters (checked by the core) with its result
 * type in `WallsResults`. Pushes: payload types in `WallsEvents`, topic names in `WALLS_EVENT_TOPICS`.
 */
import { z } from 'zod';
import { change, presence, read, type MethodAccess } from '../access';
import {
  displayCommandSchema,
  displayConfigSchema,
  displayIdSchema,
  displayPageSchema,
  layoutIdSchema,
  playlistIdSchema,
  playlistSchema,
  wallLayoutDocSchema,
  type DisplayStatus,
  type Playlist,
  type StoredLayout,
  type WallDisplay,
} from '../wall-schema';
import { MAX_LAYOUT_FILE_CHARS } from '../../logic/walls/layout-doc';
import type { KeyedMonitor } from '../../logic/walls/display-assignment';

const empty = z.object({}).strict();

export const wallsParams = {
  /** Built-in layouts first, then saved ones by name. */
  'walls.layouts.list': empty,
  /** Creates (no id) or replaces a saved layout; built-in layouts are refused. */
  'walls.layouts.save': z.object({ id: layoutIdSchema.optional(), doc: wallLayoutDocSchema }).strict(),
  'walls.layouts.duplicate': z.object({ id: layoutIdSchema, name: z.string().trim().min(1).max(80).optional() }).strict(),
  'walls.layouts.rename': z.object({ id: layoutIdSchema, name: z.string().trim().min(1).max(80) }).strict(),
  /** Refused for built-ins and for layouts a display or playlist still uses (they are named). */
  'walls.layouts.delete': z.object({ id: layoutIdSchema }).strict(),
  /** The text of an exported file; rejected with the path and reason of what is wrong. */
  'walls.layouts.import': z.object({ json: z.string().min(1).max(MAX_LAYOUT_FILE_CHARS) }).strict(),
  'walls.layouts.export': z.object({ id: layoutIdSchema }).strict(),

  'walls.playlists.list': empty,
  'walls.playlists.save': z.object({ playlist: playlistSchema }).strict(),
  'walls.playlists.delete': z.object({ id: playlistIdSchema }).strict(),

  /** Every configured display with its operator overrides, and what each connected one reports. */
  'walls.displays.list': empty,
  /** One display; a new id (a TV opened `#/wall?display=lobby-tv`) is created showing the Overview. */
  'walls.displays.get': z.object({ id: displayIdSchema }).strict(),
  'walls.displays.save': z.object({ display: displayConfigSchema }).strict(),
  'walls.displays.delete': z.object({ id: displayIdSchema }).strict(),
  /** An operator's command to some displays, or to every display (`ids` omitted), or to a group. */
  'walls.displays.command': z
    .object({
      ids: z.array(displayIdSchema).min(1).max(64).optional(),
      group: z.string().trim().min(1).max(40).optional(),
      command: displayCommandSchema,
    })
    .strict(),
  /** A wall says what it shows; repeated every few seconds as its presence. */
  'walls.displays.report': z.object({ id: displayIdSchema, page: displayPageSchema }).strict(),
  /** A wall's memory watchdog reloads the page; it says so first, for the log. */
  'walls.watchdog.report': z
    .object({
      displayId: displayIdSchema.nullable(),
      view: z.string().max(40),
      heapUsedMb: z.number().min(0).max(1_000_000),
      limitMb: z.number().min(0).max(1_000_000),
      uptimeMinutes: z.number().min(0).max(10_000_000),
    })
    .strict(),
  /** The last watchdog reloads, newest first. */
  'walls.watchdog.events': z.object({ limit: z.number().int().min(1).max(200) }).strict(),
} as const satisfies Record<string, z.ZodType>;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const wallsAccess = {
  'walls.layouts.list': read('wall'),
  'walls.layouts.save': change('lead'),
  'walls.layouts.duplicate': change('lead'),
  'walls.layouts.rename': change('lead'),
  'walls.layouts.delete': change('lead'),
  'walls.layouts.import': change('lead'),
  'walls.layouts.export': read('lead'),
  'walls.playlists.list': read('wall'),
  'walls.playlists.save': change('lead'),
  'walls.playlists.delete': change('lead'),
  'walls.displays.list': read('lead'),
  // A paired wall may read only its own display (checked by the core).
  'walls.displays.get': read('wall'),
  'walls.displays.save': change('lead'),
  'walls.displays.delete': change('lead'),
  'walls.displays.command': change('lead'),
  'walls.displays.report': presence('wall'),
  'walls.watchdog.report': presence('wall'),
  'walls.watchdog.events': read('lead'),
} as const satisfies Record<keyof typeof wallsParams, MethodAccess>;

export interface WatchdogEvent {
  id: number;
  at: number;
  displayId: string | null;
  view: string;
  heapUsedMb: number;
  limitMb: number;
  uptimeMinutes: number;
}

export interface WallsResults {
  'walls.layouts.list': { layouts: StoredLayout[] };
  'walls.layouts.save': { layout: StoredLayout };
  'walls.layouts.duplicate': { layout: StoredLayout };
  'walls.layouts.rename': { layout: StoredLayout };
  'walls.layouts.delete': { id: string };
  'walls.layouts.import': { layout: StoredLayout };
  'walls.layouts.export': { json: string; fileName: string };
  'walls.playlists.list': { playlists: Playlist[] };
  'walls.playlists.save': { playlist: Playlist };
  'walls.playlists.delete': { id: string };
  'walls.displays.list': { displays: WallDisplay[]; statuses: DisplayStatus[]; monitors: KeyedMonitor[]; serverTime: number };
  'walls.displays.get': { display: WallDisplay };
  'walls.displays.save': { display: WallDisplay };
  'walls.displays.delete': { id: string };
  'walls.displays.command': { displays: WallDisplay[] };
  'walls.displays.report': { serverTime: number };
  'walls.watchdog.report': { logged: true };
  'walls.watchdog.events': { events: WatchdogEvent[] };
}

export interface WallsEvents {
  /** Every layout after any change; replaces the list. */
  'walls.layouts.changed': { layouts: StoredLayout[] };
  /** Every playlist after any change; replaces the list. */
  'walls.playlists.changed': { playlists: Playlist[] };
  /** Every display (settings and overrides) after any change; replaces the list. */
  'walls.displays.changed': { displays: WallDisplay[]; monitors: KeyedMonitor[] };
  /** What each display reports it shows; replaces the list. */
  'walls.status': { statuses: DisplayStatus[]; serverTime: number };
}

export const WALLS_EVENT_TOPICS = [
  'walls.layouts.changed',
  'walls.playlists.changed',
  'walls.displays.changed',
  'walls.status',
] as const satisfies readonly (keyof WallsEvents)[];
