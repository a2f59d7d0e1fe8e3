import type { MinuteBucket } from '@shared/domain/volume';
import type { Db } from '../database';

/** One source's contribution to one minute, summed per batch before it touches the table. */
export interface MinuteIncrement extends MinuteBucket {
  sourceId: string;
}

export type VolumeQueries = ReturnType<typeof volumeQueries>;

export function volumeQueries(db: Db) {
  const upsert = db.prepare(`
    INSERT INTO volume_minute (minute, source_id, total, positive, neutral, negative, reach)
    VALUES (@minute, @sourceId, @total, @positive, @neutral, @negative, @reach)
    ON CONFLICT (minute, source_id) DO UPDATE SET
      total = total + excluded.total,
      positive = positive + excluded.positive,
      neutral = neutral + excluded.neutral,
      negative = negative + excluded.negative,
      reach = reach + excluded.reach`);
  const range = db.prepare(`
    SELECT minute, SUM(total) AS total, SUM(positive) AS positive, SUM(neutral) AS neutral,
      SUM(negative) AS negative, SUM(reach) AS reach
    FROM volume_minute WHERE minute >= ? AND minute <= ?
    GROUP BY minute ORDER BY minute`);
  const minutes = db.prepare(`
    SELECT minute, SUM(total) AS total, SUM(positive) AS positive, SUM(neutral) AS neutral,
      SUM(negative) AS negative, SUM(reach) AS reach
    FROM volume_minute WHERE minute IN (SELECT value FROM json_each(?))
    GROUP BY minute ORDER BY minute`);

  return {
    add(increments: Iterable<MinuteIncrement>): void {
      for (const inc of increments) upsert.run(inc);
    },
    /** All-source buckets with minute in [from, to]; minutes with nothing are absent. */
    range(from: number, to: number): MinuteBucket[] {
      return range.all(from, to) as MinuteBucket[];
    },
    /** All-source buckets for exactly these minutes, for pushing what a batch changed. */
    minutes(keys: readonly number[]): MinuteBucket[] {
      return minutes.all(JSON.stringify(keys)) as MinuteBucket[];
    },
  };
}
