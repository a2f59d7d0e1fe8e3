/**
 * The rules that rebuild a conversation's state at a moment from what was recorded by then: its
 * customer posts as grouping applied them, and each history line as the care code applied the
 * change it records (electron/core/care/conversation-actions.ts, replies, grouping and routing).
 * Who was assigned is read back from the history's text, which names the person; a name that
 * cannot be read there keeps the row's current value.
 */
import type { Agent, ConversationStatus, ConversationSummary, PrivateChannel } from '@shared/domain/care';
import { CONVERSATION_STATUSES } from '@shared/domain/care';
import type { MentionSentiment } from '@shared/domain/mention';
import { toConversation, toSummary, type ConversationRow } from '../store/queries/care/rows';
import type { EventAsOfRow, PostAsOfRow } from '../store/queries/record-care';

const PREVIEW_CHARS = 280;
const CHANNELS: ReadonlyArray<[string, PrivateChannel]> = [
  ['a direct message', 'dm'],
  ['a phone call', 'phone'],
  ['e-mail', 'email'],
];

/**
 * Replays a conversation's posts and history up to `at`. Ties go to the posts first: the history
 * line a post causes (opened, routed, reopened by the customer) is written in the same instant.
 */
export function conversationAt(
  row: ConversationRow,
  posts: readonly PostAsOfRow[],
  events: readonly EventAsOfRow[],
  agents: readonly TeamMember[],
): ConversationSummary {
  const today = toSummary(toConversation(row));
  const c: ConversationSummary = {
    ...today,
    status: 'new',
    assignee: null,
    teamId: null,
    tags: [],
    waitingSince: posts.length === 0 ? today.openedAt : null,
    firstResponseAt: null,
    resolvedAt: null,
    resolution: null,
    privateChannel: null,
  };
  if (posts.length > 0) {
    c.mentionCount = 0;
    c.urgency = 0;
    c.clout = 0;
    c.intents = [];
    c.lastActivityAt = -Infinity;
  }
  const memory: HistoryMemory = { lastEscalator: null, fallbackAssignee: today.assignee, fallbackChannel: today.privateChannel };
  let p = 0;
  let e = 0;
  while (p < posts.length || e < events.length) {
    const post = posts[p];
    const event = events[e];
    if (post && (!event || post.heard_at <= event.at)) {
      joinPost(c, post);
      p += 1;
    } else if (event) {
      applyEvent(c, event, agents, memory);
      e += 1;
    }
  }
  if (c.lastActivityAt === -Infinity) c.lastActivityAt = today.lastActivityAt;
  return c;
}

/** What the history has shaped by a moment: the fields its lines change. */
export type HistoryState = Pick<
  ConversationSummary,
  'status' | 'assignee' | 'teamId' | 'tags' | 'waitingSince' | 'firstResponseAt' | 'resolvedAt' | 'resolution' | 'privateChannel'
>;

/** What replaying a history needs to remember between lines, and today's values for names it cannot read. */
export interface HistoryMemory {
  lastEscalator: string | null;
  fallbackAssignee: string | null;
  fallbackChannel: PrivateChannel | null;
}

export type TeamMember = Pick<Agent, 'name' | 'teamId'>;

