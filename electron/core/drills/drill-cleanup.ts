/**
 * Removing a drill from the store, in the caller's transaction: its posts and everything derived
 * from them (topic tags, full-text rows, care links, its conversations and their history, its
 * alerts and their history, incidents left empty, author counts), then the per-minute rollups of
 * every minute the drill touched are rebuilt from the posts that remain.
 */
import { floorToMinute } from '../../../shared/logic/time';
import type { Store } from '../store/store';
import { extractTerms } from '../understanding/terms';
import { ALL_TOPICS } from '../understanding/trends';

export interface CleanupResult {
  mentions: number;
  conversations: number[];
  alerts: number;
  /** Minute keys whose rollups were rebuilt. */
  minutes: number[];
}

export function removeDrill(store: Store, runId: number): CleanupResult {
  const db = store.db;
  const minutes = (db.prepare('SELECT DISTINCT (published_at / 60000) * 60000 FROM mentions WHERE drill_run_id = ? ORDER BY 1').pluck().all(runId) as number[]);
  const authors = db.prepare('SELECT DISTINCT platform, author_handle AS handle FROM mentions WHERE drill_run_id = ?').all(runId) as { platform: string; handle: string }[];
  const conversations = db.prepare('SELECT id FROM care_conversations WHERE drill_run_id = ?').pluck().all(runId) as number[];
  const incidents = db.prepare('SELECT DISTINCT incident_id FROM alerts WHERE drill_run_id = ? AND incident_id IS NOT NULL').pluck().all(runId) as number[];

  // Care: history first (the trigger allows it only for drill conversations), then the
  // conversations, whose links, notes and replies go with them.
  db.prepare('DELETE FROM care_events WHERE conversation_id IN (SELECT id FROM care_conversations WHERE drill_run_id = ?)').run(runId);
  db.prepare('DELETE FROM care_conversations WHERE drill_run_id = ?').run(runId);
  // Alerts: their history goes with them (ON DELETE CASCADE); incidents only drill alerts were in go too.
  const alerts = db.prepare('DELETE FROM alerts WHERE drill_run_id = ?').run(runId).changes;
  if (incidents.length > 0) {
    db.prepare('DELETE FROM incidents WHERE id IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM alerts WHERE incident_id = incidents.id)').run(JSON.stringify(incidents));
  }
  // Full text: an external-content index needs each row's exact text to forget it.
  db.prepare("INSERT INTO mentions_fts(mentions_fts, rowid, text) SELECT 'delete', id, text FROM mentions WHERE drill_run_id = ?").run(runId);
  // Topic tags, corrections and care links go with the posts (ON DELETE CASCADE).
  const removed = db.prepare('DELETE FROM mentions WHERE drill_run_id = ?').run(runId).changes;
  db.prepare("UPDATE counters SET value = MAX(0, value - ?) WHERE name = 'mentions'").run(removed);

  rebuildAuthors(store, authors);
  rebuildMinutes(store, minutes);
  return { mentions: removed, conversations, alerts, minutes };
}

/** Author profiles recounted from their remaining posts; one left with none is removed. */
function rebuildAuthors(store: Store, authors: readonly { platform: string; handle: string }[]): void {
  const db = store.db;
  const recount = db.prepare(`
    SELECT COUNT(*) AS mentions, COALESCE(SUM(sentiment = 'positive'), 0) AS positive, COALESCE(SUM(sentiment = 'neutral'), 0) AS neutral,
      COALESCE(SUM(sentiment = 'negative'), 0) AS negative, COALESCE(SUM(COALESCE(likes, 0)), 0) AS likes,
      COALESCE(SUM(COALESCE(reposts, 0)), 0) AS reposts, COALESCE(SUM(COALESCE(replies, 0)), 0) AS replies,
      MIN(published_at) AS firstSeen, MAX(published_at) AS lastSeen
    FROM mentions WHERE platform = ? AND author_handle = ?`);
  const update = db.prepare(`
    UPDATE authors SET mentions = @mentions, positive = @positive, neutral = @neutral, negative = @negative,
      likes = @likes, reposts = @reposts, replies = @replies, engagement = @likes + 2 * @reposts + @replies,
      first_seen = @firstSeen, last_seen = @lastSeen
    WHERE platform = @platform AND handle = @handle`);
  const remove = db.prepare('DELETE FROM authors WHERE platform = ? AND handle = ?');
  for (const a of authors) {
    const counts = recount.get(a.platform, a.handle) as { mentions: number; firstSeen: number | null; lastSeen: number | null } & Record<string, number>;
    if (counts.mentions === 0) remove.run(a.platform, a.handle);
    else update.run({ ...counts, platform: a.platform, handle: a.handle });
  }
}

/** volume_minute, volume_topic_minute and term_minute of these minutes, recomputed from the stored posts. */
function rebuildMinutes(store: Store, minutes: readonly number[]): void {
  if (minutes.length === 0) return;
  const db = store.db;
  const keys = JSON.stringify(minutes);
  const inMinutes = 'minute IN (SELECT value FROM json_each(@keys))';
  const postsIn = '(m.published_at / 60000) * 60000 IN (SELECT value FROM json_each(@keys))';
  db.prepare(`DELETE FROM volume_minute WHERE ${inMinutes}`).run({ keys });
  db.prepare(`
    INSERT INTO volume_minute (minute, source_id, total, positive, neutral, negative, reach)
    SELECT (m.published_at / 60000) * 60000, m.source_id, COUNT(*), SUM(m.sentiment = 'positive'), SUM(m.sentiment = 'neutral'),
      SUM(m.sentiment = 'negative'), SUM(COALESCE(m.author_followers, 0))
    FROM mentions m WHERE ${postsIn} GROUP BY 1, 2`).run({ keys });
  db.prepare(`DELETE FROM volume_topic_minute WHERE ${inMinutes}`).run({ keys });
  db.prepare(`
    INSERT INTO volume_topic_minute (minute, topic_id, total, positive, neutral, negative, reach)
    SELECT (m.published_at / 60000) * 60000, mt.topic_id, COUNT(*), SUM(m.sentiment = 'positive'), SUM(m.sentiment = 'neutral'),
      SUM(m.sentiment = 'negative'), SUM(COALESCE(m.author_followers, 0))
    FROM mention_topics mt JOIN mentions m ON m.id = mt.mention_id WHERE ${postsIn} GROUP BY 1, 2`).run({ keys });
  db.prepare(`DELETE FROM term_minute WHERE ${inMinutes}`).run({ keys });
  const rows = db
    .prepare(`
      SELECT m.published_at AS publishedAt, m.text AS text, (SELECT json_group_array(topic_id) FROM mention_topics WHERE mention_id = m.id) AS topics
      FROM mentions m WHERE ${postsIn}`)
    .iterate({ keys }) as IterableIterator<{ publishedAt: number; text: string; topics: string }>;
  const terms = new Map<string, { topicId: number; minute: number; term: string; count: number }>();
  for (const m of rows) {
    const minute = floorToMinute(m.publishedAt);
    const topics = [ALL_TOPICS, ...(JSON.parse(m.topics) as number[])];
    for (const term of extractTerms(m.text)) {
      for (const topicId of topics) {
        const key = `${topicId}\u0000${minute}\u0000${term}`;
        const t = terms.get(key);
        if (t) t.count++;
        else terms.set(key, { topicId, minute, term, count: 1 });
      }
    }
  }
  store.understanding.addTerms(terms.values());
}
