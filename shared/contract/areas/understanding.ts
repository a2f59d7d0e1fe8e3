/**
 * Issue 4 (understanding): sentiment explanations and corrections, authors, clout, intents, trends.
 * Calls: each entry pairs the zod schema of its parameters (checked by the core) with its result
 * type in `UnderstandingResults`. Pushes: payload types in `UnderstandingEvents`, topic names in `UNDERSTANDING_EVENT_TOPICS`.
 */
import type { z } from 'zod';

export const understandingParams = {} as const satisfies Record<string, z.ZodType>;

export interface UnderstandingResults {}

export interface UnderstandingEvents {}

export const UNDERSTANDING_EVENT_TOPICS = [] as const satisfies readonly (keyof UnderstandingEvents)[];
