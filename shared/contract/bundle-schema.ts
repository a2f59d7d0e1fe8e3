/**
 * The incident bundle file: one `<name>.earshot-bundle` = gzip of one JSON document holding
 * an incident's (or a period's) record, and a SHA-256 checksum of everything else in the document.
 *
 * Rows are the stored rows, column for column, with camelCase keys (`published_at` → `publishedAt`):
 * the core maps each key of a row schema to its column, so this file is the one list of what a bundle
 * carries. Text columns that hold JSON stay the stored text (checked to parse), so an import writes back
 * exactly what was read. Left out on purpose: drill rows, sources' settings (they can hold account
 * names and keys), CRM customers, reply accounts and templates (links to them are dropped), secrets.
 */
import { z } from 'zod';
import { SOURCE_EVENT_KINDS } from '../domain/source';

export const BUNDLE_FORMAT = 'earshot-incident-bundle';
/**
 * 2 added `alertVersions` (each alert as it stood after each change), so a bundle replays its alerts
 * exactly, and `sourceEvents`; a version-1 bundle still opens (its alerts are rolled back from their
 * history; its sources show only what they delivered).
 */
export const BUNDLE_VERSION = 2;
export const BUNDLE_VERSIONS_READ: readonly number[] = [1, BUNDLE_VERSION];
export const BUNDLE_EXTENSION = '.earshot-bundle';

const int = z
  .number()
  .int()
  .min(-(2 ** 53))
  .max(2 ** 53);
const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 53);
const real = z.number().finite();
const time = z.number().int().min(0).max(4_102_444_800_000);
const text = (max: number) => z.string().max(max);
const flag = z.union([z.literal(0), z.literal(1)]);
/** Text that the store keeps as JSON: it must parse, so no reader of the workspace chokes on it. */
const jsonText = z
  .string()
  .max(1_000_000)
  .refine((s) => {
    try {
      JSON.parse(s);
      return true;
    } catch {
      return false;
    }
  }, 'must be JSON text');

export const bundleRowSchemas = {
  sources: z.object({ id: text(200), kind: text(40), name: text(500), enabled: flag, intervalMs: int, createdAt: time, deletedAt: time.nullable() }).strict(),
  topics: z
    .object({ id, name: text(200), kind: text(40), query: text(10_000), color: text(40).nullable(), enabled: flag, createdAt: time, updatedAt: time })
    .strict(),
  careTeams: z.object({ id, name: text(200) }).strict(),
  alertRules: z
    .object({
      id,
      name: text(200),
      topicId: id.nullable(),
      kind: text(60),
      enabled: flag,
      severity: text(20),
      cooldownMinutes: int,
      persistMinutes: int,
      quietHours: jsonText.nullable(),
      params: jsonText,
      createdAt: time,
      updatedAt: time,
    })
    .strict(),
  incidents: z
    .object({ id, topicId: id.nullable(), title: text(1000), severity: text(20), openedAt: time, lastAt: time, resolvedAt: time.nullable() })
    .strict(),
  mentions: z
    .object({
      id,
      sourceId: text(200),
      externalId: text(1000),
      platform: text(40),
      text: text(100_000),
      url: text(4096).nullable(),
      lang: text(20).nullable(),
      publishedAt: time,
      ingestedAt: time,
      heardAt: time,
      authorHandle: text(500),
      authorName: text(1000).nullable(),
      authorFollowers: int.nullable(),
      authorVerified: flag,
      likes: int.nullable(),
      reposts: int.nullable(),
      replies: int.nullable(),
      replyTo: text(1000).nullable(),
      sentiment: text(20),
      sentimentScore: real,
      sentimentConfidence: real,
      intents: jsonText,
      clout: real,
      urgency: real,
      episode: text(200).nullable(),
      /** Absent from bundles written before emotion existed: read as unknown. */
      emotion: text(20).default('unknown'),
      emotionScores: jsonText.nullable().default(null),
      /** From `mention_topics`, ascending. */
      topicIds: z.array(id).max(10_000),
    })
    .strict(),
  authors: z
    .object({
      id,
      platform: text(40),
      handle: text(500),
      name: text(1000).nullable(),
      followers: int,
      verified: flag,
      firstSeen: time,
      lastSeen: time,
      mentions: int,
      positive: int,
      neutral: int,
      negative: int,
      likes: int,
      reposts: int,
      replies: int,
      engagement: int,
      clout: real,
      segment: text(40),
    })
    .strict(),
  alerts: z
    .object({
      id,
      kind: text(60),
      severity: text(20),
      dedupeKey: text(2000),
      title: text(2000),
      detail: text(20_000),
      openedAt: time,
      updatedAt: time,
      acknowledgedAt: time.nullable(),
      acknowledgedBy: text(200).nullable(),
      resolvedAt: time.nullable(),
      resolvedBy: text(200).nullable(),
      evidence: jsonText,
      explanation: jsonText.nullable(),
      topicId: id.nullable(),
      ruleId: id.nullable(),
      incidentId: id.nullable(),
      snoozedUntil: time.nullable(),
      assignee: text(200).nullable(),
      /** What the alert showed when it opened (JSON); absent from bundles written before it was kept. */
      opening: jsonText.nullable().optional(),
    })
    .strict(),
  alertEvents: z.object({ id, alertId: id, at: time, action: text(60), actor: text(200), detail: text(20_000) }).strict(),
  /** `alert_versions`: the alert row (JSON, as stored) after each change. */
  alertVersions: z.object({ id, alertId: id, at: time, row: jsonText }).strict(),
  annotations: z
    .object({
      id,
      at: time,
      kind: text(40),
      text: text(2000),
      author: text(200),
      topicId: id.nullable(),
      incidentId: id.nullable(),
      createdAt: time,
      deletedAt: time.nullable(),
      deletedBy: text(200).nullable(),
    })
    .strict(),
  careConversations: z
    .object({
      id,
      status: text(40),
      assignee: text(200).nullable(),
      teamId: id.nullable(),
      platform: text(40),
      sourceId: text(200),
      authorKey: text(600),
      authorHandle: text(500),
      authorName: text(1000).nullable(),
      preview: text(100_000),
      urgency: real,
      sentiment: text(20),
      sentimentFirst: real.nullable(),
      sentimentLast: real.nullable(),
      clout: real,
      lang: text(20).nullable(),
      intents: jsonText,
      topicIds: jsonText,
      tags: jsonText,
      segment: text(40).nullable(),
      mentionCount: int,
      openedAt: time,
      lastActivityAt: time,
      waitingSince: time.nullable(),
      waitingMentionId: int.nullable(),
      firstResponseAt: time.nullable(),
      resolvedAt: time.nullable(),
      resolution: text(2000).nullable(),
      privateChannel: text(200).nullable(),
      csat: int.nullable(),
      nps: int.nullable(),
      /** The conversation's mentions that are in this bundle (from `care_conversation_mentions`), ascending. */
      mentionIds: z.array(id).max(1_000_000),
    })
    .strict(),
  careEvents: z.object({ id, conversationId: id, at: time, actor: text(200), kind: text(60), detail: text(20_000) }).strict(),
  careReplies: z
    .object({
      id,
      conversationId: id,
      author: text(200),
      text: text(20_000),
      channel: text(40),
      replyToMentionId: int.nullable(),
      status: text(40),
      approvedBy: text(200).nullable(),
      externalId: text(1000).nullable(),
      externalUrl: text(4096).nullable(),
      platform: text(40).nullable(),
      error: text(4000).nullable(),
      createdAt: time,
      sentAt: time.nullable(),
    })
    .strict(),
  wallEvents: z.object({ id, at: time, displayId: text(200).nullable(), action: text(60), actor: text(200), detail: text(20_000) }).strict(),
  /** `source_events`: a source's failures, rate limits, recoveries, pauses (replayed on the source health widget). */
  sourceEvents: z
    .object({
      id,
      at: time,
      sourceId: text(200),
      kind: z.enum(SOURCE_EVENT_KINDS),
      error: text(4000).nullable(),
      rateLimitedUntil: time.nullable(),
      consecutiveFailures: int,
    })
    .strict(),
} as const;

