/**
 * Signals: stories (reposts and near-copies grouped at ingest) and what drives a spike.
 * Calls: each entry pairs the zod schema of its parameters (checked by the core) with its result
 * type in `SignalsResults`.
 */
import { z } from 'zod';
import { change, read, type MethodAccess } from '../access';
import type { MentionFlag } from '../../domain/mention-flag';
import type { SpikeSummary } from '../../domain/story';
import { workspaceIdSchema } from './review';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const signalsParams = {
  /** The top stories of the last `minutes` (of a topic, or of everything) and the spike in plain words. */
  'stories.spike': z
    .object({
      topicId: id.nullable(),
      minutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
      limit: z.number().int().min(1).max(20),
    })
    .strict(),
  /** The story of each of these posts (of a workspace, the live one by default); posts without one are left out. */
  'stories.of': z.object({ ids: z.array(id).max(500), workspace: workspaceIdSchema.default('live') }).strict(),
  /** The spam and coordination flags of these posts (those without a flag are left out). */
  'mentions.flags': z.object({ ids: z.array(id).max(500) }).strict(),
  /** A person's word on a post: spam, not spam, or null to go back to the detector's judgement. */
  'mentions.flags.override': z.object({ id, spam: z.boolean().nullable(), by: z.string().trim().min(1).max(80) }).strict(),
  /** Whether alert counts and baselines of a topic (null: all mentions) leave flagged posts out (default yes). */
  'signals.spamExcluded.get': z.object({ topicId: id.nullable() }).strict(),
  'signals.spamExcluded.set': z.object({ topicId: id.nullable(), excluded: z.boolean() }).strict(),
} as const satisfies Record<string, z.ZodType>;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const signalsAccess = {
  // What drives a spike: the crisis wall's widget (masked for public-safe displays by the core).
  'stories.spike': read('wall'),
  // Which story each ticker post belongs to: ids only, read by the walls' ticker.
  'stories.of': read('wall'),
  'mentions.flags': read('agent'),
  // Overruling the spam detector changes what alerts count: a lead's call.
  'mentions.flags.override': change('lead', 'by'),
  'signals.spamExcluded.get': read('agent'),
  'signals.spamExcluded.set': change('lead'),
} as const satisfies Record<keyof typeof signalsParams, MethodAccess>;

export interface SignalsResults {
  'stories.spike': SpikeSummary & { serverTime: number };
  'stories.of': { stories: Array<{ mentionId: number; storyId: number }> };
  'mentions.flags': { flags: MentionFlag[] };
  'mentions.flags.override': { flag: MentionFlag };
  'signals.spamExcluded.get': { topicId: number | null; excluded: boolean };
  'signals.spamExcluded.set': { topicId: number | null; excluded: boolean };
}
