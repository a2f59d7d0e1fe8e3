/**
 * Care: inbox, conversations, team, routing, replies, customers, KPIs.
 * Calls: each entry pairs the zod schema of its parameters (checked by the core) with its result
 * type in `CareResults`. Pushes: payload types in `CareEvents`, topic names in `CARE_EVENT_TOPICS`.
 * `by` / `agent` is the operator's name (renderer/src/lib/operator-name.ts).
 */
import { EMOTIONS } from '../../domain/emotion';
import { z } from 'zod';
import { change, presence, read, type MethodAccess } from '../access';
import {
  AGENT_ROLES,
  CONVERSATION_STATUSES,
  PRIVATE_CHANNELS,
  type Agent,
  type CareAccount,
  type CareSettings,
  type ConversationDetail,
  type ConversationSummary,
  type Customer,
  type PresenceEntry,
  type ReplyTemplate,
  type RoutingRule,
  type Team,
} from '../../domain/care';
import type { Mention } from '../../domain/mention';
import { PLATFORMS } from '../../domain/mention';
import type { GroupFigures, KpiFigures } from '../../logic/care/kpis';

const name = z.string().trim().min(1).max(100);
const id = z.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const SENTIMENTS = ['positive', 'neutral', 'negative', 'unknown'] as const;

export const INBOX_PAGE_MAX = 200;

export const inboxFilterSchema = z
  .object({
    /** Empty or absent: every status but resolved. */
    statuses: z.array(z.enum(CONVERSATION_STATUSES)).max(5).optional(),
    /** A name, or null for unassigned. */
    assignee: name.nullable().optional(),
    topicId: id.optional(),
    sourceId: z.string().min(1).max(100).optional(),
    platform: z.enum(PLATFORMS).optional(),
    sentiment: z.enum(SENTIMENTS).optional(),
    /** Conversations with at least one post of this emotion. */
    emotion: z.enum(EMOTIONS).optional(),
    intent: z.string().min(1).max(50).optional(),
    segment: z.string().min(1).max(50).optional(),
    lang: z.string().min(2).max(20).optional(),
    /** true: only what needs a reply (the default queue); false: only what does not; absent: both. */
    needsReply: z.boolean().optional(),
    /** Words (all must appear in the conversation's posts), or a topic query. */
    search: z.string().trim().max(500).optional(),
  })
  .strict();

export type InboxFilterParams = z.infer<typeof inboxFilterSchema>;

const routingMatch = z
  .object({
    topicIds: z.array(id).max(100).optional(),
    intents: z.array(z.string().min(1).max(50)).max(50).optional(),
    languages: z.array(z.string().min(2).max(20)).max(50).optional(),
    segments: z.array(z.string().min(1).max(50)).max(50).optional(),
    minClout: z.number().min(0).max(100).optional(),
    sentiments: z.array(z.enum(SENTIMENTS)).max(4).optional(),
  })
  .strict();

const businessHours = z
  .object({
    days: z.array(z.number().int().min(0).max(6)).max(7),
    startHour: z.number().min(0).max(24),
    endHour: z.number().min(0).max(24),
    utcOffsetMinutes: z.number().int().min(-840).max(840),
  })
  .strict();

/** http(s) only (checked again by the core when it connects). */
const httpUrl = z
  .string()
  .max(500)
  .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, 'must be an http(s) URL');

