/**
 * Care as the war room saw it at a moment (replay): the conversations it had heard of by then, the
 * customer posts it had heard, and the history written by then. Read-only; the review's as-of
 * logic (electron/core/review/care-as-of.ts) rebuilds each conversation's state from these rows.
 */
import type { Db } from '../database';
import type { ConversationRow } from './care/rows';

/** A conversation row with when the war room first heard of it. */
export type ConversationAsOfRow = ConversationRow & { first_heard: number };

/** A conversation row with, when retention left it no post, the time its history says it opened. */
export type CandidateAsOfRow = ConversationRow & { opened_without_posts: number | null };

/** What the as-of state needs of one customer post (the text cut to the inbox preview). */
export interface PostAsOfRow {
  conversation_id: number;
  id: number;
  published_at: number;
  heard_at: number;
  urgency: number;
  clout: number;
  sentiment: string;
  sentiment_score: number;
  preview: string;
  intents: string;
}

export interface EventAsOfRow {
  id: number;
  conversation_id: number;
  at: number;
  actor: string;
  kind: string;
  detail: string;
}

/**
 * Heard at the first linked post's `heard_at`; a conversation whose posts retention removed falls
 * back to its "opened" history line. Drill conversations never take part in a replay.
 * `opened_at` (the first post's publication) is at most a day before the first hearing, as ingest
 * accepts posts dated up to a day ahead: that bound spares the sub-queries for later conversations.
 */
const FIRST_HEARD = `COALESCE(
  (SELECT MIN(m.heard_at) FROM care_conversation_mentions l JOIN mentions m ON m.id = l.mention_id WHERE l.conversation_id = c.id),
  (SELECT MIN(e.at) FROM care_events e WHERE e.conversation_id = c.id AND e.kind = 'opened'))`;
const DAY_MS = 86_400_000;

/** The history kinds that change what the inbox shows (notes and reply drafts do not). */
export const STATE_EVENT_KINDS = [
  'routed',
  'claimed',
  'released',
  'assigned',
  'status',
  'reopened',
  'escalated',
  'de-escalated',
  'moved-private',
  'resolved',
  'reply-sent',
  'reply-sent-by-hand',
  'tagged',
  'untagged',
] as const;

export function recordCareQueries(db: Db) {
  // The candidates: whether one was heard of by `at` is known from its posts heard by then
  // (postsAsOf), so only a conversation without any stored post needs its "opened" line here.
  const candidates = db.prepare<{ before: number }, CandidateAsOfRow>(`
    SELECT c.*, CASE WHEN EXISTS (SELECT 1 FROM care_conversation_mentions l WHERE l.conversation_id = c.id) THEN NULL
      ELSE (SELECT MIN(e.at) FROM care_events e WHERE e.conversation_id = c.id AND e.kind = 'opened') END AS opened_without_posts
    FROM care_conversations c WHERE c.drill_run_id IS NULL AND c.opened_at <= @before`);
  const conversation = db.prepare<{ id: number; at: number }, ConversationAsOfRow>(`
    SELECT * FROM (SELECT c.*, ${FIRST_HEARD} AS first_heard FROM care_conversations c WHERE c.id = @id AND c.drill_run_id IS NULL)
    WHERE first_heard <= @at`);
  const POST_COLUMNS = `l.conversation_id, m.id, m.published_at, m.heard_at, m.urgency, m.clout, m.sentiment, m.sentiment_score,
    substr(m.text, 1, 280) AS preview, m.intents`;
  // Every post linked to a non-drill conversation that was heard by `at`, in the order heard.
  const posts = db.prepare<{ at: number }, PostAsOfRow>(`
    SELECT ${POST_COLUMNS} FROM mentions m JOIN care_conversation_mentions l ON l.mention_id = m.id
    JOIN care_conversations c ON c.id = l.conversation_id AND c.drill_run_id IS NULL
    WHERE m.heard_at <= @at ORDER BY m.heard_at, m.published_at, m.id`);
  const postsOf = db.prepare<{ id: number; at: number }, PostAsOfRow>(`
    SELECT ${POST_COLUMNS} FROM care_conversation_mentions l JOIN mentions m ON m.id = l.mention_id
    WHERE l.conversation_id = @id AND m.heard_at <= @at ORDER BY m.heard_at, m.published_at, m.id`);
  const kinds = `(${STATE_EVENT_KINDS.map((k) => `'${k}'`).join(', ')})`;
  const stateEvents = db.prepare<{ at: number }, EventAsOfRow>(
    `SELECT * FROM care_events WHERE at <= @at AND kind IN ${kinds} ORDER BY conversation_id, at, id`,
  );
  const eventsOf = db.prepare<{ id: number; at: number }, EventAsOfRow>('SELECT * FROM care_events WHERE conversation_id = @id AND at <= @at ORDER BY at, id');

  return {
    /**
     * The non-drill conversations that may have been heard of by `at`: it was if one of its posts
     * was heard by then, or, with no post stored, if `opened_without_posts <= at`.
     */
    candidatesAsOf(at: number): CandidateAsOfRow[] {
      return candidates.all({ before: at + DAY_MS });
    },
    /** One conversation if it was heard of by `at` (and is not a drill's). */
    conversationAsOf(id: number, at: number): ConversationAsOfRow | null {
      return conversation.get({ id, at }) ?? null;
    },
    /** The customer posts of every non-drill conversation heard by `at`, in the order heard. */
    postsAsOf(at: number): PostAsOfRow[] {
      return posts.all({ at });
    },
    postsOfAsOf(id: number, at: number): PostAsOfRow[] {
      return postsOf.all({ id, at });
    },
    /** The state-changing history written by `at`, grouped by conversation, oldest first. */
    stateEventsAsOf(at: number): EventAsOfRow[] {
      return stateEvents.all({ at });
    },
    /** One conversation's whole history written by `at` (notes included), oldest first. */
    eventsOfAsOf(id: number, at: number): EventAsOfRow[] {
      return eventsOf.all({ id, at });
    },
  };
}
