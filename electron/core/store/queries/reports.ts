/**
 * What incident reports read. Every query leaves drill rows out (`drill_run_id IS NULL`
 * on mentions, alerts and conversations). `topicId` null means every mention. Times are published
 * times for mentions (what happened when), opened times for alerts and conversations.
 */
import type { AlertSeverity } from '@shared/domain/alert';
import type { Platform } from '@shared/domain/mention';
import type { AnnotationKind } from '@shared/domain/review';
import type { KpiConversation } from '@shared/logic/care/kpis';
import type { AuthorAggregate, SentimentCount } from '@shared/logic/reports/model';
import type { ReportAlert, ReportAnnotation, ReportMention, ReportReply } from '@shared/logic/reports/types';
import type { Db } from '../database';
import { KPI_COLUMNS, toKpiConversation, type KpiRow } from './care/kpis';

/** Mentions of the period (and topic). `@topic` is the topic id or NULL. */
const IN_PERIOD = `m.published_at >= @from AND m.published_at < @to AND m.drill_run_id IS NULL
  AND (@topic IS NULL OR EXISTS (SELECT 1 FROM mention_topics t WHERE t.mention_id = m.id AND t.topic_id = @topic))`;

interface MentionLiteRow {
  id: number;
  published_at: number;
  platform: string;
  author_handle: string;
  author_name: string | null;
  author_followers: number | null;
  sentiment: string;
  clout: number;
  text: string;
  url: string | null;
}

export interface CsvMentionRow {
  id: number;
  source_id: string;
  external_id: string;
  platform: string;
  published_at: number;
  heard_at: number;
  author_handle: string;
  author_name: string | null;
  author_followers: number | null;
  author_verified: number;
  sentiment: string;
  sentiment_score: number;
  clout: number;
  urgency: number;
  intents: string;
  lang: string | null;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  url: string | null;
  text: string;
  topic_names: string | null;
}

const toReportMention = (r: MentionLiteRow): ReportMention => ({
  id: r.id,
  publishedAt: r.published_at,
  platform: r.platform as Platform,
  authorHandle: r.author_handle,
  authorName: r.author_name,
  authorFollowers: r.author_followers,
  sentiment: r.sentiment,
  clout: r.clout,
  text: r.text,
  url: r.url,
});

/** Named parameters (@from, @to, @topic, …): each call passes exactly what its SQL names. */
type P = Record<string, number | null>;

