/**
 * The one registry of tables derived from mentions. Each entry says how its rows follow the posts
 * they come from: how to forget the rows of a set of mentions that are about to go, and how to
 * rebuild its rollups for the minutes (or authors, stories) those mentions touched, or from
 * nothing. Retention, drill cleanup and bundle workspaces all go through `removeMentions` and
 * `rebuildAll`, so a new derived table is one new entry here (and a schema test fails until the
 * entry exists: tests/unit/core/store/derived-tables.test.ts).
 *
 * Minute rollups are rebuilt one minute at a time over `published_at` ranges, so each rebuild uses
 * the published index instead of scanning every mention for a computed minute.
 */
import { ALL_MENTIONS_TOPIC } from '@shared/domain/emotion';
import type { Db } from '../database';
import { REPOST_SQL } from './stories';

/** How a table's rows follow the mentions they derive from. */
export type DerivedFollows =
  /** A foreign key to mentions with ON DELETE CASCADE: its rows go with the mention by themselves. */
  | 'cascade'
  /** The external-content full-text index: told each removed post's exact text before the row goes. */
  | 'full-text'
  /** Kept up to date by a trigger on mentions (the schema test checks the trigger is there). */
  | 'trigger'
  /** Counts per minute: rebuilt for every minute a removed post was published in. */
  | 'minute-rollup'
  /** Counts per author profile: recounted for every author of a removed post. */
  | 'author-rollup'
  /** Counts per story: recounted for every story a removed post was in; an empty story goes. */
  | 'story-rollup'
  /** The running count of stored mentions. */
  | 'counter';

/** Why mentions are removed: a drill's posts leave no trace; retention keeps people's history. */
export type RemovalReason = 'drill' | 'retention';

export interface DerivedContext {
  /** The trending terms one post contributes (understanding's term extraction, handed in: the store layer sits below it). */
  termsOf(text: string): readonly string[];
}

export interface DerivedTable {
  table: string;
  follows: DerivedFollows;
  /** What the rows hold, and anything a reader of the registry should know about them. */
  note: string;
  /** Removal reasons that leave this table as it is, with why (absent: every removal updates it). */
  keptOn?: { reason: RemovalReason; why: string };
  /** Forgets what these mentions contributed, before the mentions are deleted. */
  forget?(scope: RemovalScope): void;
  /** Rebuilds what the removed mentions touched, after they are deleted; returns how many rollup rows went (net). */
  rebuild?(scope: RemovalScope, context: DerivedContext): number | void;
  /** Rebuilds the whole table from the stored mentions (a fresh workspace); absent: the table cannot be rebuilt by SQL. */
  rebuildAll?(context: DerivedContext): void;
  /** Drops rollup rows of time buckets before `before` (retention), whether or not a post is left in them. */
  pruneBefore?(before: number): number;
}

/** What a removal touches, gathered before the mentions go. */
export interface RemovalScope {
  /** JSON array of the mention ids. */
  ids: string;
  /** Minute keys the mentions were published in, ascending. */
  minutes: number[];
  authors: Array<{ platform: string; handle: string }>;
  stories: number[];
  removed: number;
}

export interface RemovedMentions {
  mentions: number;
  /** Rollup rows that went with them (rows cleared minus rows rebuilt). */
  rollupRows: number;
  /** Minute keys whose rollups were rebuilt, ascending. */
  minutes: number[];
}

/** Trending terms count every mention under topic 0 (understanding/trends.ts ALL_TOPICS) as well as under each of its topics. */
const ALL_TOPICS = 0;
const SENTIMENT_SUMS = `COUNT(*), SUM(m.sentiment = 'positive'), SUM(m.sentiment = 'neutral'), SUM(m.sentiment = 'negative'), SUM(COALESCE(m.author_followers, 0))`;
const EMOTION_SUMS = `SUM(m.emotion = 'anger'), SUM(m.emotion = 'joy'), SUM(m.emotion = 'optimism'), SUM(m.emotion = 'sadness')`;

export type DerivedQueries = ReturnType<typeof derivedQueries>;

