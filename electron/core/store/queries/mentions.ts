import type { EmotionScores, MentionEmotion } from '@shared/domain/emotion';
import type { Mention, MentionSentiment, Platform } from '@shared/domain/mention';
import type { TopAuthor } from '@shared/domain/volume';
import type { Db } from '../database';
import { topAuthorsQueries } from './top-authors';

/** A scored mention ready to store: a `Mention` before the database gives it an id and topic tags. */
export type MentionRow = Omit<Mention, 'id' | 'topicIds'>;

export interface StoredRow {
  id: number;
  source_id: string;
  external_id: string;
  platform: string;
  text: string;
  url: string | null;
  lang: string | null;
  published_at: number;
  ingested_at: number;
  author_handle: string;
  author_name: string | null;
  author_followers: number | null;
  author_verified: number;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  reply_to: string | null;
  sentiment: string;
  sentiment_score: number;
  sentiment_confidence: number;
  emotion: string;
  emotion_scores: string | null;
  intents: string;
  clout: number;
  urgency: number;
  /** JSON array from `mention_topics`, selected with every mention (see MENTION_COLUMNS). */
  topic_ids: string | null;
  episode: string | null;
  heard_at: number;
  drill_run_id: number | null;
}

/** Every mention column plus its topic ids; use as `SELECT ${MENTION_COLUMNS} FROM mentions m`. */
export const MENTION_COLUMNS = `m.*, (SELECT json_group_array(topic_id) FROM mention_topics WHERE mention_id = m.id) AS topic_ids`;

export function toMention(r: StoredRow): Mention {
  return {
    id: r.id,
    sourceId: r.source_id,
    externalId: r.external_id,
    platform: r.platform as Platform,
    text: r.text,
    url: r.url,
    lang: r.lang,
    publishedAt: r.published_at,
    ingestedAt: r.ingested_at,
    authorHandle: r.author_handle,
    authorName: r.author_name,
    authorFollowers: r.author_followers,
    authorVerified: r.author_verified === 1,
    likes: r.likes,
    reposts: r.reposts,
    replies: r.replies,
    replyTo: r.reply_to,
    sentiment: r.sentiment as MentionSentiment,
    sentimentScore: r.sentiment_score,
    sentimentConfidence: r.sentiment_confidence,
    emotion: r.emotion as MentionEmotion,
    emotionScores: r.emotion_scores ? (JSON.parse(r.emotion_scores) as EmotionScores) : null,
    intents: JSON.parse(r.intents) as string[],
    clout: r.clout,
    urgency: r.urgency,
    topicIds: r.topic_ids ? (JSON.parse(r.topic_ids) as number[]) : [],
    episode: r.episode,
    heardAt: r.heard_at,
    drillRunId: r.drill_run_id,
  };
}

/** A row just stored under this id, as `toMention` would read it back (topic tags come later in the batch). */
function storedMention(id: number, r: MentionRow): Mention {
  return {
    id,
    sourceId: r.sourceId,
    externalId: r.externalId,
    platform: r.platform,
    text: r.text,
    url: r.url,
    lang: r.lang,
    publishedAt: r.publishedAt,
    ingestedAt: r.ingestedAt,
    authorHandle: r.authorHandle,
    authorName: r.authorName,
    authorFollowers: r.authorFollowers,
    authorVerified: r.authorVerified,
    likes: r.likes,
    reposts: r.reposts,
    replies: r.replies,
    replyTo: r.replyTo,
    sentiment: r.sentiment,
    sentimentScore: r.sentimentScore,
    sentimentConfidence: r.sentimentConfidence,
    emotion: r.emotion ?? 'unknown',
    emotionScores: r.emotionScores ?? null,
    intents: [...r.intents],
    clout: r.clout,
    urgency: r.urgency,
    topicIds: [],
    episode: r.episode,
    heardAt: r.heardAt,
    drillRunId: r.drillRunId,
  };
}

/** The grain of the per-author rollup (author_hour). */
const HOUR_MS = 3_600_000;

export type MentionQueries = ReturnType<typeof mentionQueries>;