export const careParams = {
  /** One page of the triage queue; pass the returned cursor for the next page. */
  'care.inbox': z
    .object({
      filter: inboxFilterSchema.default({}),
      sort: z.enum(['urgency', 'newest', 'waiting']).default('urgency'),
      cursor: z.string().max(100).nullable().default(null),
      limit: z.number().int().min(1).max(INBOX_PAGE_MAX).default(100),
    })
    .strict(),
  'care.conversation.get': z.object({ id }).strict(),
  /** Atomic: succeeds only if nobody else holds it; the answer names who does. */
  'care.conversation.claim': z.object({ id, agent: name }).strict(),
  'care.conversation.release': z.object({ id, agent: name }).strict(),
  'care.conversation.assign': z.object({ id, to: name.nullable(), by: name }).strict(),
  /** An agent's triage decision; `teach` makes it the rule for the author's later posts on that platform. */
  'care.conversation.triage': z.object({ id, needsReply: z.boolean(), teach: z.boolean().default(true), by: name }).strict(),
  /** Bulk: the ids of every conversation matching a filter (select all matching), up to 5,000. */
  'care.bulk.matching': z.object({ filter: inboxFilterSchema.default({}) }).strict(),
  /** Bulk: open conversations saying nearly the same as this one (handles, links and numbers aside). */
  'care.bulk.similar': z.object({ id }).strict(),
  /** Bulk: one action over many conversations, run in the background; read its progress with care.bulk.status. */
  'care.bulk.start': z
    .object({
      ids: z.array(id).min(1).max(5_000),
      action: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('tag'), tag: text(50) }).strict(),
        z.object({ kind: z.literal('assign'), to: name.nullable() }).strict(),
        z.object({ kind: z.literal('resolve') }).strict(),
        z.object({ kind: z.literal('reply'), templateId: id }).strict(),
      ]),
      by: name,
    })
    .strict(),
  'care.bulk.status': z.object({ jobId: id }).strict(),
  /** The caller's own saved views and the team's shared ones. */
  'care.views.list': z.object({}).strict(),
  /** Saves (or replaces, by name) a view; `shared` makes it the team's, for leads and admins. */
  'care.views.save': z
    .object({ name: text(60), filter: inboxFilterSchema, sort: z.enum(['urgency', 'newest', 'waiting']), shared: z.boolean().default(false) })
    .strict(),
  'care.views.remove': z.object({ id }).strict(),
  /** A Mastodon reply account's instance limit on post length (read from the instance, kept an hour). */
  'care.accounts.replyLimit': z.object({ accountId: id }).strict(),
  'care.conversation.setStatus': z.object({ id, status: z.enum(['new', 'assigned', 'waiting-on-customer']), by: name }).strict(),
  'care.conversation.tag': z.object({ id, tag: text(40), by: name, remove: z.boolean().default(false) }).strict(),
  'care.conversation.note': z.object({ id, text: text(4000), by: name }).strict(),
  /** `to`: a person, or "lead" / "pr-legal" for the first available one. */
  'care.conversation.escalate': z.object({ id, to: name, reason: text(1000), by: name }).strict(),
  'care.conversation.deEscalate': z.object({ id, note: text(1000), by: name }).strict(),
  'care.conversation.movePrivate': z.object({ id, channel: z.enum(PRIVATE_CHANNELS), by: name, note: z.string().trim().max(1000).default('') }).strict(),
  'care.conversation.resolve': z.object({ id, by: name }).strict(),
  'care.conversation.survey': z
    .object({ id, csat: z.number().int().min(1).max(5).nullable().default(null), nps: z.number().int().min(0).max(10).nullable().default(null), by: name })
    .strict()
    .refine((p) => p.csat !== null || p.nps !== null, 'give a CSAT or an NPS answer'),
  /** `activity: null` leaves the conversation. Windows refresh every 10 s; entries expire after 30 s. */
  'care.presence.set': z.object({ id, agent: name, activity: z.enum(['viewing', 'replying']).nullable() }).strict(),
  'care.presence.list': z.object({}).strict(),

  'care.team.get': z.object({}).strict(),
  'care.team.saveTeam': z.object({ id: id.nullable().default(null), name }).strict(),
  'care.team.saveAgent': z
    .object({ name, role: z.enum(AGENT_ROLES), teamId: id.nullable(), capacity: z.number().int().min(0).max(1000), active: z.boolean().default(true) })
    .strict(),
  'care.routing.save': z
    .object({
      id: id.nullable().default(null),
      name,
      position: z.number().int().min(0).max(10_000),
      enabled: z.boolean().default(true),
      match: routingMatch,
      strategy: z.enum(['round-robin', 'least-load', 'lead']),
      teamId: id,
    })
    .strict(),
  'care.routing.remove': z.object({ id }).strict(),

  'care.templates.list': z.object({}).strict(),
  'care.templates.save': z.object({ id: id.nullable().default(null), name, body: text(2000) }).strict(),
  'care.templates.approve': z.object({ id, by: name }).strict(),
  'care.accounts.list': z.object({}).strict(),
  /** `secret`: the Mastodon access token or Bluesky app password; null keeps the stored one. Kept in the secret store only. */
  'care.accounts.save': z
    .object({
      id: id.nullable().default(null),
      platform: z.enum(['mastodon', 'bluesky']),
      name,
      baseUrl: httpUrl,
      identifier: z.string().trim().min(1).max(300),
      secret: z.string().min(1).max(2000).nullable().default(null),
    })
    .strict(),
  /** accountId null: the reply is copied and posted by hand, and recorded as such. */
  'care.replies.send': z
    .object({ conversationId: id, author: name, text: text(2000), templateId: id.nullable().default(null), accountId: id.nullable().default(null) })
    .strict(),
  'care.replies.approve': z.object({ replyId: id, by: name, approve: z.boolean(), reason: z.string().trim().max(1000).default('') }).strict(),
  'care.replies.retry': z.object({ replyId: id, by: name, byHand: z.boolean().default(false) }).strict(),

  'care.customers.list': z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  'care.customers.get': z
    .object({ customerId: id.optional(), platform: z.enum(PLATFORMS).optional(), handle: z.string().trim().min(1).max(200).optional() })
    .strict()
    .refine((p) => p.customerId !== undefined || (p.platform !== undefined && p.handle !== undefined), 'give a customerId, or a platform and a handle'),
  /** The CSV text of a CRM export (at most 200 KB per call). */
  'care.customers.import': z.object({ csv: z.string().min(1).max(200_000), by: name }).strict(),
  'care.customers.note': z.object({ customerId: id, text: text(4000), by: name }).strict(),

  /** Care KPIs over conversations opened in [from, to), plus the backlog at `to`. */
  'care.kpis': z
    .object({ from: z.number().int().min(0), to: z.number().int().min(0), agent: name.optional(), teamId: id.optional() })
    .strict()
    .refine((p) => p.to > p.from, '"to" must be after "from"'),
  'care.settings.get': z.object({}).strict(),
  'care.settings.save': z
    .object({
      businessHours: businessHours.optional(),
      responseTargetMinutes: z.number().int().min(1).max(10_080).optional(),
      groupingWindowMinutes: z.number().int().min(1).max(43_200).optional(),
      approvalTopicIds: z.array(id).max(500).optional(),
      leaderboard: z.boolean().optional(),
      brandHandles: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
      brandTerms: z.array(z.string().trim().min(2).max(100)).max(100).optional(),
      bulkReplyIntervalMs: z
        .object({ mastodon: z.number().int().min(0).max(3_600_000), bluesky: z.number().int().min(0).max(3_600_000) })
        .strict()
        .optional(),
      survey: z
        .object({ kind: z.enum(['off', 'csat', 'nps']), templateId: id.nullable(), windowDays: z.number().int().min(1).max(30) })
        .strict()
        .optional(),
    })
    .strict(),
} as const satisfies Record<string, z.ZodType>;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const careAccess = {
  'care.inbox': read('agent'),
  'care.conversation.get': read('agent'),
  'care.conversation.claim': change('agent', 'agent'),
  'care.conversation.release': change('agent', 'agent'),
  'care.conversation.assign': change('agent', 'by'),
  'care.conversation.setStatus': change('agent', 'by'),
  'care.conversation.triage': change('agent', 'by'),
  'care.bulk.matching': read('agent'),
  'care.bulk.similar': read('agent'),
  'care.bulk.start': change('agent', 'by'),
  'care.bulk.status': read('agent'),
  'care.views.list': read('agent'),
  'care.accounts.replyLimit': read('agent'),
  // Agents save their own; the handler lets only leads and admins save or remove shared ones.
  'care.views.save': change('agent'),
  'care.views.remove': change('agent'),
  'care.conversation.tag': change('agent', 'by'),
  'care.conversation.note': change('agent', 'by'),
  'care.conversation.escalate': change('agent', 'by'),
  'care.conversation.deEscalate': change('lead', 'by'),
  'care.conversation.movePrivate': change('agent', 'by'),
  'care.conversation.resolve': change('agent', 'by'),
  'care.conversation.survey': change('agent', 'by'),
  'care.presence.set': presence('agent', 'agent'),
  'care.presence.list': read('agent'),
  'care.team.get': read('agent'),
  'care.team.saveTeam': change('lead'),
  'care.team.saveAgent': change('lead'),
  'care.routing.save': change('lead'),
  'care.routing.remove': change('lead'),
  'care.templates.list': read('agent'),
  'care.templates.save': change('lead'),
  'care.templates.approve': change('lead', 'by'),
  'care.accounts.list': read('agent'),
  'care.accounts.save': change('admin'),
  'care.replies.send': change('agent', 'author'),
  'care.replies.approve': change('lead', 'by'),
  'care.replies.retry': change('agent', 'by'),
  'care.customers.list': read('agent'),
  'care.customers.get': read('agent'),
  'care.customers.import': change('lead', 'by'),
  'care.customers.note': change('agent', 'by'),
  // Aggregates only: the care widgets of a wall show them.
  'care.kpis': read('wall'),
  'care.settings.get': read('agent'),
  'care.settings.save': change('lead'),
} as const satisfies Record<keyof typeof careParams, MethodAccess>;

