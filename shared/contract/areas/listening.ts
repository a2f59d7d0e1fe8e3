/**
 * Issue 3 (listening): topics and their queries, source settings, imports, secrets.
 * Calls: each entry pairs the zod schema of its parameters (checked by the core) with its result
 * type in `ListeningResults`. Pushes: payload types in `ListeningEvents`, topic names in `LISTENING_EVENT_TOPICS`.
 */
import type { z } from 'zod';

export const listeningParams = {} as const satisfies Record<string, z.ZodType>;

export interface ListeningResults {}

export interface ListeningEvents {}

export const LISTENING_EVENT_TOPICS = [] as const satisfies readonly (keyof ListeningEvents)[];
