/**
 * Topics: managing topics, previewing a query over stored history, share of voice.
 * Merged into the listening area's calls (`listening.ts`), which also holds `topics.list`,
 * `topics.volume` and the `topics.changed` / `topics.volume.delta` pushes.
 */
import { z } from 'zod';
import { change, read, type MethodAccess } from '../access';
import type { Mention } from '../../domain/mention';
import { TOPIC_KINDS, type Topic, type TopicKind } from '../../domain/topic';
import { MAX_QUERY_CHARS, type QueryErrorInfo } from '../../logic/query/query-error';

export const MAX_TOPIC_NAME_CHARS = 80;
/** Most sample mentions a preview returns. */
export const MAX_PREVIEW_SAMPLE = 50;

const name = z
  .string()
  .trim()
  .min(1, 'a topic needs a name')
  .max(MAX_TOPIC_NAME_CHARS, `a topic name is at most ${MAX_TOPIC_NAME_CHARS} characters`)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'a topic name cannot contain control characters');
const kind = z.enum(TOPIC_KINDS);
/** The query text itself is checked by the core's parser, which says where it is wrong. */
const query = z.string().max(MAX_QUERY_CHARS, `a query is at most ${MAX_QUERY_CHARS} characters`);
/** Only `#rgb` / `#rrggbb`: the colour goes into a style, so nothing else is accepted. */
const color = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'a colour is a CSS hex colour like #3b82f6')
  .nullable();
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const topicsParams = {
  /** Creates a topic; a bad query is refused with its position. Stored history is tagged in the background. */
  'topics.create': z.object({ name, kind, query, color: color.optional(), enabled: z.boolean().optional() }).strict(),
  /** Changes some of a topic's fields; a changed query (or re-enabling) re-tags stored history. */
  'topics.update': z
    .object({ id, name: name.optional(), kind: kind.optional(), query: query.optional(), color: color.optional(), enabled: z.boolean().optional() })
    .strict(),
  /** Deletes a topic with its tags and rollups; the mentions stay. */
  'topics.delete': z.object({ id }).strict(),
  /** How many stored mentions a query matches, and the newest of them, without saving anything. */
  'topics.preview': z.object({ query, limit: z.number().int().min(0).max(MAX_PREVIEW_SAMPLE) }).strict(),
  /** Each topic's totals over the last `minutes` minutes and its share of all topics' mentions. */
  'topics.shareOfVoice': z
    .object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    })
    .strict(),
} as const satisfies Record<string, z.ZodType>;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const topicsAccess = {
  'topics.create': change('lead'),
  'topics.update': change('lead'),
  'topics.delete': change('lead'),
  'topics.preview': read('agent'),
  'topics.shareOfVoice': read('wall'),
} as const satisfies Record<keyof typeof topicsParams, MethodAccess>;

/**
 * How a preview counted:
 * - `index`: the whole query ran in the full-text index; `count` is exact.
 * - `index+filter`: the index found candidates, the exact matcher checked them (fields, handles, …).
 * - `scan`: nothing could go to the index, so the newest stored mentions were checked one by one.
 * `partial` is true when only `examined` of the candidates were checked (the newest ones), so
 * `count` is a lower bound.
 */
export type TopicPreview =
  | { ok: true; count: number; partial: boolean; method: 'index' | 'index+filter' | 'scan'; examined: number; sample: Mention[] }
  | { ok: false; error: QueryErrorInfo };

export interface TopicShare {
  topicId: number;
  name: string;
  kind: TopicKind;
  color: string | null;
  enabled: boolean;
  total: number;
  positive: number;
  neutral: number;
  negative: number;
  reach: number;
  /** total / the sum of every topic's total in the window (0 … 1; 0 when nothing was counted). */
  share: number;
}

export interface TopicsResults {
  'topics.create': { topic: Topic };
  'topics.update': { topic: Topic };
  'topics.delete': { id: number };
  'topics.preview': TopicPreview;
  'topics.shareOfVoice': { from: number; to: number; serverTime: number; total: number; topics: TopicShare[] };
}