export type ConversationResult = { conversation: ConversationSummary };

/** A saved inbox view: a filter and a sort under a name, one person's or the team's. */
export interface SavedView {
  id: number;
  name: string;
  shared: boolean;
  filter: InboxFilterParams;
  sort: 'urgency' | 'newest' | 'waiting';
  createdBy: string;
  createdAt: number;
}

/** A bulk job's progress: how far it is, and every conversation that failed with why. */
export interface BulkJobStatus {
  id: number;
  action: 'tag' | 'assign' | 'resolve' | 'reply';
  by: string;
  total: number;
  done: number;
  succeeded: number;
  failed: { conversationId: number; error: string }[];
  finished: boolean;
  startedAt: number;
  finishedAt: number | null;
}

export interface CareKpis extends KpiFigures {
  perAgent: GroupFigures[];
  perTeam: GroupFigures[];
  leaderboard: boolean;
  from: number;
  to: number;
  /** Right now, over conversations that need a reply: waiting, and waiting past the care target (the breach alert's count when its rule has the same target). */
  waitingNow: { waiting: number; overTarget: number; longestMinutes: number | null; targetMinutes: number };
}

export interface CustomerViewResult {
  customer: Customer | null;
  conversations: ConversationSummary[];
  mentions: Mention[];
  sentimentByDay: { day: number; mean: number; count: number }[];
  clout: number;
  segment: string | null;
  notes: { author: string; text: string; createdAt: number }[];
}

