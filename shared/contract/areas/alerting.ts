/**
 * Issue 5 (alerts): rules, incidents, backtests, takeover, outbound webhooks.
 * Calls: each entry pairs the zod schema of its parameters (checked by the core) with its result
 * type in `AlertingResults`. Pushes: payload types in `AlertingEvents`, topic names in `ALERTING_EVENT_TOPICS`.
 */
import type { z } from 'zod';

export const alertingParams = {} as const satisfies Record<string, z.ZodType>;

export interface AlertingResults {}

export interface AlertingEvents {}

export const ALERTING_EVENT_TOPICS = [] as const satisfies readonly (keyof AlertingEvents)[];
