/** Spam and coordination flags: the detector's reasons, people's overrides, and what alert counts leave out. */
import type { MentionFlag } from '@shared/domain/mention-flag';
import type { MinuteCounts } from '@shared/logic/alerts/series';
import type { Db } from '../database';

/** A flag in force: a person said spam, or the detector did and nobody said otherwise. */
const IN_FORCE = '(f.override = 1 OR (f.override IS NULL AND f.reason IS NOT NULL))';

interface FlagRow {
  mention_id: number;
  reason: string | null;
  flagged_at: number;
  override: number | null;
  override_by: string | null;
  override_at: number | null;
}

function toFlag(r: FlagRow): MentionFlag {
  const override = r.override === null ? null : r.override === 1;
  return {
    mentionId: r.mention_id,
    reason: r.reason,
    flaggedAt: r.flagged_at,
    override,
    overrideBy: r.override_by,
    overrideAt: r.override_at,
    spam: override ?? r.reason !== null,
  };
}

export type FlagQueries = ReturnType<typeof flagQueries>;

export function flagQueries(db: Db) {
  // A later reason does not replace the first: the first pattern a post was caught in explains it.
  const flag = db.prepare(
    'INSERT INTO mention_flags (mention_id, reason, flagged_at) VALUES (?, ?, ?) ON CONFLICT(mention_id) DO UPDATE SET reason = COALESCE(reason, excluded.reason)',
  );
  const override =
    db.prepare(`INSERT INTO mention_flags (mention_id, reason, flagged_at, override, override_by, override_at) VALUES (@id, NULL, @at, @value, @by, @at)
    ON CONFLICT(mention_id) DO UPDATE SET override = @value, override_by = @by, override_at = @at`);
  const one = db.prepare('SELECT * FROM mention_flags WHERE mention_id = ?');
  const of = db.prepare('SELECT * FROM mention_flags WHERE mention_id IN (SELECT value FROM json_each(?))');
  const minuteOf = '(m.published_at / 60000) * 60000';
  // Two ways into the same answer. Flags are a small share of posts (at 10 M, 19,000 of them), so
  // over a long window reading every flag and looking up its post by id beats probing the flags
  // for every post in the window: 8 days at 10 M took 1.4–3.3 s that way (15 s for a topic), and
  // blocked the core's first alert tick; flag-first 0.05–0.13 s. Over a short window, or a folder
  // where nearly everything is flagged, the posts' time index is the cheaper start: the choice is
  // made per call from the two sizes (`fromFlags`). CROSS JOIN fixes SQLite's join order.
  const minuteSql = (fromFlags: boolean, topic: boolean) =>
    `SELECT ${minuteOf} AS minute, COUNT(*) AS total, SUM(m.sentiment = 'negative') AS negative
    FROM mention_flags f ${fromFlags ? 'CROSS JOIN' : 'JOIN'} mentions m ON m.id = f.mention_id
    ${topic ? `${fromFlags ? 'CROSS JOIN' : 'JOIN'} mention_topics t ON t.mention_id = m.id AND t.topic_id = @topic` : ''}
    WHERE ${IN_FORCE} AND m.published_at >= @from AND m.published_at < @to GROUP BY minute`;
  const reasonsSql = (fromFlags: boolean, topic: boolean) =>
    `SELECT f.reason AS reason, COUNT(*) AS posts FROM mention_flags f ${fromFlags ? 'CROSS JOIN' : 'JOIN'} mentions m ON m.id = f.mention_id
    ${topic ? `${fromFlags ? 'CROSS JOIN' : 'JOIN'} mention_topics t ON t.mention_id = m.id AND t.topic_id = @topic` : ''}
    WHERE ${IN_FORCE} AND m.published_at >= @from AND m.published_at < @to GROUP BY f.reason ORDER BY posts DESC`;
  const both = (sql: (fromFlags: boolean, topic: boolean) => string) => ({
    fromPosts: { all: db.prepare(sql(false, false)), topic: db.prepare(sql(false, true)) },
    fromFlags: { all: db.prepare(sql(true, false)), topic: db.prepare(sql(true, true)) },
  });
  const minutes = both(minuteSql);
  const reasonsBy = both(reasonsSql);
  // The two sizes the choice weighs: every flag (a count over the small table), and the window's
  // posts from the minute rollup (whatever their topic: the posts' index reads them all).
  const flagCount = db.prepare('SELECT COUNT(*) FROM mention_flags').pluck();
  const postsIn = db.prepare('SELECT COALESCE(SUM(total), 0) FROM volume_minute WHERE minute >= ? AND minute < ?').pluck();
  const run = (statements: typeof minutes, topicId: number | null, from: number, to: number): unknown[] => {
    const way = fromFlags(from, to) ? statements.fromFlags : statements.fromPosts;
    return topicId === null ? way.all.all({ from, to }) : way.topic.all({ topic: topicId, from, to });
  };
  /** True when reading every flag is cheaper than reading the window's posts. */
  const fromFlags = (from: number, to: number): boolean => (flagCount.get() as number) < (postsIn.get(from, to) as number);

  return {
    flag(mentionId: number, reason: string, at: number): void {
      flag.run(mentionId, reason, at);
    },
    /** A person's word: true spam, false not spam, null back to the detector's. */
    override(mentionId: number, value: boolean | null, by: string, at: number): MentionFlag {
      override.run({ id: mentionId, value: value === null ? null : value ? 1 : 0, by, at });
      return toFlag(one.get(mentionId) as FlagRow);
    },
    get(mentionId: number): MentionFlag | null {
      const row = one.get(mentionId) as FlagRow | undefined;
      return row ? toFlag(row) : null;
    },
    of(mentionIds: readonly number[]): MentionFlag[] {
      return (of.all(JSON.stringify(mentionIds)) as FlagRow[]).map(toFlag);
    },
    /** Per minute, the flagged posts in force over [from, to] (minutes, inclusive like the rollups). */
    minuteCounts(topicId: number | null, from: number, to: number): MinuteCounts[] {
      const end = to + 60_000;
      return run(minutes, topicId, from, end) as MinuteCounts[];
    },
    /** Flagged posts in force over [from, to), by reason ("marked by a person" where no detector reason). */
    reasons(topicId: number | null, from: number, to: number): Array<{ reason: string; posts: number }> {
      const rows = run(reasonsBy, topicId, from, to) as Array<{ reason: string | null; posts: number }>;
      return rows.map((r) => ({ reason: r.reason ?? 'marked as spam by a person', posts: r.posts }));
    },
    /** Whether a call over [from, to) starts from the flags (else from the window's posts); tests check both plans. */
    startsFromFlags(from: number, to: number): boolean {
      return fromFlags(from, to);
    },
  };
}
