/** Stories: grouping at ingest (insert, link, running totals) and the top stories of a window. */
import type { Platform } from '@shared/domain/mention';
import type { ReachAuthor, StoryView } from '@shared/domain/story';
import type { Db } from '../database';

export interface NewStory {
  firstMentionId: number;
  at: number;
  normalised: string;
  signature: Uint32Array | null;
}

export interface StoryBump {
  storyId: number;
  lastAt: number;
  size: number;
  reposts: number;
  reach: number;
  positive: number;
  neutral: number;
  negative: number;
}

interface TopRow {
  id: number;
  first_mention_id: number;
  first_at: number;
  last_at: number;
  size: number;
  reposts: number;
  reach: number;
  positive: number;
  neutral: number;
  negative: number;
  first_text: string | null;
  first_author: string | null;
  first_platform: string | null;
  in_window: number;
  recent_half: number;
  window_reach: number;
}

/** Reposts and quotes as posts write them: "RT @a:", "MT @a", "“@a: …”". */
export const REPOST_SQL = `(m.text LIKE 'RT @%' OR m.text LIKE 'MT @%' OR m.text LIKE '“@%' OR m.text LIKE '"@%')`;

export type StoryQueries = ReturnType<typeof storyQueries>;

/** Mention-story links per INSERT statement. */
const LINK_ROWS = 200;

