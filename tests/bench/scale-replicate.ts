/**
 * Grows a folder built through the pipeline to `factor` times its mentions by SQL, for
 * `npm run bench:scale` at 10 M: the pipeline builds at about 3,000 mentions/s on a shared 2-core
 * machine (an hour for 10 M), a copy by SQL takes minutes.
 *
 * What a copy is: every mention again with a new id, `~k` appended to its external id, author
 * handle and reply target, and the same published time. So each copy is a second population of
 * authors (4,000 more per copy) saying the same things at the same moments: the windows the calls
 * read hold `factor` times the mentions, authors and conversations.
 *
 * Derived rows follow from that exactly, without re-running the pipeline: per-author and
 * per-conversation rows are copied with the new handles and ids (the pipeline would build the same
 * rows for the copied mentions, since nothing in grouping or authorship crosses populations); the
 * per-minute counts (`volume_minute`, `volume_topic_minute`, `term_minute`, `emotion_minute`) are
 * keyed by time and topic only, so the copies multiply them by `factor`; a copied post joins its
 * original's story (same text, same moment), so story memberships and flags are copied and each
 * story's counts multiplied; the FTS index is filled for the new ids as
 * the pipeline fills it, once per copy (`INSERT INTO mentions_fts(rowid, text) SELECT …`).
 * Tables holding mention-derived rows this does not know are listed as a warning, not guessed.
 */
import type { Database } from 'better-sqlite3';

/** Tables copied per population, and how each column changes in copy `k` (SQL over the original row). */
interface CopySpec {
  table: string;
  /** Column → expression; `null` leaves the column out (a new rowid). */
  columns: Record<string, string | null>;
}

/** Tables whose rows do not depend on the mentions, or that the copy handles separately. */
const UNCHANGED = new Set([
  'sources',
  'topics',
  'settings',
  'people',
  'auth_sessions',
  'alert_rules',
  'alerts',
  'alert_events',
  'alert_versions',
  'incidents',
  'counters',
  'mentions_fts',
  'volume_minute',
  'volume_topic_minute',
  'term_minute',
  'emotion_minute',
  'stories',
]);

function specs(mentionOffset: number, conversationOffset: number): CopySpec[] {
  return [
    {
      table: 'mentions',
      columns: {
        id: `id + @k * ${mentionOffset}`,
        external_id: `external_id || '~' || @k`,
        author_handle: `author_handle || '~' || @k`,
        reply_to: `reply_to || '~' || @k`,
      },
    },
    { table: 'mention_topics', columns: { mention_id: `mention_id + @k * ${mentionOffset}` } },
    // A copy says what its original said at the same moment, so it joins the same story.
    { table: 'mention_stories', columns: { mention_id: `mention_id + @k * ${mentionOffset}` } },
    { table: 'mention_flags', columns: { mention_id: `mention_id + @k * ${mentionOffset}` } },
    { table: 'authors', columns: { id: null, handle: `handle || '~' || @k` } },
    { table: 'author_hour', columns: { handle: `handle || '~' || @k` } },
    {
      table: 'care_conversations',
      columns: {
        id: `id + @k * ${conversationOffset}`,
        author_key: `author_key || '~' || @k`,
        author_handle: `author_handle || '~' || @k`,
        waiting_mention_id: `waiting_mention_id + @k * ${mentionOffset}`,
      },
    },
    {
      table: 'care_conversation_mentions',
      columns: {
        mention_id: `mention_id + @k * ${mentionOffset}`,
        conversation_id: `conversation_id + @k * ${conversationOffset}`,
        external_id: `external_id || '~' || @k`,
      },
    },
    { table: 'care_events', columns: { id: null, conversation_id: `conversation_id + @k * ${conversationOffset}` } },
  ];
}

function columnsOf(db: Database, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
}

function rowCount(db: Database, table: string): number {
  return db.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get() as number;
}

