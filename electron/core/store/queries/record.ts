/**
 * The complete record: annotations, the wall event log, the record's size, the mentions retention
 * removes, and the "as of" reads that answer a replay from the mentions themselves
 * (rollup tables cannot be filtered by when a mention was heard).
 */
import type { Annotation, AnnotationKind, WallEventRecord } from '@shared/domain/review';
import type { MinuteBucket, TopAuthor } from '@shared/domain/volume';
import type { TopicMinuteBucket } from '@shared/domain/topic';
import type { Mention } from '@shared/domain/mention';
import type { Db } from '../database';
import { MENTION_COLUMNS, toMention, type StoredRow } from './mentions';
import type { AlertRow } from './alerts';

interface AnnotationRow {
  id: number;
  at: number;
  kind: string;
  text: string;
  author: string;
  topic_id: number | null;
  incident_id: number | null;
  created_at: number;
}

function toAnnotation(r: AnnotationRow): Annotation {
  return {
    id: r.id,
    at: r.at,
    kind: r.kind as AnnotationKind,
    text: r.text,
    author: r.author,
    topicId: r.topic_id,
    incidentId: r.incident_id,
    createdAt: r.created_at,
  };
}

export interface NewAnnotation {
  at: number;
  kind: AnnotationKind;
  text: string;
  author: string;
  topicId: number | null;
  incidentId: number | null;
  createdAt: number;
}

export type WallEvent = WallEventRecord;

/** One alert row as stored (or as a version in alert_versions). */
export type AlertRowAsOf = AlertRow;

/**
 * A mention's label as the war room saw it at `@at`: a correction made later replaced it, and the
 * first such correction kept what it replaced. `@correctedLater` (any correction after `@at`, see
 * `labelsAt`) skips the per-mention lookup in the usual case, where there is none.
 */
const LABEL_AT = `CASE WHEN @correctedLater THEN COALESCE((SELECT c.previous_label FROM sentiment_corrections c WHERE c.mention_id = m.id AND c.corrected_at > @at ORDER BY c.id LIMIT 1), m.sentiment) ELSE m.sentiment END`;

const BUCKET_COLUMNS = `COUNT(*) AS total, SUM(${LABEL_AT} = 'positive') AS positive, SUM(${LABEL_AT} = 'neutral') AS neutral,
  SUM(${LABEL_AT} = 'negative') AS negative, SUM(COALESCE(m.author_followers, 0)) AS reach`;

export type RecordQueries = ReturnType<typeof recordQueries>;