export function storyQueries(db: Db) {
  const insert = db.prepare(`INSERT INTO stories (first_mention_id, first_at, last_at, size, reposts, reach, positive, neutral, negative, normalised, signature)
    VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0, ?, ?)`);
  // A batch's links, LINK_ROWS per statement (prepared once per size, parameters reused).
  const linkStatements = new Map<number, ReturnType<Db['prepare']>>();
  const linkParams = new Map<number, number[]>();
  const linkStatement = (rows: number) => {
    let statement = linkStatements.get(rows);
    if (!statement) {
      statement = db.prepare(`INSERT OR IGNORE INTO mention_stories (mention_id, story_id) VALUES ${Array.from({ length: rows }, () => '(?, ?)').join(', ')}`);
      linkStatements.set(rows, statement);
    }
    return statement;
  };
  const bump = db.prepare(`UPDATE stories SET last_at = MAX(last_at, @lastAt), size = size + @size, reposts = reposts + @reposts, reach = reach + @reach,
    positive = positive + @positive, neutral = neutral + @neutral, negative = negative + @negative WHERE id = @storyId`);
  const storyIds = db.prepare('SELECT mention_id, story_id FROM mention_stories WHERE mention_id IN (SELECT value FROM json_each(?))');
  const recent = db.prepare('SELECT id, normalised, signature, last_at FROM stories WHERE last_at >= ? ORDER BY id');
  const topColumns = `s.*, f.text AS first_text, f.author_handle AS first_author, f.platform AS first_platform,
    COUNT(*) AS in_window, SUM(m.published_at >= @half) AS recent_half, SUM(COALESCE(m.author_followers, 0)) AS window_reach`;
  const topAll = db.prepare(`SELECT ${topColumns} FROM mentions m
    JOIN mention_stories ms ON ms.mention_id = m.id JOIN stories s ON s.id = ms.story_id LEFT JOIN mentions f ON f.id = s.first_mention_id
    WHERE m.published_at >= @from AND m.published_at < @to GROUP BY s.id HAVING COUNT(*) >= 2 ORDER BY in_window DESC, window_reach DESC, s.id LIMIT @limit`);
  const topTopic = db.prepare(`SELECT ${topColumns} FROM mentions m JOIN mention_topics t ON t.mention_id = m.id AND t.topic_id = @topicId
    JOIN mention_stories ms ON ms.mention_id = m.id JOIN stories s ON s.id = ms.story_id LEFT JOIN mentions f ON f.id = s.first_mention_id
    WHERE m.published_at >= @from AND m.published_at < @to GROUP BY s.id HAVING COUNT(*) >= 2 ORDER BY in_window DESC, window_reach DESC, s.id LIMIT @limit`);
  const windowAll = db.prepare(
    `SELECT COUNT(*) AS posts, COALESCE(SUM(${REPOST_SQL}), 0) AS reposts FROM mentions m WHERE m.published_at >= ? AND m.published_at < ?`,
  );
  const windowTopic =
    db.prepare(`SELECT COUNT(*) AS posts, COALESCE(SUM(${REPOST_SQL}), 0) AS reposts FROM mentions m JOIN mention_topics t ON t.mention_id = m.id AND t.topic_id = ?
    WHERE m.published_at >= ? AND m.published_at < ?`);
  const authorsAll =
    db.prepare(`SELECT m.author_handle AS handle, m.platform, MAX(COALESCE(m.author_followers, 0)) AS followers, COUNT(*) AS posts FROM mentions m
    WHERE m.published_at >= ? AND m.published_at < ? AND m.author_followers > 0 GROUP BY m.platform, m.author_handle ORDER BY followers DESC LIMIT ?`);
  const authorsTopic =
    db.prepare(`SELECT m.author_handle AS handle, m.platform, MAX(COALESCE(m.author_followers, 0)) AS followers, COUNT(*) AS posts FROM mentions m
    JOIN mention_topics t ON t.mention_id = m.id AND t.topic_id = ?
    WHERE m.published_at >= ? AND m.published_at < ? AND m.author_followers > 0 GROUP BY m.platform, m.author_handle ORDER BY followers DESC LIMIT ?`);

  return {
    insert(story: NewStory): number {
      const sig = story.signature ? Buffer.from(story.signature.buffer, story.signature.byteOffset, story.signature.byteLength) : null;
      return Number(insert.run(story.firstMentionId, story.at, story.at, story.normalised, sig).lastInsertRowid);
    },
    /** Links a batch's mentions to their stories: `pairs` holds mention id, story id, mention id, story id, … */
    linkMany(pairs: readonly number[]): void {
      for (let from = 0; from < pairs.length; from += LINK_ROWS * 2) {
        const n = Math.min(LINK_ROWS, (pairs.length - from) / 2);
        let values = linkParams.get(n);
        if (!values) linkParams.set(n, (values = new Array<number>(n * 2)));
        for (let i = 0; i < n * 2; i++) values[i] = pairs[from + i]!;
        linkStatement(n).run(values);
      }
    },
    bump(b: StoryBump): void {
      bump.run(b);
    },
    /** The story of each of these mentions that has one. */
    storyIdsOf(mentionIds: readonly number[]): Map<number, number> {
      const rows = storyIds.all(JSON.stringify(mentionIds)) as Array<{ mention_id: number; story_id: number }>;
      return new Map(rows.map((r) => [r.mention_id, r.story_id]));
    },
    /** Stories heard from since `since`, to rebuild the in-memory index after a restart. */
    recent(since: number): Array<{ id: number; normalised: string; signature: Uint32Array | null; lastAt: number }> {
      return (recent.all(since) as Array<{ id: number; normalised: string; signature: Buffer | null; last_at: number }>).map((r) => ({
        id: r.id,
        normalised: r.normalised,
        lastAt: r.last_at,
        signature: r.signature ? new Uint32Array(r.signature.buffer.slice(r.signature.byteOffset, r.signature.byteOffset + r.signature.byteLength)) : null,
      }));
    },
    /** The stories with the most posts in [from, to) (of the topic, or of everything), at least 2 posts each. */
    top(topicId: number | null, from: number, to: number, limit: number): StoryView[] {
      const params = { topicId, from, to, half: from + (to - from) / 2, limit };
      const rows = (topicId === null ? topAll.all(params) : topTopic.all(params)) as TopRow[];
      return rows.map((r) => ({
        id: r.id,
        firstMentionId: r.first_mention_id,
        firstAt: r.first_at,
        firstText: r.first_text ?? '',
        firstAuthor: r.first_author ?? '',
        firstPlatform: (r.first_platform ?? 'other') as Platform,
        lastAt: r.last_at,
        size: r.size,
        reposts: r.reposts,
        reach: r.reach,
        sentiment: { positive: r.positive, neutral: r.neutral, negative: r.negative },
        inWindow: r.in_window,
        recentHalf: r.recent_half,
        earlierHalf: r.in_window - r.recent_half,
        windowReach: r.window_reach,
      }));
    },
    window(topicId: number | null, from: number, to: number): { posts: number; reposts: number } {
      return (topicId === null ? windowAll.get(from, to) : windowTopic.get(topicId, from, to)) as { posts: number; reposts: number };
    },
    authorsByReach(topicId: number | null, from: number, to: number, limit: number): ReachAuthor[] {
      return (topicId === null ? authorsAll.all(from, to, limit) : authorsTopic.all(topicId, from, to, limit)) as ReachAuthor[];
    },
  };
}