/** Multiplies the folder's mentions by `factor` (see the file comment); `log` reports progress. */
export function replicate(db: Database, factor: number, log: (line: string) => void): void {
  if (!Number.isInteger(factor) || factor < 2) return;
  const mentionOffset = Math.ceil(((db.prepare('SELECT MAX(id) FROM mentions').pluck().get() as number) + 1) / 1e6) * 1e6;
  const conversationOffset = Math.ceil(((db.prepare('SELECT COALESCE(MAX(id), 0) FROM care_conversations').pluck().get() as number) + 1) / 1e6) * 1e6;
  const copies = specs(mentionOffset, conversationOffset);
  const known = new Set([...UNCHANGED, ...copies.map((c) => c.table)]);
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'mentions_fts_%'`)
    .pluck()
    .all() as string[];
  const unknown = tables.filter((t) => !known.has(t) && rowCount(db, t) > 0);
  if (unknown.length > 0) log(`  warning: not replicated (rows not derived by this copy): ${unknown.join(', ')}`);

  const statements = copies.map((spec) => {
    const columns = columnsOf(db, spec.table).filter((c) => spec.columns[c] !== null);
    const select = columns.map((c) => spec.columns[c] ?? c).join(', ');
    // Only the original population (handles without '~') is copied.
    const where =
      spec.table === 'mentions'
        ? `WHERE id < ${mentionOffset}`
        : spec.table.startsWith('mention_')
          ? `WHERE mention_id < ${mentionOffset}`
          : spec.table === 'care_conversations'
            ? `WHERE id < ${conversationOffset}`
            : spec.table === 'care_conversation_mentions' || spec.table === 'care_events'
              ? `WHERE conversation_id < ${conversationOffset}`
              : `WHERE instr(handle, '~') = 0`;
    return { table: spec.table, sql: db.prepare(`INSERT INTO ${spec.table} (${columns.join(', ')}) SELECT ${select} FROM ${spec.table} ${where}`) };
  });
  const fillFts = db.prepare('INSERT INTO mentions_fts (rowid, text) SELECT id, text FROM mentions WHERE id >= ? AND id < ?');

  for (let k = 1; k < factor; k++) {
    const started = Date.now();
    db.transaction(() => {
      for (const s of statements) s.sql.run({ k });
      fillFts.run(k * mentionOffset, (k + 1) * mentionOffset);
    })();
    log(`  copy ${k} of ${factor - 1} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  db.transaction(() => {
    for (const table of ['volume_minute', 'volume_topic_minute'])
      db.prepare(`UPDATE ${table} SET total = total * ?, positive = positive * ?, neutral = neutral * ?, negative = negative * ?, reach = reach * ?`).run(
        factor,
        factor,
        factor,
        factor,
        factor,
      );
    db.prepare('UPDATE term_minute SET count = count * ?').run(factor);
    db.prepare('UPDATE emotion_minute SET anger = anger * ?, joy = joy * ?, optimism = optimism * ?, sadness = sadness * ?').run(
      factor,
      factor,
      factor,
      factor,
    );
    db.prepare(
      'UPDATE stories SET size = size * ?, reposts = reposts * ?, reach = reach * ?, positive = positive * ?, neutral = neutral * ?, negative = negative * ?',
    ).run(factor, factor, factor, factor, factor, factor);
    db.prepare(`UPDATE counters SET value = (SELECT COUNT(*) FROM mentions) WHERE name = 'mentions'`).run();
  })();
}

/**
 * The build hears two weeks of posts in minutes, so every `heard_at` is the build's own time and a
 * replay of any moment before it would find nothing heard. A war room listening live hears a post
 * seconds after it is published: set that (5 s), so the replay calls read what they read in use.
 */
export function hearAsPublished(db: Database): void {
  db.prepare('UPDATE mentions SET heard_at = published_at + 5000 WHERE heard_at <> published_at + 5000').run();
}
