/**
 * What topic matching needs from stored history: scanning mentions in id order (backfill and
 * bounded preview scans), FTS5 candidates for a query's text, re-tagging one topic, rebuilding its
 * minute rollups from its tags, and per-topic totals for share of voice.
 */
import type { TopicMinuteBucket } from '@shared/domain/topic';
import type { Db } from '../database';
import { MENTION_COLUMNS, toMention, type StoredRow } from './mentions';
import type { Mention } from '@shared/domain/mention';

/** The columns a query can see, enough to match a stored mention without loading all of it. */
export interface MatchRow {
  id: number;
  text: string;
  authorHandle: string;
  lang: string | null;
  sourceId: string;
  url: string | null;
  platform: string;
}

const MATCH_COLUMNS = 'id, text, author_handle AS authorHandle, lang, source_id AS sourceId, url, platform';

export interface TopicTotals {
  topicId: number;
  total: number;
  positive: number;
  neutral: number;
  negative: number;
  reach: number;
}

export type TopicHistoryQueries = ReturnType<typeof topicHistoryQueries>;

export function topicHistoryQueries(db: Db) {
  const maxId = db.prepare('SELECT COALESCE(MAX(id), 0) FROM mentions').pluck();
  const chunk = db.prepare(`SELECT ${MATCH_COLUMNS} FROM mentions WHERE id > ? AND id <= ? ORDER BY id LIMIT ?`);
  const newestBefore = db.prepare(`SELECT ${MATCH_COLUMNS} FROM mentions WHERE id < ? ORDER BY id DESC LIMIT ?`);
  const ftsCount = db.prepare('SELECT COUNT(*) FROM mentions_fts WHERE mentions_fts MATCH ?').pluck();
  const ftsNewestIds = db.prepare('SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck();
  const ftsCandidatesBefore = db.prepare(`
    SELECT ${MATCH_COLUMNS} FROM mentions
    WHERE id IN (SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?)
    ORDER BY id DESC`);
  const byIdsNewestFirst = db.prepare(`SELECT ${MENTION_COLUMNS} FROM mentions m WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id DESC`);
  const clearTags = db.prepare('DELETE FROM mention_topics WHERE topic_id = ? AND mention_id <= ?');
  const tag = db.prepare('INSERT OR IGNORE INTO mention_topics (mention_id, topic_id) VALUES (?, ?)');
  const clearRollups = db.prepare('DELETE FROM volume_topic_minute WHERE topic_id = ?');
  const rebuildRollups = db.prepare(`
    INSERT INTO volume_topic_minute (minute, topic_id, total, positive, neutral, negative, reach)
    SELECT (m.published_at / 60000) * 60000, mt.topic_id, COUNT(*),
      SUM(m.sentiment = 'positive'), SUM(m.sentiment = 'neutral'), SUM(m.sentiment = 'negative'),
      SUM(COALESCE(m.author_followers, 0))
    FROM mention_topics mt JOIN mentions m ON m.id = mt.mention_id
    WHERE mt.topic_id = ?
    GROUP BY 1`);
  const tagged = db.prepare('SELECT COUNT(*) FROM mention_topics WHERE topic_id = ?').pluck();
  const totals = db.prepare(`
    SELECT topic_id AS topicId, SUM(total) AS total, SUM(positive) AS positive, SUM(neutral) AS neutral,
      SUM(negative) AS negative, SUM(reach) AS reach
    FROM volume_topic_minute WHERE minute >= ? AND minute <= ?
    GROUP BY topic_id`);
  const buckets = db.prepare(`
    SELECT minute, topic_id AS topicId, total, positive, neutral, negative, reach
    FROM volume_topic_minute
    WHERE minute IN (SELECT value FROM json_each(?)) AND topic_id IN (SELECT value FROM json_each(?))
    ORDER BY minute, topic_id`);

  return {
    maxMentionId(): number {
      return maxId.get() as number;
    },
    /** Up to `limit` mentions with after < id <= upTo, oldest id first. */
    chunk(after: number, upTo: number, limit: number): MatchRow[] {
      return chunk.all(after, upTo, limit) as MatchRow[];
    },
    /** Up to `limit` mentions with id < `before`, newest (highest id) first: a page of a newest-first walk. */
    newestBefore(before: number, limit: number): MatchRow[] {
      return newestBefore.all(before, limit) as MatchRow[];
    },
    ftsCount(match: string): number {
      return ftsCount.get(match) as number;
    },
    ftsNewestIds(match: string, limit: number): number[] {
      return ftsNewestIds.all(match, limit) as number[];
    },
    /** Up to `limit` mentions with id < `before` whose text matches `match`, newest first. */
    ftsCandidatesBefore(match: string, before: number, limit: number): MatchRow[] {
      return ftsCandidatesBefore.all(match, before, limit) as MatchRow[];
    },
    /** Full mentions, newest (highest id) first. */
    mentionsByIds(ids: readonly number[]): Mention[] {
      return (byIdsNewestFirst.all(JSON.stringify(ids)) as StoredRow[]).map(toMention);
    },
    /** Drops a topic's tags on mentions up to `upTo` (inclusive). */
    clearTags(topicId: number, upTo: number): number {
      return clearTags.run(topicId, upTo).changes;
    },
    tag(mentionId: number, topicId: number): void {
      tag.run(mentionId, topicId);
    },
    /** Recomputes a topic's minute rollups from its tags; call inside a transaction. */
    rebuildRollups(topicId: number): void {
      clearRollups.run(topicId);
      rebuildRollups.run(topicId);
    },
    taggedCount(topicId: number): number {
      return tagged.get(topicId) as number;
    },
    /** Per-topic sums over minutes in [from, to]; topics with nothing are absent. */
    totals(from: number, to: number): TopicTotals[] {
      return totals.all(from, to) as TopicTotals[];
    },
    /** Current buckets for these minutes × topics (absent where nothing was counted). */
    buckets(minutes: readonly number[], topicIds: readonly number[]): TopicMinuteBucket[] {
      return buckets.all(JSON.stringify(minutes), JSON.stringify(topicIds)) as TopicMinuteBucket[];
    },
  };
}