export type BundleKind = keyof typeof bundleRowSchemas;
/** In the order an import inserts them (every row's references come earlier). */
export const BUNDLE_KINDS = [
  'sources',
  'topics',
  'careTeams',
  'alertRules',
  'incidents',
  'mentions',
  'authors',
  'alerts',
  'alertEvents',
  'alertVersions',
  'annotations',
  'careConversations',
  'careEvents',
  'careReplies',
  'wallEvents',
  'sourceEvents',
] as const satisfies readonly BundleKind[];

export type BundleRow<K extends BundleKind> = z.output<(typeof bundleRowSchemas)[K]>;
export type BundleContents = { [K in BundleKind]: Array<BundleRow<K>> };
export type BundleCounts = Record<BundleKind, number>;

const MAX_ROWS = 5_000_000;
const rowArrays = Object.fromEntries(BUNDLE_KINDS.map((k) => [k, z.array(bundleRowSchemas[k]).max(MAX_ROWS)])) as {
  [K in BundleKind]: z.ZodArray<(typeof bundleRowSchemas)[K]>;
};
export const bundleContentsSchema = z
  // Version 1 had no alert versions and no source events.
  .object({ ...rowArrays, alertVersions: rowArrays.alertVersions.default([]), sourceEvents: rowArrays.sourceEvents.default([]) })
  .strict();

export const bundleScopeSchema = z
  .object({
    incidentId: id.nullable(),
    from: time,
    to: time,
    topicId: id.nullable(),
    title: text(300),
  })
  .strict()
  .refine((s) => s.to >= s.from, { message: 'to must not be before from', path: ['to'] });
export type BundleScope = z.output<typeof bundleScopeSchema>;

/** What the checksum covers: the whole document but the checksum. */
export const bundleBodySchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.union([z.literal(1), z.literal(BUNDLE_VERSION)]),
    createdAt: time,
    app: z.object({ name: text(100), version: text(100) }).strict(),
    scope: bundleScopeSchema,
    contents: bundleContentsSchema,
  })
  .strict();
export type BundleBody = z.output<typeof bundleBodySchema>;

export const bundleChecksumSchema = z
  .object({ algorithm: z.literal('sha256'), value: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex') })
  .strict();

export const bundleDocumentSchema = bundleBodySchema.extend({ checksum: bundleChecksumSchema }).strict();
export type BundleDocument = z.output<typeof bundleDocumentSchema>;

/** What export, import and verify report about a bundle file. */
export interface BundleSummary {
  fileName: string;
  bytes: number;
  checksum: string;
  createdAt: number;
  app: { name: string; version: string };
  scope: BundleScope;
  counts: BundleCounts;
}
