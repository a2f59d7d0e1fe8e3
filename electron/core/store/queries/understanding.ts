/** Sentiment corrections, the per-mention fields the authors hook refines, and term rollups. */
import type { SentimentLabel, MentionSentiment } from '@shared/domain/mention';
import type { Db } from '../database';

export interface SentimentCorrection {
  id: number;
  mentionId: number;
  previousLabel: MentionSentiment;
  label: SentimentLabel;
  correctedBy: string;
  correctedAt: number;
}

/** A correction with what adaptation and evaluation need from its mention. */
export interface CorrectionExample {
  mentionId: number;
  text: string;
  lang: string | null;
  label: SentimentLabel;
}

export interface TermIncrement {
  topicId: number;
  minute: number;
  term: string;
  count: number;
}

export type UnderstandingQueries = ReturnType<typeof understandingQueries>;

export function understandingQueries(db: Db) {
  const setScores = db.prepare('UPDATE mentions SET clout = ?, urgency = ? WHERE id = ?');
  // The score and confidence it replaces are read from the mention before it is relabelled.
  const insertCorrection = db.prepare(`
    INSERT INTO sentiment_corrections (mention_id, previous_label, label, corrected_by, corrected_at, previous_score, previous_confidence)
    SELECT @mentionId, @previous, @label, @by, @at, sentiment_score, sentiment_confidence FROM mentions WHERE id = @mentionId`);
  const setSentiment = db.prepare('UPDATE mentions SET sentiment = ?, sentiment_score = ?, sentiment_confidence = 1 WHERE id = ?');
  const latestCorrection = db.prepare(`
    SELECT id, mention_id AS mentionId, previous_label AS previousLabel, label, corrected_by AS correctedBy, corrected_at AS correctedAt
    FROM sentiment_corrections WHERE mention_id = ? ORDER BY id DESC LIMIT 1`);
  const recentCorrections = db.prepare(`
    SELECT id, mention_id AS mentionId, previous_label AS previousLabel, label, corrected_by AS correctedBy, corrected_at AS correctedAt
    FROM sentiment_corrections ORDER BY id DESC LIMIT ?`);
  const examples = db.prepare(`
    SELECT c.mention_id AS mentionId, m.text, m.lang, c.label
    FROM sentiment_corrections c JOIN mentions m ON m.id = c.mention_id
    WHERE c.id = (SELECT MAX(id) FROM sentiment_corrections x WHERE x.mention_id = c.mention_id)
    ORDER BY c.id`);
  const moveMinute = db.prepare(`
    UPDATE volume_minute SET
      positive = positive + (@to = 'positive') - (@from = 'positive'),
      neutral = neutral + (@to = 'neutral') - (@from = 'neutral'),
      negative = negative + (@to = 'negative') - (@from = 'negative')
    WHERE minute = @minute AND source_id = @sourceId`);
  const moveTopicMinutes = db.prepare(`
    UPDATE volume_topic_minute SET
      positive = positive + (@to = 'positive') - (@from = 'positive'),
      neutral = neutral + (@to = 'neutral') - (@from = 'neutral'),
      negative = negative + (@to = 'negative') - (@from = 'negative')
    WHERE minute = @minute AND topic_id IN (SELECT topic_id FROM mention_topics WHERE mention_id = @mentionId)`);
  const topicBuckets = db.prepare(`
    SELECT minute, topic_id AS topicId, total, positive, neutral, negative, reach FROM volume_topic_minute
    WHERE minute = ? AND topic_id IN (SELECT topic_id FROM mention_topics WHERE mention_id = ?)`);
  const addTerm = db.prepare(`
    INSERT INTO term_minute (topic_id, minute, term, count) VALUES (@topicId, @minute, @term, @count)
    ON CONFLICT (topic_id, minute, term) DO UPDATE SET count = count + excluded.count`);
  const termCounts = db.prepare(`
    SELECT term, SUM(count) AS count FROM term_minute
    WHERE topic_id = ? AND minute >= ? AND minute < ? GROUP BY term`);
  // Newest first by publication, through mentions_by_published; LIMIT keeps it bounded at scale.
  const windowTexts = db
    .prepare(
      `
    SELECT m.text FROM mentions m WHERE m.published_at >= ? AND m.published_at < ? AND m.heard_at <= ?
    ORDER BY m.published_at DESC, m.id DESC LIMIT ?`,
    )
    .pluck();
  const topicWindowTexts = db
    .prepare(
      `
    SELECT m.text FROM mentions m CROSS JOIN mention_topics t ON t.mention_id = m.id AND t.topic_id = ?
    WHERE m.published_at >= ? AND m.published_at < ? AND m.heard_at <= ?
    ORDER BY m.published_at DESC, m.id DESC LIMIT ?`,
    )
    .pluck();

  return {
    setClout(mentionId: number, clout: number, urgency: number): void {
      setScores.run(clout, urgency, mentionId);
    },
    /** Records a correction and relabels the mention; the caller moves the rollups in the same transaction. */
    recordCorrection(mentionId: number, previous: MentionSentiment, label: SentimentLabel, by: string, at: number): SentimentCorrection {
      const id = Number(insertCorrection.run({ mentionId, previous, label, by, at }).lastInsertRowid);
      setSentiment.run(label, label === 'positive' ? 1 : label === 'negative' ? -1 : 0, mentionId);
      return { id, mentionId, previousLabel: previous, label, correctedBy: by, correctedAt: at };
    },
    /** Moves one count between labels in the minute rollups of the mention's source and topics. */
    moveRollups(mentionId: number, sourceId: string, minute: number, from: MentionSentiment, to: SentimentLabel): void {
      moveMinute.run({ minute, sourceId, from, to });
      moveTopicMinutes.run({ minute, mentionId, from, to });
    },
    topicBucketsOf(
      mentionId: number,
      minute: number,
    ): Array<{ minute: number; topicId: number; total: number; positive: number; neutral: number; negative: number; reach: number }> {
      return topicBuckets.all(minute, mentionId) as Array<{
        minute: number;
        topicId: number;
        total: number;
        positive: number;
        neutral: number;
        negative: number;
        reach: number;
      }>;
    },
    latestCorrection(mentionId: number): SentimentCorrection | null {
      return (latestCorrection.get(mentionId) as SentimentCorrection | undefined) ?? null;
    },
    recentCorrections(limit: number): SentimentCorrection[] {
      return recentCorrections.all(limit) as SentimentCorrection[];
    },
    /** The latest label per corrected mention, oldest correction first. */
    correctionExamples(): CorrectionExample[] {
      return examples.all() as CorrectionExample[];
    },
    addTerms(increments: Iterable<TermIncrement>): void {
      for (const inc of increments) addTerm.run(inc);
    },
    /** Term → mentions containing it with minute in [from, to). */
    termCounts(topicId: number, from: number, to: number): Map<string, number> {
      const out = new Map<string, number>();
      for (const r of termCounts.all(topicId, from, to) as Array<{ term: string; count: number }>) out.set(r.term, r.count);
      return out;
    },
    /** Texts of the newest `limit` mentions published in [from, to) and heard by `heardBy` (one topic or all). */
    windowTexts(topicId: number | null, from: number, to: number, heardBy: number, limit: number): string[] {
      return (topicId === null ? windowTexts.all(from, to, heardBy, limit) : topicWindowTexts.all(topicId, from, to, heardBy, limit)) as string[];
    },
  };
}
