/**
 * The inbox as the war room saw it at a moment (`review.careQueue`, `review.careConversation`).
 *
 * A conversation's row holds only its state now, so its state at `at` is rebuilt by replaying, in
 * time order, the customer posts heard by then and the append-only history written by then
 * (care-history.ts); the reads come from store.recordCare, one prepared statement each.
 */
import type { CareReply, ConversationDetail, ConversationEvent, ConversationStatus, ConversationSummary } from '@shared/domain/care';
import { customerBrandScore } from '@shared/logic/care/brand-score';
import { ApiError } from '../api/api-error';
import type { StoredReply } from '../store/queries/care';
import type { EventAsOfRow } from '../store/queries/record-care';
import type { Store } from '../store/store';
import { applyEvent, conversationAt, type HistoryMemory, type HistoryState } from './care-history';

export type CareQueueSort = 'urgency' | 'newest' | 'waiting';

export interface CareQueueFilter {
  /** Empty or absent: every status but resolved (as the live inbox). */
  statuses?: ConversationStatus[] | undefined;
  /** A name, or null for unassigned. */
  assignee?: string | null | undefined;
  topicId?: number | undefined;
  sentiment?: string | undefined;
}

export interface CareQueueAsOf {
  items: ConversationSummary[];
  /** Conversations matching the filter at `at` (the list holds the first `limit`). */
  total: number;
  serverTime: number;
}

/** The queue at `at`: the conversations heard of by then, in their state then, filtered and sorted as the live inbox. */
export function careQueueAt(store: Store, at: number, filter: CareQueueFilter, sort: CareQueueSort, limit: number): CareQueueAsOf {
  const matches = statusFilter(filter.statuses);
  const items: ConversationSummary[] = [];
  for (const c of conversationsAt(store, at)) {
    if (!matches(c.status)) continue;
    if (filter.assignee !== undefined && c.assignee !== filter.assignee) continue;
    if (filter.topicId !== undefined && !c.topicIds.includes(filter.topicId)) continue;
    if (filter.sentiment !== undefined && c.sentiment !== filter.sentiment) continue;
    items.push(c);
  }
  items.sort(SORTS[sort]);
  return { items: items.slice(0, limit), total: items.length, serverTime: at };
}

/** Every (non-drill) conversation heard of by `at`, each in its state then. */
export function conversationsAt(store: Store, at: number): ConversationSummary[] {
  const q = store.recordCare;
  const agents = store.care.agents();
  const posts = groupBy(q.postsAsOf(at), (p) => p.conversation_id);
  const events = groupBy(q.stateEventsAsOf(at), (e) => e.conversation_id);
  const heard: ConversationSummary[] = [];
  for (const row of q.candidatesAsOf(at)) {
    const own = posts.get(row.id);
    if (own || (row.opened_without_posts !== null && row.opened_without_posts <= at))
      heard.push(conversationAt(row, own ?? [], events.get(row.id) ?? [], agents));
  }
  return heard;
}

/**
 * Who held each conversation and its team at `at`, from the history alone (posts do not change
 * them): for the care KPIs per agent and per team at a moment. A conversation without an
 * assignment line by then was nobody's. `today` gives the holder now, for a name the history's
 * text does not let us read.
 */
export function assignmentsAt(store: Store, at: number, today: (id: number) => string | null): Map<number, Pick<HistoryState, 'assignee' | 'teamId'>> {
  const agents = store.care.agents();
  const result = new Map<number, Pick<HistoryState, 'assignee' | 'teamId'>>();
  for (const [id, events] of groupBy(store.recordCare.stateEventsAsOf(at), (e) => e.conversation_id)) {
    const state: HistoryState = {
      status: 'new',
      assignee: null,
      teamId: null,
      tags: [],
      waitingSince: null,
      firstResponseAt: null,
      resolvedAt: null,
      resolution: null,
      privateChannel: null,
    };
    const memory: HistoryMemory = { lastEscalator: null, fallbackAssignee: today(id), fallbackChannel: null };
    for (const event of events) applyEvent(state, event, agents, memory);
    result.set(id, { assignee: state.assignee, teamId: state.teamId });
  }
  return result;
}

