/**
 * Issue 7 (care): inbox, conversations, team, routing, replies, customers, KPIs.
 * Calls: each entry pairs the zod schema of its parameters (checked by the core) with its result
 * type in `CareResults`. Pushes: payload types in `CareEvents`, topic names in `CARE_EVENT_TOPICS`.
 */
import type { z } from 'zod';

export const careParams = {} as const satisfies Record<string, z.ZodType>;

export interface CareResults {}

export interface CareEvents {}

export const CARE_EVENT_TOPICS = [] as const satisfies readonly (keyof CareEvents)[];
