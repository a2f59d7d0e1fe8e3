/** Issue 8: crisis drills (scenario library, running a drill, drill reports). */
import type { z } from 'zod';

export const drillsParams = {} as const satisfies Record<string, z.ZodType>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the area.
export interface DrillsResults {}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the area.
export interface DrillsEvents {}

export const DRILLS_EVENT_TOPICS = [] as const satisfies readonly (keyof DrillsEvents)[];