/** One history line, applied as the care code applied the change it records. */
export function applyEvent(c: HistoryState, event: EventAsOfRow, agents: readonly TeamMember[], memory: HistoryMemory): void {
  const teamOf = (name: string | null): number | null => (name === null ? null : (agents.find((a) => a.name === name)?.teamId ?? null));
  switch (event.kind) {
    case 'routed': {
      const team = /^to team #(\d+)/.exec(event.detail);
      if (team) {
        c.teamId = Number(team[1]);
        c.assignee = null;
        c.status = 'new';
      } else {
        c.assignee = nameAfter(event.detail, 'to ', agents) ?? memory.fallbackAssignee;
        c.teamId = teamOf(c.assignee) ?? c.teamId;
        c.status = 'assigned';
      }
      break;
    }
    case 'claimed':
      c.assignee = event.actor;
      if (c.status === 'new' || c.status === 'waiting-on-customer') c.status = 'assigned';
      break;
    case 'released':
      c.assignee = null;
      if (c.status === 'assigned') c.status = 'new';
      break;
    case 'assigned': {
      const to =
        event.detail === `${event.actor} unassigned it` ? null : (nameAfter(event.detail, `${event.actor} assigned it to `, agents) ?? memory.fallbackAssignee);
      c.assignee = to;
      c.teamId = teamOf(to) ?? c.teamId;
      if (c.status !== 'escalated' && c.status !== 'waiting-on-customer') c.status = to === null ? 'new' : 'assigned';
      break;
    }
    case 'status': {
      const status = /set the status to (\S+)$/.exec(event.detail)?.[1];
      if (status && (CONVERSATION_STATUSES as readonly string[]).includes(status)) c.status = status as ConversationStatus;
      break;
    }
    case 'reopened':
      // The customer writing again already reopened it with their post (see joinPost).
      if (c.status === 'resolved') reopen(c, c.assignee === null ? 'new' : 'assigned');
      break;
    case 'escalated':
      memory.lastEscalator = event.actor;
      c.assignee = nameAfter(event.detail, `${event.actor} escalated it to `, agents) ?? memory.fallbackAssignee;
      c.teamId = teamOf(c.assignee) ?? c.teamId;
      c.status = 'escalated';
      break;
    case 'de-escalated':
      c.assignee = memory.lastEscalator;
      c.status = memory.lastEscalator === null ? 'new' : 'assigned';
      break;
    case 'moved-private':
      c.privateChannel = CHANNELS.find(([name]) => event.detail.includes(`moved it to ${name}`))?.[1] ?? memory.fallbackChannel;
      responded(c, event.at, false);
      break;
    case 'reply-sent':
    case 'reply-sent-by-hand':
      responded(c, event.at, true);
      break;
    case 'resolved':
      c.status = 'resolved';
      c.resolvedAt = event.at;
      c.resolution = c.privateChannel === null ? 'public' : 'private';
      c.waitingSince = null;
      break;
    case 'tagged':
    case 'untagged': {
      const tag = /"(.*)"$/s.exec(event.detail)?.[1];
      if (tag === undefined) break;
      c.tags = event.kind === 'tagged' ? [...new Set([...c.tags, tag])].sort() : c.tags.filter((t) => t !== tag);
      break;
    }
  }
}

/** A customer post joining the conversation, as grouping writes it. */
function joinPost(c: ConversationSummary, post: PostAsOfRow): void {
  const first = c.mentionCount === 0;
  if (!first && c.status === 'resolved') reopen(c, 'new');
  else if (c.status === 'waiting-on-customer') c.status = c.assignee === null ? 'new' : 'assigned';
  c.mentionCount += 1;
  if (post.published_at >= c.lastActivityAt) {
    c.preview = post.preview.slice(0, PREVIEW_CHARS);
    c.sentiment = post.sentiment as MentionSentiment;
  }
  c.lastActivityAt = Math.max(c.lastActivityAt, post.published_at);
  c.urgency = Math.max(c.urgency, post.urgency);
  c.clout = Math.max(c.clout, post.clout);
  c.intents = [...new Set([...c.intents, ...(JSON.parse(post.intents) as string[])])];
  c.waitingSince ??= post.published_at;
}

function reopen(c: HistoryState, status: ConversationStatus): void {
  c.status = status;
  c.resolvedAt = null;
  c.resolution = null;
}

/** A reply reached the customer (or the conversation moved to a private channel): nobody is waiting any more. */
function responded(c: HistoryState, at: number, reply: boolean): void {
  c.firstResponseAt ??= at;
  c.waitingSince = null;
  if (reply && (c.status === 'new' || c.status === 'assigned')) c.status = 'waiting-on-customer';
}

/**
 * The person named right after `prefix` in a history line. Known team members are matched whole
 * (a name may hold spaces or brackets); otherwise the name runs to the first " (" or ": ".
 */
function nameAfter(detail: string, prefix: string, agents: readonly TeamMember[]): string | null {
  if (!detail.startsWith(prefix)) return null;
  const rest = detail.slice(prefix.length);
  const known = agents
    .map((a) => a.name)
    .filter((n) => rest.startsWith(n) && (rest.length === n.length || rest[n.length] === ' ' || rest[n.length] === ':'))
    .sort((a, b) => b.length - a.length)[0];
  if (known !== undefined) return known;
  const cut = /^(.+?)(?: \(|: |$)/s.exec(rest);
  return cut?.[1] ?? null;
}