export function mentionQueries(db: Db) {
  const insert = db.prepare(`
    INSERT INTO mentions (source_id, external_id, platform, text, url, lang, published_at, ingested_at,
      author_handle, author_name, author_followers, author_verified, likes, reposts, replies, reply_to,
      sentiment, sentiment_score, sentiment_confidence, emotion, emotion_scores, intents, clout, urgency, episode, heard_at, drill_run_id)
    VALUES (@sourceId, @externalId, @platform, @text, @url, @lang, @publishedAt, @ingestedAt,
      @authorHandle, @authorName, @authorFollowers, @authorVerified, @likes, @reposts, @replies, @replyTo,
      @sentiment, @sentimentScore, @sentimentConfidence, @emotion, @emotionScores, @intents, @clout, @urgency, @episode, @heardAt, @drillRunId)
    ON CONFLICT (source_id, external_id) DO NOTHING`);
  const maxId = db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM mentions').pluck();
  const fillFts = db.prepare('INSERT INTO mentions_fts(rowid, text) SELECT id, text FROM mentions WHERE id > ?');
  const bumpCount = db.prepare("UPDATE counters SET value = value + ? WHERE name = 'mentions'");
  const count = db.prepare("SELECT value FROM counters WHERE name = 'mentions'").pluck();
  const recent = db.prepare(`SELECT ${MENTION_COLUMNS} FROM mentions m ORDER BY published_at DESC, id DESC LIMIT ?`);
  const byIds = db.prepare(`SELECT ${MENTION_COLUMNS} FROM mentions m WHERE id IN (SELECT value FROM json_each(?)) ORDER BY published_at DESC, id DESC`);
  // One upsert per (hour, author) per batch, aggregated by SQLite from the rows just inserted, so
  // the maxima compare exactly as the reads' MAX() does.
  const addAuthorHours = db.prepare(`
    INSERT INTO author_hour (hour, platform, handle, mentions, negative, followers, verified, name, last_at)
    SELECT published_at - published_at % ${HOUR_MS}, platform, author_handle, COUNT(*), SUM(sentiment = 'negative'),
      MAX(COALESCE(author_followers, 0)), MAX(author_verified), MAX(author_name), MAX(published_at)
    FROM mentions WHERE id > ? GROUP BY 1, 2, 3
    ON CONFLICT (hour, platform, handle) DO UPDATE SET
      mentions = mentions + excluded.mentions,
      negative = negative + excluded.negative,
      followers = MAX(followers, excluded.followers),
      verified = MAX(verified, excluded.verified),
      name = CASE WHEN name IS NULL OR excluded.name > name THEN excluded.name ELSE name END,
      last_at = MAX(last_at, excluded.last_at)`);
  const top = topAuthorsQueries(db);
  const searchCount = db.prepare('SELECT COUNT(*) FROM mentions_fts WHERE mentions_fts MATCH ?').pluck();

  return {
    /**
     * Stores a batch; the caller wraps it in the transaction that also moves the source's cursor.
     * Returns the rows that were new (duplicates by (source, external id) are ignored).
     */
    insertMany(rows: readonly MentionRow[]): Mention[] {
      const before = maxId.get() as number;
      const stored: Mention[] = [];
      for (const row of rows) {
        const info = insert.run({
          ...row,
          authorVerified: row.authorVerified ? 1 : 0,
          intents: JSON.stringify(row.intents),
          emotion: row.emotion ?? 'unknown',
          emotionScores: row.emotionScores ? JSON.stringify(row.emotionScores) : null,
        });
        // The stored mention is the row as written (reading it back cost half the insert): no trigger or default changes it.
        if (info.changes > 0) stored.push(storedMention(Number(info.lastInsertRowid), row));
      }
      if (stored.length === 0) return [];
      // Ids only grow within our single-writer transaction, so "id > before" is exactly this batch.
      fillFts.run(before);
      addAuthorHours.run(before);
      bumpCount.run(stored.length);
      return stored;
    },
    count(): number {
      return count.get() as number;
    },
    recent(limit: number): Mention[] {
      return (recent.all(limit) as StoredRow[]).map(toMention);
    },
    byIds(ids: readonly number[]): Mention[] {
      return (byIds.all(JSON.stringify(ids)) as StoredRow[]).map(toMention);
    },
    /** Authors of the mentions published in [from, to], the most followed first (top-authors.ts says how). */
    topAuthors(from: number, to: number, limit: number): TopAuthor[] {
      return top.topAuthors(from, to, limit);
    },
    /** Number of mentions whose text matches an FTS5 query. */
    countMatching(ftsQuery: string): number {
      return searchCount.get(ftsQuery) as number;
    },
  };
}
