/**
 * Social customer care: conversations worked in the inbox, the team that works them, replies,
 * customers from the CRM, and the figures the care KPIs are computed from.
 */
import type { Mention, MentionSentiment, Platform } from './mention';
import type { TriageReason } from '../logic/care/needs-reply';

export const CONVERSATION_STATUSES = ['new', 'assigned', 'waiting-on-customer', 'escalated', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** Where a public conversation was taken when it went private. */
export const PRIVATE_CHANNELS = ['dm', 'phone', 'email'] as const;
export type PrivateChannel = (typeof PRIVATE_CHANNELS)[number];

export const AGENT_ROLES = ['agent', 'lead', 'pr-legal'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

/** One row of the inbox: enough to triage without opening the conversation. */
export interface ConversationSummary {
  id: number;
  status: ConversationStatus;
  assignee: string | null;
  teamId: number | null;
  platform: Platform;
  sourceId: string;
  authorHandle: string;
  authorName: string | null;
  /** The newest customer post, cut for the list. */
  preview: string;
  /** The highest urgency (0–100) among the conversation's mentions. */
  urgency: number;
  /** The newest customer post's sentiment. */
  sentiment: MentionSentiment;
  clout: number;
  lang: string | null;
  intents: string[];
  topicIds: number[];
  tags: string[];
  segment: string | null;
  mentionCount: number;
  openedAt: number;
  lastActivityAt: number;
  /** Since when the customer has been waiting for an answer; null once answered. */
  waitingSince: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  resolution: 'public' | 'private' | null;
  privateChannel: PrivateChannel | null;
  /** The CRM customer linked by handle, if any. */
  customerId: number | null;
  /** Whether the team owes an answer (decided at ingest, changed by agents): the default queue and the KPIs count only these. */
  needsReply: boolean;
  /** Why (see shared/logic/care/needs-reply.ts); 'unclassified' for conversations opened before triage existed. */
  triageReason: TriageReason | 'unclassified';
  /** The crisis drill that injected it (shown with a DRILL mark); null for real conversations. */
  drillRunId: number | null;
}

/** The append-only history of a conversation: who did what, when. */
export interface ConversationEvent {
  id: number;
  conversationId: number;
  at: number;
  /** An agent's name, or "system" for grouping and routing. */
  actor: string;
  kind: string;
  /** Human-readable detail (reason, tag, note text, reply text…). */
  detail: string;
}

export interface CareReply {
  id: number;
  conversationId: number;
  author: string;
  text: string;
  templateId: number | null;
  /** How it goes out: through a platform account, or by hand (copied and posted by the agent). */
  channel: 'mastodon' | 'bluesky' | 'manual';
  accountId: number | null;
  status: 'pending-approval' | 'approved' | 'sent' | 'sent-by-hand' | 'failed' | 'rejected';
  approvedBy: string | null;
  externalId: string | null;
  externalUrl: string | null;
  error: string | null;
  createdAt: number;
  sentAt: number | null;
}

export interface ConversationDetail {
  conversation: ConversationSummary;
  mentions: Mention[];
  events: ConversationEvent[];
  replies: CareReply[];
  customer: Customer | null;
}

export interface Team {
  id: number;
  name: string;
}

export interface Agent {
  name: string;
  role: AgentRole;
  teamId: number | null;
  /** Conversations the agent can hold open at once; routing skips agents at capacity. */
  capacity: number;
  active: boolean;
  /** Open (not resolved) conversations assigned now. */
  load: number;
}

/** Which conversations a routing rule applies to; every field given must match. */
export interface RoutingMatch {
  topicIds?: number[];
  intents?: string[];
  languages?: string[];
  segments?: string[];
  minClout?: number;
  sentiments?: MentionSentiment[];
}

export interface RoutingRule {
  id: number;
  name: string;
  position: number;
  enabled: boolean;
  match: RoutingMatch;
  /** round-robin / least-load among a team's agents, or straight to a team's lead. */
  strategy: 'round-robin' | 'least-load' | 'lead';
  teamId: number;
}

export interface ReplyTemplate {
  id: number;
  name: string;
  body: string;
  approvedBy: string | null;
  approvedAt: number | null;
  createdAt: number;
}

/** A platform account replies are sent from. Its token or app password lives in the secret store. */
export interface CareAccount {
  id: number;
  platform: 'mastodon' | 'bluesky';
  name: string;
  /** Mastodon instance or Bluesky PDS base URL. */
  baseUrl: string;
  /** Bluesky: the handle or DID used to log in; Mastodon: the account's handle (for display). */
  identifier: string;
  hasSecret: boolean;
}

export interface Customer {
  id: number;
  crmId: string;
  name: string;
  handles: string[];
  lifetimeValue: number;
  tier: string;
  notes: string;
  /** 0–100, see `customerBrandScore`. */
  brandScore: number;
  importedAt: number;
}

export interface PresenceEntry {
  conversationId: number;
  agent: string;
  activity: 'viewing' | 'replying';
  /** Server time the entry was last refreshed; entries expire after `PRESENCE_TTL_MS`. */
  at: number;
}

/** A window refreshes its presence every 10 s; silence for 30 s means it left. */
export const PRESENCE_TTL_MS = 30_000;

/** Business hours for the KPIs' inside/outside split, in the team's local time. */
export interface BusinessHours {
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  startHour: number;
  endHour: number;
  /** The team's offset from UTC in minutes (e.g. 60 for CET). */
  utcOffsetMinutes: number;
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, utcOffsetMinutes: 0 };

export interface CareSettings {
  businessHours: BusinessHours;
  responseTargetMinutes: number;
  /** Same author, same topic: a new post within this many minutes joins the open conversation. */
  groupingWindowMinutes: number;
  /** Replies on these topics wait for a lead's or reviewer's approval. */
  approvalTopicIds: number[];
  /** Opt-in: show per-agent figures ranked. */
  leaderboard: boolean;
  /** The brand's own handles beside its reply accounts (no "@"): their posts never need a reply. */
  brandHandles: string[];
  /** Words that name the brand in text ("kestrel"): a reply between others that names neither these nor a handle is talk, not an ask. */
  brandTerms: string[];
  /** Milliseconds between two replies of one bulk reply, per platform (the platform's posting limit). */
  bulkReplyIntervalMs: { mastodon: number; bluesky: number };
  /**
   * After a resolve on a platform Earshot replies on, ask CSAT (1–5) or NPS (0–10) with this
   * approved template, and read the customer's answer from their replies for `windowDays`. Off by default.
   */
  survey: SurveySettings;
}

export interface SurveySettings {
  kind: 'off' | 'csat' | 'nps';
  templateId: number | null;
  windowDays: number;
}
