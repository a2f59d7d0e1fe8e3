/**
 * Grouping's reads and writes, run inside the ingest transaction: which conversation a new post
 * belongs to, opening a conversation, and adding a post to one.
 */
import type { ConversationStatus } from '../../../../../shared/domain/care';
import type { MentionSentiment, Platform } from '../../../../../shared/domain/mention';
import type { Db } from '../../database';

interface CandidateRow {
  id: number;
  status: string;
  topic_ids: string;
  intents: string;
  last_activity_at: number;
}

export interface GroupingRow {
  id: number;
  status: ConversationStatus;
  topicIds: number[];
  intents: string[];
  lastActivityAt: number;
}

function toCandidate(r: CandidateRow): GroupingRow {
  return { id: r.id, status: r.status as ConversationStatus, topicIds: JSON.parse(r.topic_ids) as number[], intents: JSON.parse(r.intents) as string[], lastActivityAt: r.last_activity_at };
}

export interface NewConversation {
  platform: Platform;
  sourceId: string;
  authorKey: string;
  authorHandle: string;
  authorName: string | null;
  preview: string;
  urgency: number;
  sentiment: MentionSentiment;
  sentimentScore: number | null;
  clout: number;
  lang: string | null;
  intents: string[];
  topicIds: number[];
  segment: string | null;
  openedAt: number;
  mentionId: number;
  customerId: number | null;
}

export function groupingQueries(db: Db) {
  const insertConversation = db.prepare(`
    INSERT INTO care_conversations (status, platform, source_id, author_key, author_handle, author_name, preview, urgency,
      sentiment, sentiment_first, sentiment_last, clout, lang, intents, topic_ids, segment, mention_count, opened_at,
      last_activity_at, waiting_since, waiting_mention_id, customer_id)
    VALUES ('new', @platform, @sourceId, @authorKey, @authorHandle, @authorName, @preview, @urgency,
      @sentiment, @sentimentScore, @sentimentScore, @clout, @lang, @intents, @topicIds, @segment, 1, @openedAt,
      @openedAt, @openedAt, @mentionId, @customerId)`);
  const linkMention = db.prepare('INSERT OR IGNORE INTO care_conversation_mentions (mention_id, conversation_id, platform, external_id) VALUES (?, ?, ?, ?)');
  const byExternal = db.prepare<[string, string], { conversation_id: number }>(
    'SELECT conversation_id FROM care_conversation_mentions WHERE platform = ? AND external_id = ? LIMIT 1',
  );
  const replyByExternal = db.prepare<[string, string], { conversation_id: number }>(
    'SELECT conversation_id FROM care_replies WHERE platform = ? AND external_id = ? LIMIT 1',
  );
  // Grouping reads only what it decides on: wide rows cost more to build than the look-up itself.
  const CANDIDATE_COLUMNS = 'id, status, topic_ids, intents, last_activity_at';
  const candidate = db.prepare<[number], CandidateRow>(`SELECT ${CANDIDATE_COLUMNS} FROM care_conversations WHERE id = ?`);
  const byAuthor = db.prepare<[string, number], CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS} FROM care_conversations WHERE author_key = ? AND last_activity_at >= ? ORDER BY last_activity_at DESC LIMIT 20`,
  );
  const addToConversation = db.prepare(`
    UPDATE care_conversations SET
      mention_count = mention_count + 1,
      preview = CASE WHEN @publishedAt >= last_activity_at THEN @preview ELSE preview END,
      sentiment = CASE WHEN @publishedAt >= last_activity_at THEN @sentiment ELSE sentiment END,
      sentiment_last = CASE WHEN @publishedAt >= last_activity_at AND @sentimentScore IS NOT NULL THEN @sentimentScore ELSE sentiment_last END,
      last_activity_at = MAX(last_activity_at, @publishedAt),
      urgency = MAX(urgency, @urgency),
      clout = MAX(clout, @clout),
      lang = COALESCE(lang, @lang),
      intents = @intents,
      topic_ids = @topicIds,
      segment = COALESCE(@segment, segment),
      waiting_since = COALESCE(waiting_since, @publishedAt),
      waiting_mention_id = COALESCE(waiting_mention_id, @mentionId),
      status = CASE WHEN @reopen = 1 THEN 'new' WHEN status = 'waiting-on-customer' THEN CASE WHEN assignee IS NULL THEN 'new' ELSE 'assigned' END ELSE status END,
      resolved_at = CASE WHEN @reopen = 1 THEN NULL ELSE resolved_at END,
      resolution = CASE WHEN @reopen = 1 THEN NULL ELSE resolution END
    WHERE id = @id`);

  return {
    create(c: NewConversation): number {
      const info = insertConversation.run({
        ...c,
        intents: JSON.stringify(c.intents),
        topicIds: JSON.stringify(c.topicIds),
      });
      return Number(info.lastInsertRowid);
    },
    linkMention(mentionId: number, conversationId: number, platform: string, externalId: string): void {
      linkMention.run(mentionId, conversationId, platform, externalId);
    },
    /** The conversation holding the post (or our reply) with this platform id, if any. */
    findByExternalId(platform: string, externalId: string): number | null {
      return byExternal.get(platform, externalId)?.conversation_id ?? replyByExternal.get(platform, externalId)?.conversation_id ?? null;
    },
    /** The grouping candidate with this id (only the fields grouping decides on). */
    candidate(id: number): GroupingRow | null {
      const row = candidate.get(id);
      return row ? toCandidate(row) : null;
    },
    recentByAuthor(authorKey: string, since: number): GroupingRow[] {
      return byAuthor.all(authorKey, since).map(toCandidate);
    },
    addMention(p: {
      id: number;
      mentionId: number;
      publishedAt: number;
      preview: string;
      sentiment: MentionSentiment;
      sentimentScore: number | null;
      urgency: number;
      clout: number;
      lang: string | null;
      intents: string[];
      topicIds: number[];
      segment: string | null;
      reopen: boolean;
    }): void {
      addToConversation.run({ ...p, intents: JSON.stringify(p.intents), topicIds: JSON.stringify(p.topicIds), reopen: p.reopen ? 1 : 0 });
    },
  };
}
