/**
 * Issue 6 (walls): wall layouts, playlists, displays and the control view.
 * Calls: each entry pairs the zod schema of its parameters (checked by the core) with its result
 * type in `WallsResults`. Pushes: payload types in `WallsEvents`, topic names in `WALLS_EVENT_TOPICS`.
 */
import type { z } from 'zod';

export const wallsParams = {} as const satisfies Record<string, z.ZodType>;

export interface WallsResults {}

export interface WallsEvents {}

export const WALLS_EVENT_TOPICS = [] as const satisfies readonly (keyof WallsEvents)[];
