/**
 * Review: the record and its retention, timeline replay, annotations and read-only
 * workspaces (another data folder, an imported incident bundle).
 *
 * Replay calls mirror the live calls a wall makes (`volume.recent`, `topics.volume`,
 * `mentions.recent`, `authors.top`, `alerts.open`, `sources.list`, `trends.terms`, `care.kpis`, `care.inbox`,
 * `care.conversation.get`),
 * answered as the war room saw them at `at`: a replaying wall runs the same widgets on them.
 */
import type { EmotionMinute } from '../../domain/emotion';
import { z } from 'zod';
import { change, read, type MethodAccess } from '../access';
import type { Alert, Incident } from '../../domain/alert';
import type { Mention } from '../../domain/mention';
import type { SourceHealth } from '../../domain/source';
import type { Topic, TopicMinuteBucket } from '../../domain/topic';
import type { TrendingTerm } from '../../domain/trends';
import type { MinuteBucket, TopAuthor } from '../../domain/volume';
import { ANNOTATION_KINDS, type Annotation, type RecordSummary, type TimelineMarker, type WallEventRecord, type WorkspaceInfo } from '../../domain/review';
import { displayIdSchema, type DisplayOverride } from '../wall-schema';
import type { ConversationDetail, ConversationSummary } from '../../domain/care';
import { inboxFilterSchema, type CareKpis } from './care';

const id = z.number().int().positive();
const person = z.string().trim().min(1).max(100);
/** Epoch ms between 2000 and 2100. */
const time = z.number().int().min(946_684_800_000).max(4_102_444_800_000);
export const workspaceIdSchema = z.string().regex(/^(live|[a-z0-9][a-z0-9-]{0,63})$/, 'a workspace id: "live" or lowercase letters, digits and dashes');
const workspace = workspaceIdSchema.default('live');
/** A path on the core's machine (the core reads it; the window never touches the disk). */
const localPath = z.string().trim().min(1).max(4096);
const at = time;

export const reviewParams = {
  // --- the record
  /** Rows and bytes per table, file sizes, oldest and newest mention, the retention setting. */
  'record.summary': z.object({}).strict(),
  'record.setRetention': z.object({ mentionDays: z.number().int().min(1).max(3650).nullable(), by: person }).strict(),

  // --- workspaces
  'review.workspaces.list': z.object({}).strict(),
  /** Opens a copy of another Earshot data folder read-only. */
  'review.workspaces.openFolder': z.object({ path: localPath, name: z.string().trim().min(1).max(80).optional() }).strict(),
  'review.workspaces.close': z.object({ id: workspaceIdSchema }).strict(),

  // --- the timeline
  /** Incidents and the recorded span of a workspace, to pick what to replay. */
  'review.periods': z.object({ workspace, limit: z.number().int().min(1).max(500).default(100) }).strict(),
  /** Per-minute volume (all topics), alert, annotation and wall-command markers over [from, to] for the scrubber. */
  'review.timeline': z
    .object({ workspace, from: time, to: time })
    .strict()
    .refine((p) => p.to > p.from && p.to - p.from <= 31 * 24 * 3_600_000, 'from must be before to, at most 31 days apart'),

  // --- the war room at `at`, mirroring the live calls
  'review.volume': z
    .object({
      workspace,
      at,
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
      topicId: id.nullable().default(null),
    })
    .strict(),
  'review.topicsVolume': z
    .object({
      workspace,
      at,
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    })
    .strict(),
  'review.mentions': z.object({ workspace, at, limit: z.number().int().min(1).max(500) }).strict(),
  'review.authorsTop': z
    .object({
      workspace,
      at,
      windowMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
      limit: z.number().int().min(1).max(100),
    })
    .strict(),
  'review.alertsOpen': z.object({ workspace, at }).strict(),
  'review.sources': z.object({ workspace, at }).strict(),
  'review.topics': z.object({ workspace }).strict(),
  'review.trends': z
    .object({
      workspace,
      at,
      topicId: id.nullable(),
      windowMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
      limit: z.number().int().min(1).max(200),
    })
    .strict(),
  'review.emotions': z
    .object({
      workspace,
      at,
      topicId: id.nullable(),
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    })
    .strict(),
  'review.careKpis': z
    .object({
      workspace,
      at,
      hours: z
        .number()
        .int()
        .min(1)
        .max(24 * 31),
    })
    .strict(),
  /** The inbox at `at`: conversations heard of by then, in their state then (first `limit`, sorted as the live inbox). */
  'review.careQueue': z
    .object({
      workspace,
      at,
      filter: inboxFilterSchema.pick({ statuses: true, assignee: true, topicId: true, sentiment: true }).default({}),
      sort: z.enum(['urgency', 'newest', 'waiting']).default('urgency'),
      limit: z.number().int().min(1).max(500).default(200),
    })
    .strict(),
  /** One conversation's thread at `at`: posts heard, history and replies written by then. */
  'review.careConversation': z.object({ workspace, at, id }).strict(),
  /** The operator's override of a wall (pushed layout, paused, blanked) at `at`, from the recorded commands. */
  'review.wallOverride': z.object({ workspace, at, displayId: displayIdSchema }).strict(),

  // --- annotations
  'annotations.list': z.object({ workspace, from: time, to: time }).strict(),
  /** Live workspace only: a read-only workspace refuses changes. */
  'annotations.add': z
    .object({
      workspace,
      at,
      kind: z.enum(ANNOTATION_KINDS),
      text: z.string().trim().min(1).max(2000),
      by: person,
      topicId: id.nullable().default(null),
      incidentId: id.nullable().default(null),
    })
    .strict(),
  'annotations.delete': z.object({ workspace, id, by: person }).strict(),
} as const satisfies Record<string, z.ZodType>;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const reviewAccess = {
  'record.summary': read('lead'),
  'record.setRetention': change('admin', 'by'),
  'review.workspaces.list': read('agent'),
  'review.workspaces.openFolder': change('admin'),
  'review.workspaces.close': change('admin'),
  'review.periods': read('agent'),
  'review.timeline': read('agent'),
  // A wall replays what it showed: the aggregates and the ticker of a past moment.
  'review.volume': read('wall'),
  'review.emotions': read('wall'),
  'review.topicsVolume': read('wall'),
  'review.mentions': read('wall'),
  'review.authorsTop': read('wall'),
  'review.alertsOpen': read('wall'),
  'review.sources': read('wall'),
  'review.topics': read('wall'),
  'review.trends': read('wall'),
  'review.careKpis': read('wall'),
  'review.careQueue': read('agent'),
  'review.careConversation': read('agent'),
  'review.wallOverride': read('wall'),
  'annotations.list': read('agent'),
  'annotations.add': change('lead', 'by'),
  'annotations.delete': change('lead', 'by'),
} as const satisfies Record<keyof typeof reviewParams, MethodAccess>;