export function recordQueries(db: Db) {
  // --- annotations
  const insertAnnotation = db.prepare(`
    INSERT INTO annotations (at, kind, text, author, topic_id, incident_id, created_at)
    VALUES (@at, @kind, @text, @author, @topicId, @incidentId, @createdAt)`);
  const annotation = db.prepare('SELECT * FROM annotations WHERE id = ? AND deleted_at IS NULL');
  const annotations = db.prepare('SELECT * FROM annotations WHERE deleted_at IS NULL AND at >= ? AND at <= ? ORDER BY at, id');
  const softDelete = db.prepare('UPDATE annotations SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL');

  // --- wall events
  const insertWallEvent = db.prepare('INSERT INTO wall_events (at, display_id, action, actor, detail) VALUES (?, ?, ?, ?, ?)');
  const wallEvents = db.prepare('SELECT id, at, display_id AS displayId, action, actor, detail FROM wall_events WHERE at >= ? AND at <= ? ORDER BY at, id');
  // A resume clears every override, so a display's state at T needs only its events since its last
  // resume by T: the fold stays short however long the record is.
  const displayWallEventsUpTo = db.prepare(`
    SELECT id, at, display_id AS displayId, action, actor, detail FROM wall_events
    WHERE display_id = @displayId AND at <= @at
      AND at >= COALESCE((SELECT MAX(at) FROM wall_events WHERE display_id = @displayId AND at <= @at AND action = 'release'), 0)
    ORDER BY at, id`);
  const displayWallEventsLast = db.prepare(`
    SELECT id, at, display_id AS displayId, action, actor, detail FROM wall_events
    WHERE display_id = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT ?`);

  // --- as of a moment: only what had been heard by then
  const volumeAsOf = db.prepare(`
    SELECT (m.published_at / 60000) * 60000 AS minute, ${BUCKET_COLUMNS}
    FROM mentions m WHERE m.published_at >= @from AND m.published_at < @before AND m.heard_at <= @at
    GROUP BY minute ORDER BY minute`);
  const topicVolumeAsOf = db.prepare(`
    SELECT (m.published_at / 60000) * 60000 AS minute, ${BUCKET_COLUMNS}
    FROM mentions m CROSS JOIN mention_topics t ON t.mention_id = m.id AND t.topic_id = @topicId
    WHERE m.published_at >= @from AND m.published_at < @before AND m.heard_at <= @at
    GROUP BY minute ORDER BY minute`);
  const topicsVolumeAsOf = db.prepare(`
    SELECT (m.published_at / 60000) * 60000 AS minute, t.topic_id AS topicId, ${BUCKET_COLUMNS}
    FROM mentions m JOIN mention_topics t ON t.mention_id = m.id
    WHERE m.published_at >= @from AND m.published_at < @before AND m.heard_at <= @at
    GROUP BY minute, t.topic_id ORDER BY minute, t.topic_id`);
  // Ingest refuses posts dated more than a day after it hears them (FUTURE_TOLERANCE_MS), so
  // nothing heard by `at` was published after at + 1 day: the bound keeps the scan short.
  // Heard by `at` means published by `at`, except posts dated ahead of the clock that heard them
  // (up to a day, as the live list allows). Walking back a day of publication times checking each
  // row's heard_at took a quarter of a second at 10 M; instead: the newest published by `at`
  // (mentions_by_published, skipping the few heard later), and the future-dated ones from their
  // own small partial index (mentions_published_ahead, migration 018), merged.
  const mentionsAsOf = db.prepare(
    `SELECT ${MENTION_COLUMNS} FROM mentions m WHERE m.published_at <= @at AND m.heard_at <= @at ORDER BY m.published_at DESC, m.id DESC LIMIT @limit`,
  );
  const aheadAsOf = db.prepare(`
    SELECT ${MENTION_COLUMNS} FROM mentions m
    WHERE m.published_at > m.heard_at AND m.published_at > @at AND m.published_at <= @at + 86400000 AND m.heard_at <= @at
    ORDER BY m.published_at DESC, m.id DESC LIMIT @limit`);
  const authorsAsOf = db.prepare(`
    SELECT platform, author_handle AS handle, MAX(author_name) AS name, MAX(COALESCE(author_followers, 0)) AS followers,
      MAX(author_verified) AS verified, COUNT(*) AS mentions,
      SUM(${LABEL_AT} = 'negative') AS negative, MAX(published_at) AS lastAt
    FROM mentions m
    WHERE published_at >= @from AND published_at <= @to AND heard_at <= @at
    GROUP BY platform,author_handle
    ORDER BY followers DESC, mentions DESC
    LIMIT @limit`);
  const anyCorrectionAfter = db.prepare('SELECT EXISTS (SELECT 1 FROM sentiment_corrections WHERE corrected_at > ?)').pluck();
  /** The parameters LABEL_AT needs for a moment. */
  const labelsAt = (at: number) => ({ at, correctedLater: anyCorrectionAfter.get(at) as number });
  // Per mention, the first correction made after `at`: what it replaced is what the war room saw.
  const correctedLater = db.prepare(`
    SELECT c.mention_id AS mentionId, c.previous_label AS label, c.previous_score AS score, c.previous_confidence AS confidence
    FROM sentiment_corrections c
    WHERE c.mention_id IN (SELECT value FROM json_each(@ids)) AND c.corrected_at > @at
      AND c.id = (SELECT MIN(x.id) FROM sentiment_corrections x WHERE x.mention_id = c.mention_id AND x.corrected_at > @at)`);
  const heardBy = db.prepare(
    'SELECT m.published_at AS publishedAt, m.text FROM mentions m WHERE m.published_at >= ? AND m.published_at < ? AND m.heard_at <= ?',
  );
  const topicHeardBy = db.prepare(`
    SELECT m.published_at AS publishedAt, m.text FROM mentions m CROSS JOIN mention_topics t ON t.mention_id = m.id AND t.topic_id = ?
    WHERE m.published_at >= ? AND m.published_at < ? AND m.heard_at <= ?`);
  const hasTermRollups = db.prepare('SELECT EXISTS (SELECT 1 FROM term_minute)').pluck();
  const hasVolumeRollups = db.prepare('SELECT EXISTS (SELECT 1 FROM volume_minute)').pluck();
  const heardLater = db.prepare(
    'SELECT m.published_at AS publishedAt, m.text FROM mentions m WHERE m.published_at >= ? AND m.published_at < ? AND m.heard_at > ?',
  );
  const alertsAsOf = db.prepare(`
    SELECT a.*, (SELECT v.row FROM alert_versions v WHERE v.alert_id = a.id AND v.at <= ? ORDER BY v.at DESC, v.id DESC LIMIT 1) AS version
    FROM alerts a WHERE a.opened_at <= ?`);
  const alertEventsUpTo = db.prepare(
    'SELECT alert_id AS alertId, at, action, detail FROM alert_events WHERE at <= ? AND alert_id IN (SELECT value FROM json_each(?)) ORDER BY at, id',
  );
  const sourcesAsOf = db.prepare(`
    SELECT source_id AS sourceId, COUNT(*) AS items, MAX(heard_at) AS lastHeard, MAX(published_at) AS newestPublished,
      SUM(heard_at > ?) AS recent
    FROM mentions WHERE heard_at <= ? GROUP BY source_id`);
  const span = db.prepare('SELECT MIN(heard_at) AS earliest, MAX(heard_at) AS latest FROM mentions');
  const timelineAlerts = db.prepare('SELECT id, opened_at AS at, title, severity FROM alerts WHERE opened_at >= ? AND opened_at <= ? ORDER BY opened_at, id');
  const careAsOf = db.prepare(`
    SELECT c.id, c.opened_at, c.first_response_at, c.resolution, c.sentiment_first, c.sentiment_last, c.csat, c.nps, c.assignee, c.team_id,
      (SELECT e.kind FROM care_events e WHERE e.conversation_id = c.id AND e.kind IN ('resolved', 'reopened') AND e.at <= @at ORDER BY e.at DESC, e.id DESC LIMIT 1) AS last_kind,
      (SELECT e.at FROM care_events e WHERE e.conversation_id = c.id AND e.kind IN ('resolved', 'reopened') AND e.at <= @at ORDER BY e.at DESC, e.id DESC LIMIT 1) AS last_at,
      EXISTS (SELECT 1 FROM care_events e WHERE e.conversation_id = c.id AND e.kind = 'survey' AND e.at <= @at) AS surveyed,
      (SELECT m.sentiment_score FROM care_conversation_mentions l JOIN mentions m ON m.id = l.mention_id
        WHERE l.conversation_id = c.id AND m.heard_at <= @at ORDER BY m.published_at DESC, m.id DESC LIMIT 1) AS sentiment_last_as_of
    FROM care_conversations c WHERE c.opened_at < @at AND c.drill_run_id IS NULL AND c.needs_reply_since <= @at
      AND EXISTS (SELECT 1 FROM care_conversation_mentions l JOIN mentions m ON m.id = l.mention_id WHERE l.conversation_id = c.id AND m.heard_at <= @at)`);

  // --- size and retention
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'mentions_fts_%' ORDER BY name")
    .pluck();
  const oldestNewest = db.prepare('SELECT MIN(published_at) AS oldest, MAX(published_at) AS newest FROM mentions');
  const expired = db.prepare('SELECT id FROM mentions WHERE published_at < ? ORDER BY published_at LIMIT ?').pluck();

  return {
    addAnnotation(a: NewAnnotation): Annotation {
      const id = Number(insertAnnotation.run(a).lastInsertRowid);
      return { id, ...a };
    },
    annotation(id: number): Annotation | null {
      const row = annotation.get(id) as AnnotationRow | undefined;
      return row ? toAnnotation(row) : null;
    },
    /** Annotations not deleted with `at` in [from, to], oldest first. */
    annotations(from: number, to: number): Annotation[] {
      return (annotations.all(from, to) as AnnotationRow[]).map(toAnnotation);
    },
    /** Hides an annotation; the row stays with who deleted it and when. */
    deleteAnnotation(id: number, by: string, at: number): boolean {
      return softDelete.run(at, by, id).changes > 0;
    },

    addWallEvent(at: number, displayId: string | null, action: string, actor: string, detail: string): void {
      insertWallEvent.run(at, displayId, action, actor, detail);
    },
    wallEvents(from: number, to: number): WallEvent[] {
      return wallEvents.all(from, to) as WallEvent[];
    },
    /** One display's events that decide its override at `at` (from its last resume by then), oldest first. */
    displayWallEventsUpTo(displayId: string, at: number): WallEvent[] {
      return displayWallEventsUpTo.all({ displayId, at }) as WallEvent[];
    },
    /** One display's newest `limit` events by `at`, newest first. */
    displayWallEventsLast(displayId: string, at: number, limit: number): WallEvent[] {
      return displayWallEventsLast.all(displayId, at, limit) as WallEvent[];
    },

    /** All-topic (or one topic's) minute buckets for mentions published in [from, before) and heard by `at`. */
    volumeAsOf(from: number, before: number, at: number, topicId: number | null): MinuteBucket[] {
      return (
        topicId === null ? volumeAsOf.all({ from, before, ...labelsAt(at) }) : topicVolumeAsOf.all({ topicId, from, before, ...labelsAt(at) })
      ) as MinuteBucket[];
    },
    topicsVolumeAsOf(from: number, before: number, at: number): TopicMinuteBucket[] {
      return topicsVolumeAsOf.all({ from, before, ...labelsAt(at) }) as TopicMinuteBucket[];
    },
    /** The newest mentions by publication among those heard by `at`, labelled as they were then. */
    mentionsAsOf(at: number, limit: number): Mention[] {
      const rows = [...(aheadAsOf.all({ at, limit }) as StoredRow[]), ...(mentionsAsOf.all({ at, limit }) as StoredRow[])];
      rows.sort((a, b) => b.published_at - a.published_at || b.id - a.id);
      const mentions = rows.slice(0, limit).map(toMention);
      if (mentions.length === 0) return mentions;
      const earlier = new Map(
        (
          correctedLater.all({ ids: JSON.stringify(mentions.map((m) => m.id)), at }) as Array<{
            mentionId: number;
            label: Mention['sentiment'];
            score: number | null;
            confidence: number | null;
          }>
        ).map((c) => [c.mentionId, c]),
      );
      return mentions.map((m) => {
        const c = earlier.get(m.id);
        return c ? { ...m, sentiment: c.label, sentimentScore: c.score ?? m.sentimentScore, sentimentConfidence: c.confidence ?? m.sentimentConfidence } : m;
      });
    },
    authorsAsOf(from: number, to: number, at: number, limit: number): TopAuthor[] {
      return (authorsAsOf.all({ from, to, limit, ...labelsAt(at) }) as Array<Omit<TopAuthor, 'verified'> & { verified: number }>).map((a) => ({
        ...a,
        verified: a.verified === 1,
      }));
    },
    /** Mentions published in [from, before) (of one topic) that were heard by `at`. */
    heardBy(from: number, before: number, at: number, topicId: number | null): Array<{ publishedAt: number; text: string }> {
      return (topicId === null ? heardBy.all(from, before, at) : topicHeardBy.all(topicId, from, before, at)) as Array<{ publishedAt: number; text: string }>;
    },
    /** Whether the per-minute rollups were kept (a bundle's workspace holds mentions without them). */
    hasRollups(): { terms: boolean; volume: boolean } {
      return { terms: hasTermRollups.get() === 1, volume: hasVolumeRollups.get() === 1 };
    },
    /** Mentions published in [from, before) that were heard only after `at`. */
    heardLater(from: number, before: number, at: number): Array<{ publishedAt: number; text: string }> {
      return heardLater.all(from, before, at) as Array<{ publishedAt: number; text: string }>;
    },
    /** Every alert opened by `at`, each with its newest recorded version at or before `at` (JSON) where there is one. */
    alertsAsOf(at: number): Array<AlertRowAsOf & { version: string | null }> {
      return alertsAsOf.all(at, at) as Array<AlertRowAsOf & { version: string | null }>;
    },
    alertEventsUpTo(at: number, alertIds: readonly number[]): Array<{ alertId: number; at: number; action: string; detail: string }> {
      return alertEventsUpTo.all(at, JSON.stringify(alertIds)) as Array<{ alertId: number; at: number; action: string; detail: string }>;
    },
    sourcesAsOf(at: number, recentFrom: number): Array<{ sourceId: string; items: number; lastHeard: number; newestPublished: number; recent: number }> {
      return sourcesAsOf.all(recentFrom, at) as Array<{ sourceId: string; items: number; lastHeard: number; newestPublished: number; recent: number }>;
    },
    heardSpan(): { earliest: number | null; latest: number | null } {
      return span.get() as { earliest: number | null; latest: number | null };
    },
    timelineAlerts(from: number, to: number): Array<{ id: number; at: number; title: string; severity: string }> {
      return timelineAlerts.all(from, to) as Array<{ id: number; at: number; title: string; severity: string }>;
    },
    careAsOf(at: number): Array<{
      id: number;
      opened_at: number;
      first_response_at: number | null;
      resolution: string | null;
      sentiment_first: number | null;
      sentiment_last: number | null;
      csat: number | null;
      nps: number | null;
      assignee: string | null;
      team_id: number | null;
      last_kind: string | null;
      last_at: number | null;
      surveyed: number;
      sentiment_last_as_of: number | null;
    }> {
      return careAsOf.all({ at }) as ReturnType<RecordQueries['careAsOf']>;
    },

    // --- size and retention
    tableNames(): string[] {
      return tables.all() as string[];
    },
    rowCount(table: string): number {
      return db
        .prepare(`SELECT COUNT(*) FROM "${table.replace(/"/g, '""')}"`)
        .pluck()
        .get() as number;
    },
    /** Bytes per table (its indexes included) from the dbstat table, or null where SQLite was built without it. */
    bytesPerTable(): Map<string, number> | null {
      try {
        const rows = db
          .prepare(`SELECT COALESCE(m.tbl_name, s.name) AS name, SUM(s.pgsize) AS bytes FROM dbstat s LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY 1`)
          .all() as Array<{ name: string; bytes: number }>;
        return new Map(rows.map((r) => [r.name, r.bytes]));
      } catch {
        return null;
      }
    },
    mentionSpan(): { oldest: number | null; newest: number | null } {
      return oldestNewest.get() as { oldest: number | null; newest: number | null };
    },
    /** Up to `limit` ids of mentions published before `before`, oldest first (retention removes them through the derived-tables registry). */
    expiredMentions(before: number, limit: number): number[] {
      return expired.all(before, limit) as number[];
    },
  };
}
