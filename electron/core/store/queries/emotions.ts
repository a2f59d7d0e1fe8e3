import type { EmotionMinute } from '../../../../shared/domain/emotion';
import type { Db } from '../database';

export type EmotionQueries = ReturnType<typeof emotionQueries>;

/** Per-minute emotion counts, per topic (topic 0: every mention); summed per batch before they are written. */
export function emotionQueries(db: Db) {
  const upsert = db.prepare(`
    INSERT INTO emotion_minute (minute, topic_id, anger, joy, optimism, sadness)
    VALUES (@minute, @topicId, @anger, @joy, @optimism, @sadness)
    ON CONFLICT (topic_id, minute) DO UPDATE SET
      anger = anger + excluded.anger,
      joy = joy + excluded.joy,
      optimism = optimism + excluded.optimism,
      sadness = sadness + excluded.sadness`);
  const range = db.prepare(`
    SELECT minute, topic_id AS topicId, anger, joy, optimism, sadness
    FROM emotion_minute WHERE topic_id = ? AND minute >= ? AND minute <= ? ORDER BY minute`);
  const totals = db.prepare(`
    SELECT COALESCE(SUM(anger), 0) AS anger, COALESCE(SUM(joy), 0) AS joy, COALESCE(SUM(optimism), 0) AS optimism, COALESCE(SUM(sadness), 0) AS sadness
    FROM emotion_minute WHERE topic_id = ? AND minute >= ? AND minute <= ?`);
  const removeTopic = db.prepare('DELETE FROM emotion_minute WHERE topic_id = ?');

  return {
    add(increments: Iterable<EmotionMinute>): void {
      for (const inc of increments) upsert.run(inc);
    },
    /** One topic's minutes (topic 0: all mentions) in [from, to]; minutes with no emotion are absent. */
    range(topicId: number, from: number, to: number): EmotionMinute[] {
      return range.all(topicId, from, to) as EmotionMinute[];
    },
    /** Counts of each emotion over [from, to] for one topic (0: all mentions). */
    totals(topicId: number, from: number, to: number): Omit<EmotionMinute, 'minute' | 'topicId'> {
      return totals.get(topicId, from, to) as Omit<EmotionMinute, 'minute' | 'topicId'>;
    },
    removeTopic(topicId: number): void {
      removeTopic.run(topicId);
    },
  };
}
