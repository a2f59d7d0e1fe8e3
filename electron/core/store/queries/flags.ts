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
  const allMinutes = db.prepare(`SELECT ${minuteOf} AS minute, COUNT(*) AS total, SUM(m.sentiment = 'negative') AS negative
    FROM mention_flags f JOIN mentions m ON m.id = f.mention_id WHERE ${IN_FORCE} AND m.published_at >= ? AND m.published_at < ? GROUP BY minute`);
  const topicMinutes = db.prepare(`SELECT ${minuteOf} AS minute, COUNT(*) AS total, SUM(m.sentiment = 'negative') AS negative
    FROM mention_flags f JOIN mentions m ON m.id = f.mention_id JOIN mention_topics t ON t.mention_id = m.id AND t.topic_id = ?
    WHERE ${IN_FORCE} AND m.published_at >= ? AND m.published_at < ? GROUP BY minute`);
  const reasonsAll = db.prepare(`SELECT f.reason AS reason, COUNT(*) AS posts FROM mention_flags f JOIN mentions m ON m.id = f.mention_id
    WHERE ${IN_FORCE} AND m.published_at >= ? AND m.published_at < ? GROUP BY f.reason ORDER BY posts DESC`);
  const reasonsTopic = db.prepare(`SELECT f.reason AS reason, COUNT(*) AS posts FROM mention_flags f JOIN mentions m ON m.id = f.mention_id
    JOIN mention_topics t ON t.mention_id = m.id AND t.topic_id = ? WHERE ${IN_FORCE} AND m.published_at >= ? AND m.published_at < ? GROUP BY f.reason ORDER BY posts DESC`);

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
      return (topicId === null ? allMinutes.all(from, end) : topicMinutes.all(topicId, from, end)) as MinuteCounts[];
    },
    /** Flagged posts in force over [from, to), by reason ("marked by a person" where no detector reason). */
    reasons(topicId: number | null, from: number, to: number): Array<{ reason: string; posts: number }> {
      const rows = (topicId === null ? reasonsAll.all(from, to) : reasonsTopic.all(topicId, from, to)) as Array<{ reason: string | null; posts: number }>;
      return rows.map((r) => ({ reason: r.reason ?? 'marked as spam by a person', posts: r.posts }));
    },
  };
}