export interface ReviewResults {
  'record.summary': RecordSummary;
  'record.setRetention': RecordSummary;
  'review.workspaces.list': { workspaces: WorkspaceInfo[] };
  'review.workspaces.openFolder': { workspace: WorkspaceInfo };
  'review.workspaces.close': { id: string };
  'review.periods': { earliest: number | null; latest: number | null; incidents: Incident[] };
  'review.timeline': { buckets: MinuteBucket[]; markers: TimelineMarker[]; annotations: Annotation[] };
  'review.volume': { buckets: MinuteBucket[]; serverTime: number };
  'review.topicsVolume': { buckets: TopicMinuteBucket[]; serverTime: number };
  'review.mentions': { mentions: Mention[] };
  'review.authorsTop': { authors: TopAuthor[]; windowMinutes: number };
  'review.alertsOpen': { alerts: Alert[] };
  'review.sources': { sources: SourceHealth[] };
  'review.topics': { topics: Topic[] };
  'review.trends': { terms: TrendingTerm[]; windowMinutes: number; serverTime: number };
  'review.careKpis': CareKpis;
  'review.emotions': { minutes: EmotionMinute[]; serverTime: number };
  'review.careQueue': {
    items: ConversationSummary[];
    /** Matching conversations at `at`; `items` holds the first `limit`. */ total: number;
    serverTime: number;
  };
  'review.careConversation': ConversationDetail;
  /** `events`: the display's last few recorded commands by `at`, newest first. */
  'review.wallOverride': { override: DisplayOverride; events: WallEventRecord[] };
  'annotations.list': { annotations: Annotation[] };
  'annotations.add': { annotation: Annotation };
  'annotations.delete': { id: number };
}

export interface ReviewEvents {
  /** Annotations of the live workspace after any change (the last 7 days); replaces the list. */
  'annotations.changed': { annotations: Annotation[] };
  /** The open workspaces after any change; replaces the list. */
  'review.workspaces.changed': { workspaces: WorkspaceInfo[] };
}

export const REVIEW_EVENT_TOPICS = ['annotations.changed', 'review.workspaces.changed'] as const satisfies readonly (keyof ReviewEvents)[];