/** One conversation's thread at `at`: posts heard, history and replies written by then. */
export function careConversationAt(store: Store, at: number, id: number): ConversationDetail {
  const q = store.recordCare;
  const row = q.conversationAsOf(id, at);
  if (!row) throw new ApiError('not-found', `no conversation ${id} had been heard of at ${new Date(at).toISOString()}`);
  const posts = q.postsOfAsOf(id, at);
  const history = q.eventsOfAsOf(id, at);
  const conversation = conversationAt(row, posts, history, store.care.agents());
  const heard = new Set(posts.map((p) => p.id));
  const mentions = store.mentions
    .byIds(posts.slice(-500).map((p) => p.id))
    .filter((m) => heard.has(m.id))
    .sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id);
  return {
    conversation,
    mentions,
    events: history.map(toEvent),
    replies: store.care
      .replies(id)
      .filter((r) => r.createdAt <= at)
      .map((r) => replyAt(r, history, at)),
    customer: row.customer_id === null ? null : customerOf(store, row.customer_id),
  };
}

/**
 * A reply as it stood at `at`. Sent by then: as stored. Not yet sent: waiting for approval,
 * rejected or approved as the history says by then, failed if a failure was recorded by then.
 */
function replyAt(r: StoredReply, history: readonly EventAsOfRow[], at: number): CareReply {
  const { replyToMentionId: _r, ...reply } = r;
  if (r.sentAt !== null && r.sentAt <= at) return reply;
  const since = history.filter((e) => e.at >= r.createdAt);
  const decision = since.find((e) => (e.kind === 'reply-approved' || e.kind === 'reply-rejected') && e.detail.includes(`${r.author}'s reply`));
  const neededApproval = r.approvedBy !== null || r.status === 'pending-approval' || r.status === 'rejected';
  let status: CareReply['status'] = neededApproval
    ? decision
      ? decision.kind === 'reply-approved'
        ? 'approved'
        : 'rejected'
      : 'pending-approval'
    : 'approved';
  const failed = since.some((e) => e.kind === 'reply-failed');
  if (status === 'approved' && failed && r.error !== null) status = 'failed';
  return {
    ...reply,
    status,
    approvedBy: status === 'pending-approval' ? null : reply.approvedBy,
    externalId: null,
    externalUrl: null,
    error: status === 'failed' ? reply.error : null,
    sentAt: null,
  };
}

function toEvent(e: EventAsOfRow): ConversationEvent {
  return { id: e.id, conversationId: e.conversation_id, at: e.at, actor: e.actor, kind: e.kind, detail: e.detail };
}

/** Today's CRM record (not versioned), scored over today's conversations as the live inbox does. */
function customerOf(store: Store, customerId: number): ConversationDetail['customer'] {
  const c = store.care.customer(customerId);
  if (!c) return null;
  const conversations = store.care.byCustomer(c.id);
  const clout = conversations.reduce((m, x) => Math.max(m, x.clout), 0);
  const mentions = conversations.reduce((s, x) => s + x.mentionCount, 0);
  return { ...c, brandScore: customerBrandScore({ lifetimeValue: c.lifetimeValue, clout, mentions }) };
}

function statusFilter(statuses: readonly ConversationStatus[] | undefined): (s: ConversationStatus) => boolean {
  if (!statuses || statuses.length === 0) return (s) => s !== 'resolved';
  const set = new Set(statuses);
  return (s) => set.has(s);
}

const SORTS: Record<CareQueueSort, (a: ConversationSummary, b: ConversationSummary) => number> = {
  urgency: (a, b) => b.urgency - a.urgency || b.id - a.id,
  newest: (a, b) => b.lastActivityAt - a.lastActivityAt || b.id - a.id,
  waiting: (a, b) => (a.waitingSince ?? Number.MAX_SAFE_INTEGER) - (b.waitingSince ?? Number.MAX_SAFE_INTEGER) || b.id - a.id,
};

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
