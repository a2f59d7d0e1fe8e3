/**
 * Signals: stories (reposts and near-copies grouped at ingest) and what drives a spike.
 * Calls: each entry pairs the zod schema of its parameters (checked by the core) with its result
 * type in `SignalsResults`.
 */
import { z } from 'zod';
import type { SpikeSummary } from '../../domain/story';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const signalsParams = {
  /** The top stories of the last `minutes` (of a topic, or of everything) and the spike in plain words. */
  'stories.spike': z.object({ topicId: id.nullable(), minutes: z.number().int().min(1).max(24 * 60), limit: z.number().int().min(1).max(20) }).strict(),
} as const satisfies Record<string, z.ZodType>;

export interface SignalsResults {
  'stories.spike': SpikeSummary & { serverTime: number };
}
