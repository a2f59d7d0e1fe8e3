/** A care_conversations row and the two shapes the core hands out: the stored one and the public summary. */
import type { ConversationStatus, ConversationSummary, PrivateChannel } from '@shared/domain/care';
import type { MentionSentiment, Platform } from '@shared/domain/mention';

export interface ConversationRow {
  id: number;
  status: string;
  assignee: string | null;
  team_id: number | null;
  platform: string;
  source_id: string;
  author_key: string;
  author_handle: string;
  author_name: string | null;
  preview: string;
  urgency: number;
  sentiment: string;
  sentiment_first: number | null;
  sentiment_last: number | null;
  clout: number;
  lang: string | null;
  intents: string;
  topic_ids: string;
  tags: string;
  segment: string | null;
  mention_count: number;
  opened_at: number;
  last_activity_at: number;
  waiting_since: number | null;
  waiting_mention_id: number | null;
  first_response_at: number | null;
  resolved_at: number | null;
  resolution: string | null;
  private_channel: string | null;
  customer_id: number | null;
  csat: number | null;
  nps: number | null;
  needs_reply: number;
  triage_reason: string;
  drill_run_id: number | null;
}
export type StoredConversation = ConversationSummary & {
  authorKey: string;
  sentimentFirst: number | null;
  sentimentLast: number | null;
  waitingMentionId: number | null;
  csat: number | null;
  nps: number | null;
};

export function toConversation(r: ConversationRow): StoredConversation {
  return {
    id: r.id,
    status: r.status as ConversationStatus,
    assignee: r.assignee,
    teamId: r.team_id,
    platform: r.platform as Platform,
    sourceId: r.source_id,
    authorKey: r.author_key,
    authorHandle: r.author_handle,
    authorName: r.author_name,
    preview: r.preview,
    urgency: r.urgency,
    sentiment: r.sentiment as MentionSentiment,
    sentimentFirst: r.sentiment_first,
    sentimentLast: r.sentiment_last,
    clout: r.clout,
    lang: r.lang,
    intents: JSON.parse(r.intents) as string[],
    topicIds: JSON.parse(r.topic_ids) as number[],
    tags: JSON.parse(r.tags) as string[],
    segment: r.segment,
    mentionCount: r.mention_count,
    openedAt: r.opened_at,
    lastActivityAt: r.last_activity_at,
    waitingSince: r.waiting_since,
    waitingMentionId: r.waiting_mention_id,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution as 'public' | 'private' | null,
    privateChannel: r.private_channel as PrivateChannel | null,
    customerId: r.customer_id,
    csat: r.csat,
    nps: r.nps,
    needsReply: r.needs_reply === 1,
    triageReason: r.triage_reason as StoredConversation['triageReason'],
    drillRunId: r.drill_run_id,
  };
}

/** The public shape, without the fields only the core uses. */
export function toSummary(c: StoredConversation): ConversationSummary {
  const { authorKey: _k, sentimentFirst: _f, sentimentLast: _l, waitingMentionId: _w, csat: _c, nps: _n, ...summary } = c;
  return summary;
}
