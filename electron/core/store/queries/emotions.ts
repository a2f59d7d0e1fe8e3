import type { EmotionMinute } from '@shared/domain/emotion';
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
  const rebuildTopic = db.prepare(`
    INSERT INTO emotion_minute (minute, topic_id, anger, joy, optimism, sadness)
    SELECT (m.published_at / 60000) * 60000, mt.topic_id, SUM(m.emotion = 'anger'), SUM(m.emotion = 'joy'), SUM(m.emotion = 'optimism'), SUM(m.emotion = 'sadness')
    FROM mention_topics mt JOIN mentions m ON m.id = mt.mention_id
    WHERE mt.topic_id = ? AND m.emotion <> 'unknown'
    GROUP BY 1`);
  // As the war room saw it at @at: mentions heard by then, from the mentions themselves.
  const asOfColumns = `(m.published_at / 60000) * 60000 AS minute, SUM(m.emotion = 'anger') AS anger, SUM(m.emotion = 'joy') AS joy,
      SUM(m.emotion = 'optimism') AS optimism, SUM(m.emotion = 'sadness') AS sadness`;
  const asOfAll = db.prepare(`
    SELECT ${asOfColumns}, 0 AS topicId FROM mentions m
    WHERE m.published_at >= @from AND m.published_at < @to AND m.heard_at <= @at AND m.emotion <> 'unknown'
    GROUP BY minute ORDER BY minute`);
  const asOfTopic = db.prepare(`
    SELECT ${asOfColumns}, t.topic_id AS topicId FROM mentions m JOIN mention_topics t ON t.mention_id = m.id AND t.topic_id = @topicId
    WHERE m.published_at >= @from AND m.published_at < @to AND m.heard_at <= @at AND m.emotion <> 'unknown'
    GROUP BY minute ORDER BY minute`);

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
    /** Minutes in [from, to) of the mentions heard by `at` (for replay), one topic or all (null). */
    asOf(topicId: number | null, from: number, to: number, at: number): EmotionMinute[] {
      return (topicId === null ? asOfAll.all({ from, to, at }) : asOfTopic.all({ from, to, at, topicId })) as EmotionMinute[];
    },
    /** A topic's counts are dropped with the topic (topic ids are not reused). */
    removeTopic(topicId: number): void {
      removeTopic.run(topicId);
    },
    /** Recounts one topic from its tagged mentions, after its history was re-tagged. */
    rebuildTopic(topicId: number): void {
      removeTopic.run(topicId);
      rebuildTopic.run(topicId);
    },
  };
}