export interface CareResults {
  'care.inbox': {
    items: ConversationSummary[];
    nextCursor: string | null;
    /** -1 on later pages. */
    total: number;
    /** true: the text search matched more posts than the inbox reads (the newest 5,000), so `total` and the list cover the conversations of those: at least `total` match. */
    totalIsLowerBound: boolean;
  };
  'care.conversation.get': ConversationDetail;
  'care.conversation.claim': { claimed: boolean; holder: string | null; conversation: ConversationSummary };
  'care.conversation.release': ConversationResult;
  'care.conversation.assign': ConversationResult;
  'care.conversation.setStatus': ConversationResult;
  'care.conversation.triage': ConversationResult;
  'care.bulk.matching': { ids: number[]; total: number };
  'care.bulk.similar': { ids: number[] };
  'care.bulk.start': BulkJobStatus;
  'care.bulk.status': BulkJobStatus;
  'care.views.list': { views: SavedView[] };
  'care.accounts.replyLimit': { maxCharacters: number; source: 'instance' | 'default'; detail: string };
  'care.views.save': { views: SavedView[] };
  'care.views.remove': { views: SavedView[] };
  'care.conversation.tag': ConversationResult;
  'care.conversation.note': ConversationDetail;
  'care.conversation.escalate': ConversationResult;
  'care.conversation.deEscalate': ConversationResult;
  'care.conversation.movePrivate': ConversationResult;
  'care.conversation.resolve': ConversationResult;
  'care.conversation.survey': ConversationResult;
  'care.presence.set': { entries: PresenceEntry[] };
  'care.presence.list': { entries: PresenceEntry[] };
  'care.team.get': { teams: Team[]; agents: Agent[]; rules: RoutingRule[] };
  'care.team.saveTeam': { id: number };
  'care.team.saveAgent': { agents: Agent[] };
  'care.routing.save': { rules: RoutingRule[] };
  'care.routing.remove': { rules: RoutingRule[] };
  'care.templates.list': { templates: ReplyTemplate[] };
  'care.templates.save': { id: number };
  'care.templates.approve': { templates: ReplyTemplate[] };
  'care.accounts.list': { accounts: CareAccount[] };
  'care.accounts.save': { accounts: CareAccount[] };
  'care.replies.send': ConversationDetail;
  'care.replies.approve': ConversationDetail;
  'care.replies.retry': ConversationDetail;
  'care.customers.list': { customers: Customer[] };
  'care.customers.get': CustomerViewResult;
  'care.customers.import': { imported: number; linkedConversations: number; errors: { line: number; message: string }[] };
  'care.customers.note': CustomerViewResult;
  'care.kpis': CareKpis;
  'care.settings.get': { settings: CareSettings };
  'care.settings.save': { settings: CareSettings };
}

export interface CareEvents {
  /** Conversations that changed (new posts, actions); upsert by `id`. */
  'care.conversations': { conversations: ConversationSummary[] };
  /** Everyone viewing or replying now; replaces the list. */
  'care.presence': { entries: PresenceEntry[] };
}

export const CARE_EVENT_TOPICS = ['care.conversations', 'care.presence'] as const satisfies readonly (keyof CareEvents)[];
