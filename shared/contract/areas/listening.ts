/**
 * Listening: topics and their queries, source settings, imports, secrets.
 * Calls: each entry pairs the zod schema of its parameters (checked by the core) with its result
 * type in `ListeningResults`. Pushes: payload types in `ListeningEvents`, topic names in `LISTENING_EVENT_TOPICS`.
 */
import { z } from 'zod';
import { read, type MethodAccess } from '../access';
import type { UniqueNames } from '../unique-names';
import type { Topic, TopicMinuteBucket } from '../../domain/topic';
import { sourceAdminAccess, sourceAdminParams, type SourceAdminResults } from './source-admin';
import { topicsAccess, topicsParams, type TopicsResults } from './topics';

/** The calls listening declares itself, besides source management and topic management. */
const listeningOwnParams = {
  /** Every topic, enabled or not, by name. */
  'topics.list': z.object({}).strict(),
  /** Per-topic minute buckets over the last `minutes` minutes, oldest first; empty minutes are absent. */
  'topics.volume': z
    .object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    })
    .strict(),
} as const satisfies Record<string, z.ZodType>;

export const listeningParams = {
  // Source management: sources.kinds/get/create/update/delete/test (see source-admin.ts).
  ...sourceAdminParams,
  // Topic management, preview and share of voice (see topics.ts).
  ...topicsParams,
  ...listeningOwnParams,
} as const satisfies Record<string, z.ZodType>;
const _uniqueNames: UniqueNames<[typeof sourceAdminParams, typeof topicsParams, typeof listeningOwnParams]> = true;
void _uniqueNames;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const listeningAccess = {
  ...sourceAdminAccess,
  ...topicsAccess,
  'topics.list': read('wall'),
  'topics.volume': read('wall'),
} as const satisfies Record<keyof typeof listeningParams, MethodAccess>;

export interface ListeningResults extends SourceAdminResults, TopicsResults {
  'topics.list': { topics: Topic[] };
  'topics.volume': { buckets: TopicMinuteBucket[]; serverTime: number };
}

export interface ListeningEvents {
  /** The full topic list after any change; replaces the list. */
  'topics.changed': { topics: Topic[] };
  /** Per-topic minute buckets that changed; replace by (minute, topicId). */
  'topics.volume.delta': { buckets: TopicMinuteBucket[] };
}

export const LISTENING_EVENT_TOPICS = ['topics.changed', 'topics.volume.delta'] as const satisfies readonly (keyof ListeningEvents)[];