export function reportQueries(db: Db) {
  const sentimentCounts = db.prepare<[P], { b: number; sentiment: string; n: number }>(
    `SELECT (m.published_at - @from) / @bucket AS b, m.sentiment, COUNT(*) AS n FROM mentions m WHERE ${IN_PERIOD} GROUP BY b, m.sentiment`,
  );
  const first = db.prepare<[P], MentionLiteRow>(
    `SELECT m.id, m.published_at, m.platform, m.author_handle, m.author_name, m.author_followers, m.sentiment, m.clout, m.text, m.url
     FROM mentions m WHERE ${IN_PERIOD} ORDER BY m.published_at, m.id LIMIT @limit`,
  );
  const texts = db.prepare<[P], { text: string }>(`SELECT m.text FROM mentions m WHERE ${IN_PERIOD} ORDER BY m.published_at LIMIT @limit`);
  const authors = db.prepare<
    [P],
    { platform: string; handle: string; name: string | null; clout: number; followers: number | null; mentions: number; negative: number }
  >(
    `SELECT m.platform, m.author_handle AS handle, MAX(m.author_name) AS name, MAX(m.clout) AS clout, MAX(m.author_followers) AS followers,
       COUNT(*) AS mentions, SUM(m.sentiment = 'negative') AS negative
     FROM mentions m WHERE ${IN_PERIOD} GROUP BY m.platform, m.author_handle ORDER BY clout DESC, followers DESC LIMIT @limit`,
  );
  const authorCount = db.prepare<[P], { n: number }>(
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM mentions m WHERE ${IN_PERIOD} GROUP BY m.platform, m.author_handle)`,
  );
  const csvRows = db.prepare<[P], CsvMentionRow>(
    `SELECT m.id, m.source_id, m.external_id, m.platform, m.published_at, m.heard_at, m.author_handle, m.author_name, m.author_followers,
       m.author_verified, m.sentiment, m.sentiment_score, m.clout, m.urgency, m.intents, m.lang, m.likes, m.reposts, m.replies, m.url, m.text,
       (SELECT group_concat(tp.name, '; ') FROM mention_topics mt JOIN topics tp ON tp.id = mt.topic_id WHERE mt.mention_id = m.id) AS topic_names
     FROM mentions m WHERE ${IN_PERIOD} ORDER BY m.published_at, m.id LIMIT @limit`,
  );
  const alertsOfIncident = db.prepare<[number], AlertRow>(
    `SELECT ${ALERT_COLS} FROM alerts WHERE incident_id = ? AND drill_run_id IS NULL ORDER BY opened_at, id`,
  );
  const alertsInPeriod = db.prepare<[P], AlertRow>(
    `SELECT ${ALERT_COLS} FROM alerts WHERE opened_at >= @from AND opened_at < @to AND drill_run_id IS NULL AND (@topic IS NULL OR topic_id = @topic) ORDER BY opened_at, id LIMIT 500`,
  );
  const annotations = db.prepare<[P], { id: number; at: number; kind: string; text: string; author: string }>(
    `SELECT id, at, kind, text, author FROM annotations
     WHERE deleted_at IS NULL AND ((at >= @from AND at < @to) OR (@incident IS NOT NULL AND incident_id = @incident))
       AND (@topic IS NULL OR topic_id IS NULL OR topic_id = @topic)
     ORDER BY at, id LIMIT 500`,
  );
  const conversations = db.prepare<[P], KpiRow>(
    `SELECT ${KPI_COLUMNS}
     FROM care_conversations c WHERE c.opened_at >= @from AND c.opened_at < @to AND c.drill_run_id IS NULL
       AND (@topic IS NULL OR EXISTS (SELECT 1 FROM json_each(c.topic_ids) j WHERE j.value = @topic))`,
  );
  const replies = db.prepare<[P], ReplyRow>(
    `SELECT r.id, r.conversation_id, COALESCE(r.sent_at, r.created_at) AS at, r.author, r.channel, r.platform, r.status, t.name AS template, r.text,
       COALESCE((SELECT published_at FROM mentions WHERE id = r.reply_to_mention_id), c.opened_at) AS asked_at
     FROM care_replies r JOIN care_conversations c ON c.id = r.conversation_id LEFT JOIN care_templates t ON t.id = r.template_id
     WHERE COALESCE(r.sent_at, r.created_at) >= @from AND COALESCE(r.sent_at, r.created_at) < @to AND c.drill_run_id IS NULL
       AND (@topic IS NULL OR EXISTS (SELECT 1 FROM json_each(c.topic_ids) j WHERE j.value = @topic))
     ORDER BY at, r.id LIMIT 500`,
  );
  // Every mention, no topic: the same figures from rollups and indexes, without grouping the
  // period's mentions (seconds for a day at 10 M). The rollups count drill posts too, so the drill
  // posts still stored in the period are taken back out (a drill's clean-up recomputes the
  // rollups). Drill posts are read through their own partial index: left to itself the planner
  // walked the day's publication times instead (1.6 s at 10 M).
  const minuteSentiment = db.prepare<[P], { minute: number; positive: number; neutral: number; negative: number; total: number }>(
    `SELECT minute, SUM(positive) AS positive, SUM(neutral) AS neutral, SUM(negative) AS negative, SUM(total) AS total
     FROM volume_minute WHERE minute >= @from AND minute < @to GROUP BY minute`,
  );
  const drillSentiment = db.prepare<[P], { at: number; sentiment: string; n: number }>(
    `SELECT published_at - published_at % 60000 AS at, sentiment, COUNT(*) AS n FROM mentions INDEXED BY mentions_by_drill
     WHERE drill_run_id IS NOT NULL AND published_at >= @from AND published_at < @to GROUP BY at, sentiment`,
  );
  // Authors in profile-clout order (authors_by_clout), each kept when it has a real post in the
  // period (mentions_by_author): reads about as many authors as asked for.
  const activeByClout = db.prepare<[P], { platform: string; handle: string }>(
    `SELECT a.platform, a.handle FROM authors a INDEXED BY authors_by_clout
     WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.platform = a.platform AND m.author_handle = a.handle
       AND m.published_at >= @from AND m.published_at < @to AND m.drill_run_id IS NULL)
     ORDER BY a.clout DESC LIMIT @limit`,
  );
  const authorFigures = db.prepare<
    [{ authors: string; from: number; to: number }],
    { platform: string; handle: string; name: string | null; clout: number; followers: number | null; mentions: number; negative: number }
  >(
    `SELECT m.platform, m.author_handle AS handle, MAX(m.author_name) AS name, MAX(m.clout) AS clout, MAX(m.author_followers) AS followers,
       COUNT(*) AS mentions, SUM(m.sentiment = 'negative') AS negative
     FROM json_each(@authors) j CROSS JOIN mentions m ON m.platform = j.value ->> 0 AND m.author_handle = j.value ->> 1
       AND m.published_at >= @from AND m.published_at < @to AND m.drill_run_id IS NULL
     GROUP BY m.platform, m.author_handle`,
  );
  // Every author has a profile (understanding's hook writes one per author of every stored post):
  // one index probe per profile instead of grouping the period's mentions.
  const activeAuthors = db.prepare<[P], { n: number }>(
    `SELECT COUNT(*) AS n FROM authors a
     WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.platform = a.platform AND m.author_handle = a.handle AND m.published_at >= @from AND m.published_at < @to)`,
  );
  const drillOnlyAuthors = db.prepare<[P], { n: number }>(
    `SELECT COUNT(*) AS n FROM (SELECT DISTINCT platform, author_handle FROM mentions INDEXED BY mentions_by_drill WHERE drill_run_id IS NOT NULL AND published_at >= @from AND published_at < @to) d
     WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.platform = d.platform AND m.author_handle = d.author_handle
       AND m.published_at >= @from AND m.published_at < @to AND m.drill_run_id IS NULL)`,
  );
  const topicName = db.prepare<[number], { name: string }>('SELECT name FROM topics WHERE id = ?');
  const earliest = db.prepare<[number], { at: number | null }>('SELECT MIN(published_at) AS at FROM mentions WHERE published_at >= ? AND drill_run_id IS NULL');

  return {
    /** Mentions per bucket and sentiment; `at` is the bucket start. */
    sentimentCounts(from: number, to: number, topicId: number | null, bucketMs: number): SentimentCount[] {
      return sentimentCounts
        .all({ from, to, topic: topicId, bucket: bucketMs })
        .map((r) => ({ at: from + r.b * bucketMs, sentiment: r.sentiment, count: r.n }));
    },
    /** Every mention's counts per minute and sentiment from the minute rollup, drill posts taken out; [from, to) on whole minutes. */
    sentimentCountsAll(from: number, to: number): SentimentCount[] {
      const out: SentimentCount[] = [];
      for (const r of minuteSentiment.all({ from, to })) {
        out.push(
          { at: r.minute, sentiment: 'positive', count: r.positive },
          { at: r.minute, sentiment: 'neutral', count: r.neutral },
          { at: r.minute, sentiment: 'negative', count: r.negative },
        );
        const other = r.total - r.positive - r.neutral - r.negative;
        if (other !== 0) out.push({ at: r.minute, sentiment: 'unknown', count: other });
      }
      for (const r of drillSentiment.all({ from, to })) out.push({ at: r.at, sentiment: r.sentiment, count: -r.n });
      return out;
    },
    /** Up to `limit` authors with a real post in [from, to), highest profile clout first, with their figures over the period's real posts. */
    authorsAll(from: number, to: number, limit: number): AuthorAggregate[] {
      const keys = activeByClout.all({ from, to, limit }).map((a) => [a.platform, a.handle]);
      if (keys.length === 0) return [];
      return authorFigures.all({ authors: JSON.stringify(keys), from, to }).map((r) => ({ ...r, platform: r.platform as Platform, negative: r.negative ?? 0 }));
    },
    /** Authors with a real post in [from, to). */
    authorCountAll(from: number, to: number): number {
      return (activeAuthors.get({ from, to })?.n ?? 0) - (drillOnlyAuthors.get({ from, to })?.n ?? 0);
    },
    firstMentions(from: number, to: number, topicId: number | null, limit: number): ReportMention[] {
      return first.all({ from, to, topic: topicId, limit }).map(toReportMention);
    },
    /** Texts of the period's mentions, oldest first, at most `limit`, for term counts. */
    texts(from: number, to: number, topicId: number | null, limit: number): string[] {
      return texts.all({ from, to, topic: topicId, limit }).map((r) => r.text);
    },
    authors(from: number, to: number, topicId: number | null, limit: number): AuthorAggregate[] {
      return authors.all({ from, to, topic: topicId, limit }).map((r) => ({ ...r, platform: r.platform as Platform, negative: r.negative ?? 0 }));
    },
    authorCount(from: number, to: number, topicId: number | null): number {
      return authorCount.get({ from, to, topic: topicId })?.n ?? 0;
    },
    csvRows(from: number, to: number, topicId: number | null, limit: number): CsvMentionRow[] {
      return csvRows.all({ from, to, topic: topicId, limit });
    },
    alertsOfIncident(incidentId: number): ReportAlert[] {
      return alertsOfIncident.all(incidentId).map(toAlert);
    },
    alertsInPeriod(from: number, to: number, topicId: number | null): ReportAlert[] {
      return alertsInPeriod.all({ from, to, topic: topicId }).map(toAlert);
    },
    /** Annotations in the period, and those tied to the incident wherever they sit; deleted ones never. */
    annotations(from: number, to: number, topicId: number | null, incidentId: number | null): ReportAnnotation[] {
      return annotations.all({ from, to, topic: topicId, incident: incidentId }).map((r) => ({ ...r, kind: r.kind as AnnotationKind }));
    },
    /** Conversations opened in [from, to), in care's KPI shape. */
    conversations(from: number, to: number, topicId: number | null): KpiConversation[] {
      return conversations.all({ from, to, topic: topicId }).map(toKpiConversation);
    },
    replies(from: number, to: number, topicId: number | null): ReportReply[] {
      return replies.all({ from, to, topic: topicId }).map((r) => ({
        id: r.id,
        conversationId: r.conversation_id,
        at: r.at,
        author: r.author,
        channel: r.channel,
        platform: r.platform,
        status: r.status,
        template: r.template,
        responseMinutes: r.asked_at === null ? null : Math.round(((r.at - r.asked_at) / 60_000) * 10) / 10,
        text: r.text,
      }));
    },
    /** The first real mention published at or after `since` (null: none). */
    earliestSince(since: number): number | null {
      return earliest.get(since)?.at ?? null;
    },
    topicName(id: number): string | null {
      return topicName.get(id)?.name ?? null;
    },
  };
}

const ALERT_COLS = 'id, opened_at, kind, severity, title, acknowledged_at, acknowledged_by, resolved_at';

interface AlertRow {
  id: number;
  opened_at: number;
  kind: string;
  severity: string;
  title: string;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
}

function toAlert(r: AlertRow): ReportAlert {
  return {
    id: r.id,
    at: r.opened_at,
    kind: r.kind,
    severity: r.severity as AlertSeverity,
    title: r.title,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    resolvedAt: r.resolved_at,
  };
}

interface ReplyRow {
  id: number;
  conversation_id: number;
  at: number;
  author: string;
  channel: string;
  platform: string | null;
  status: string;
  template: string | null;
  text: string;
  asked_at: number | null;
}