export function derivedQueries(db: Db) {
  const inMinute = 'm.published_at >= @minute AND m.published_at < @minute + 60000';
  const minuteOf = '(m.published_at / 60000) * 60000';

  // Rollups keyed (topic_id, minute, …) are cleared one minute at a time through their primary key:
  // naming every topic (0 and each topic's id) turns the delete into index seeks instead of a scan.
  const EVERY_TOPIC = `topic_id IN (SELECT ${ALL_TOPICS} UNION SELECT id FROM topics)`;

  /**
   * A per-minute rollup rebuilt from `insert` (an INSERT … SELECT of the table's columns for the
   * mentions matching `where`); `keyedByTopic` when its primary key starts with topic_id.
   */
  function minuteRollup(table: string, note: string, insert: (where: string) => string, keyedByTopic = false): DerivedTable {
    const clearMinute = db.prepare(`DELETE FROM ${table} WHERE ${keyedByTopic ? `${EVERY_TOPIC} AND ` : ''}minute = ?`);
    const fillMinute = db.prepare(insert(inMinute));
    const clearAll = db.prepare(`DELETE FROM ${table}`);
    const fillAll = db.prepare(insert('1'));
    const prune = db.prepare(`DELETE FROM ${table} WHERE minute < ?`);
    return {
      table,
      follows: 'minute-rollup',
      note,
      rebuild(scope) {
        let gone = 0;
        for (const minute of scope.minutes) gone += clearMinute.run(minute).changes - fillMinute.run({ minute }).changes;
        return gone;
      },
      rebuildAll() {
        clearAll.run();
        fillAll.run();
      },
      pruneBefore: (before) => prune.run(before).changes,
    };
  }

  const cascade = (table: string, note: string): DerivedTable => ({ table, follows: 'cascade', note });

  // --- the full-text index
  const ftsForget = db.prepare(
    "INSERT INTO mentions_fts(mentions_fts, rowid, text) SELECT 'delete', id, text FROM mentions WHERE id IN (SELECT value FROM json_each(?))",
  );
  const ftsRebuild = db.prepare("INSERT INTO mentions_fts(mentions_fts) VALUES ('rebuild')");

  // --- trending terms: extraction is code, so the rows are counted here and written in one upsert each
  const termsClearMinute = db.prepare(`DELETE FROM term_minute WHERE ${EVERY_TOPIC} AND minute = ?`);
  const termsClearAll = db.prepare('DELETE FROM term_minute');
  const termsPrune = db.prepare('DELETE FROM term_minute WHERE minute < ?');
  const termsPostsSql = (where: string) => `
    SELECT ${minuteOf} AS minute, m.text AS text, (SELECT json_group_array(topic_id) FROM mention_topics WHERE mention_id = m.id) AS topics
    FROM mentions m WHERE ${where}`;
  const termsPostsInMinute = db.prepare(termsPostsSql(inMinute));
  const termsPostsAll = db.prepare(termsPostsSql('1'));
  const termsAdd = db.prepare(`
    INSERT INTO term_minute (topic_id, minute, term, count) VALUES (@topicId, @minute, @term, @count)
    ON CONFLICT (topic_id, minute, term) DO UPDATE SET count = count + excluded.count`);
  /** Counts the posts' terms and writes them; returns how many rows were written. */
  function countTerms(posts: Iterable<{ minute: number; text: string; topics: string }>, context: DerivedContext): number {
    const counts = new Map<string, { topicId: number; minute: number; term: string; count: number }>();
    for (const post of posts) {
      const topics = [ALL_TOPICS, ...(JSON.parse(post.topics) as number[])];
      for (const term of context.termsOf(post.text)) {
        for (const topicId of topics) {
          const key = `${topicId}\u0000${post.minute}\u0000${term}`;
          const t = counts.get(key);
          if (t) t.count++;
          else counts.set(key, { topicId, minute: post.minute, term, count: 1 });
        }
      }
    }
    for (const t of counts.values()) termsAdd.run(t);
    return counts.size;
  }

  // --- author hours: the delete trigger keeps them; a fresh workspace fills them once
  const authorHoursClear = db.prepare('DELETE FROM author_hour');
  const authorHoursFill = db.prepare(`
    INSERT INTO author_hour (hour, platform, handle, mentions, negative, followers, verified, name, last_at)
    SELECT published_at - published_at % 3600000, platform, author_handle, COUNT(*), SUM(sentiment = 'negative'),
      MAX(COALESCE(author_followers, 0)), MAX(author_verified), MAX(author_name), MAX(published_at)
    FROM mentions GROUP BY 1, 2, 3`);

  // --- author profiles
  const authorRecount = db.prepare(`
    SELECT COUNT(*) AS mentions, COALESCE(SUM(sentiment = 'positive'), 0) AS positive, COALESCE(SUM(sentiment = 'neutral'), 0) AS neutral,
      COALESCE(SUM(sentiment = 'negative'), 0) AS negative, COALESCE(SUM(COALESCE(likes, 0)), 0) AS likes,
      COALESCE(SUM(COALESCE(reposts, 0)), 0) AS reposts, COALESCE(SUM(COALESCE(replies, 0)), 0) AS replies,
      MIN(published_at) AS firstSeen, MAX(published_at) AS lastSeen
    FROM mentions WHERE platform = ? AND author_handle = ?`);
  const authorUpdate = db.prepare(`
    UPDATE authors SET mentions = @mentions, positive = @positive, neutral = @neutral, negative = @negative,
      likes = @likes, reposts = @reposts, replies = @replies, engagement = @likes + 2 * @reposts + @replies,
      first_seen = @firstSeen, last_seen = @lastSeen
    WHERE platform = @platform AND handle = @handle`);
  const authorRemove = db.prepare('DELETE FROM authors WHERE platform = ? AND handle = ?');

  // --- stories
  const storyRemoveEmpty = db.prepare(
    'DELETE FROM stories WHERE id IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM mention_stories WHERE story_id = stories.id)',
  );
  const storyRecount = db.prepare(`
    UPDATE stories SET (size, reposts, reach, positive, neutral, negative, first_at, last_at) = (
      SELECT COUNT(*), SUM(${REPOST_SQL}), SUM(COALESCE(m.author_followers, 0)), SUM(m.sentiment = 'positive'), SUM(m.sentiment = 'neutral'),
        SUM(m.sentiment = 'negative'), MIN(m.published_at), MAX(m.published_at)
      FROM mention_stories ms JOIN mentions m ON m.id = ms.mention_id WHERE ms.story_id = stories.id)
    WHERE id IN (SELECT value FROM json_each(?))`);

  // --- the mention counter
  const countDrop = db.prepare("UPDATE counters SET value = MAX(0, value - ?) WHERE name = 'mentions'");
  const countSet = db.prepare("UPDATE counters SET value = (SELECT COUNT(*) FROM mentions) WHERE name = 'mentions'");

  const TABLES: readonly DerivedTable[] = [
    cascade('mention_topics', 'which topics a post matched'),
    cascade('mention_flags', 'spam flags and the overrides people gave'),
    cascade('mention_stories', 'which story a post belongs to'),
    cascade('sentiment_corrections', 'label corrections (their mention goes, so do they)'),
    cascade('care_conversation_mentions', "a conversation's posts; the conversation and its history stay"),
    {
      table: 'mentions_fts',
      follows: 'full-text',
      note: 'external-content FTS5 index of the post text',
      forget: (scope) => void ftsForget.run(scope.ids),
      rebuildAll: () => void ftsRebuild.run(),
    },
    minuteRollup(
      'volume_minute',
      'posts, sentiment and reach per minute and source',
      (where) => `
      INSERT INTO volume_minute (minute, source_id, total, positive, neutral, negative, reach)
      SELECT ${minuteOf}, m.source_id, ${SENTIMENT_SUMS} FROM mentions m WHERE ${where} GROUP BY 1, 2`,
    ),
    minuteRollup(
      'volume_topic_minute',
      'posts, sentiment and reach per minute and topic',
      (where) => `
      INSERT INTO volume_topic_minute (minute, topic_id, total, positive, neutral, negative, reach)
      SELECT ${minuteOf}, mt.topic_id, ${SENTIMENT_SUMS} FROM mention_topics mt JOIN mentions m ON m.id = mt.mention_id WHERE ${where} GROUP BY 1, 2`,
    ),
    minuteRollup(
      'emotion_minute',
      'emotions per minute, under topic 0 (every post) and each topic',
      (where) => `
      INSERT INTO emotion_minute (minute, topic_id, anger, joy, optimism, sadness)
      SELECT ${minuteOf}, ${ALL_MENTIONS_TOPIC}, ${EMOTION_SUMS} FROM mentions m WHERE ${where} AND m.emotion <> 'unknown' GROUP BY 1
      UNION ALL
      SELECT ${minuteOf}, mt.topic_id, ${EMOTION_SUMS} FROM mention_topics mt JOIN mentions m ON m.id = mt.mention_id
      WHERE ${where} AND m.emotion <> 'unknown' GROUP BY 1, 2`,
      true,
    ),
    {
      table: 'term_minute',
      follows: 'minute-rollup',
      note: 'trending terms per minute, under topic 0 and each topic',
      rebuild(scope, context) {
        let gone = 0;
        for (const minute of scope.minutes) {
          gone += termsClearMinute.run(minute).changes;
          gone -= countTerms(termsPostsInMinute.iterate({ minute }) as IterableIterator<{ minute: number; text: string; topics: string }>, context);
        }
        return gone;
      },
      rebuildAll(context) {
        termsClearAll.run();
        countTerms(termsPostsAll.iterate() as IterableIterator<{ minute: number; text: string; topics: string }>, context);
      },
      pruneBefore: (before) => termsPrune.run(before).changes,
    },
    {
      table: 'author_hour',
      follows: 'trigger',
      note: "each author's posts per hour (author_hour_on_delete recounts an hour when one of its posts goes)",
      rebuildAll() {
        authorHoursClear.run();
        authorHoursFill.run();
      },
    },
    {
      table: 'authors',
      follows: 'author-rollup',
      note: 'author profiles with lifetime counts; one left with no post is removed',
      keptOn: { reason: 'retention', why: "a profile is the person's history (watchlists point at it); retention forgets posts, not people" },
      rebuild(scope) {
        for (const a of scope.authors) {
          const counts = authorRecount.get(a.platform, a.handle) as { mentions: number } & Record<string, number | null>;
          if (counts.mentions === 0) authorRemove.run(a.platform, a.handle);
          else authorUpdate.run({ ...counts, platform: a.platform, handle: a.handle });
        }
      },
    },
    {
      table: 'stories',
      follows: 'story-rollup',
      note: 'near-duplicate stories with running counts; grouping needs the live index, so a workspace has none',
      rebuild(scope) {
        if (scope.stories.length === 0) return;
        const ids = JSON.stringify(scope.stories);
        storyRemoveEmpty.run(ids);
        storyRecount.run(ids);
      },
    },
    {
      table: 'counters',
      follows: 'counter',
      note: "the 'mentions' counter, so counting never scans the table",
      rebuild: (scope) => void countDrop.run(scope.removed),
      rebuildAll: () => void countSet.run(),
    },
  ];

  // --- gathering what a removal touches
  const minutesOf = db.prepare(`SELECT DISTINCT ${minuteOf} FROM mentions m WHERE m.id IN (SELECT value FROM json_each(?)) ORDER BY 1`).pluck();
  const authorsOf = db.prepare('SELECT DISTINCT platform, author_handle AS handle FROM mentions WHERE id IN (SELECT value FROM json_each(?))');
  const storiesOf = db.prepare('SELECT DISTINCT story_id FROM mention_stories WHERE mention_id IN (SELECT value FROM json_each(?)) ORDER BY 1').pluck();
  const deleteMentions = db.prepare('DELETE FROM mentions WHERE id IN (SELECT value FROM json_each(?))');

  const applies = (t: DerivedTable, reason: RemovalReason): boolean => t.keptOn?.reason !== reason;

  return {
    /** The registry itself: every derived table and how it follows the mentions. */
    tables(): ReadonlyArray<Pick<DerivedTable, 'table' | 'follows' | 'note' | 'keptOn'>> {
      return TABLES.map(({ table, follows, note, keptOn }) => (keptOn ? { table, follows, note, keptOn } : { table, follows, note }));
    },
    /**
     * Removes these mentions with everything derived from them and rebuilds the rollups they
     * touched from the posts that remain. Call inside the caller's transaction.
     */
    removeMentions(mentionIds: readonly number[], reason: RemovalReason, context: DerivedContext): RemovedMentions {
      if (mentionIds.length === 0) return { mentions: 0, rollupRows: 0, minutes: [] };
      const ids = JSON.stringify(mentionIds);
      const scope: RemovalScope = {
        ids,
        minutes: minutesOf.all(ids) as number[],
        authors: authorsOf.all(ids) as Array<{ platform: string; handle: string }>,
        stories: storiesOf.all(ids) as number[],
        removed: 0,
      };
      for (const t of TABLES) if (applies(t, reason)) t.forget?.(scope);
      scope.removed = deleteMentions.run(ids).changes;
      let rollupRows = 0;
      for (const t of TABLES) {
        if (!applies(t, reason)) continue;
        const gone = t.rebuild?.(scope, context);
        if (typeof gone === 'number') rollupRows += gone;
      }
      return { mentions: scope.removed, rollupRows, minutes: scope.minutes };
    },
    /** Rebuilds every table that can be rebuilt from the stored mentions (a freshly filled workspace). */
    rebuildAll(context: DerivedContext): void {
      for (const t of TABLES) t.rebuildAll?.(context);
    },
    /** Drops the per-minute rollups of minutes before `before`; returns how many rows went. */
    pruneBefore(before: number): number {
      return TABLES.reduce((n, t) => n + (t.pruneBefore?.(before) ?? 0), 0);
    },
  };
}
