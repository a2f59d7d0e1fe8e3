import type { Topic, TopicKind, TopicMinuteBucket } from '@shared/domain/topic';
import type { Db } from '../database';

interface Row {
  id: number;
  name: string;
  kind: string;
  query: string;
  color: string | null;
  enabled: number;
  created_at: number;
  updated_at: number;
}

function toTopic(r: Row): Topic {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as TopicKind,
    query: r.query,
    color: r.color,
    enabled: r.enabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface TopicFields {
  name: string;
  kind: TopicKind;
  query: string;
  color: string | null;
  enabled: boolean;
}

export type TopicQueries = ReturnType<typeof topicQueries>;

/** Topics, the mentions they tag, and their per-minute rollups (share of voice). */
/** Tags per INSERT statement. */
const TAG_ROWS = 200;

export function topicQueries(db: Db) {
  const all = db.prepare('SELECT * FROM topics ORDER BY name COLLATE NOCASE, id');
  const one = db.prepare('SELECT * FROM topics WHERE id = ?');
  const insert = db.prepare(`
    INSERT INTO topics (name, kind, query, color, enabled, created_at, updated_at)
    VALUES (@name, @kind, @query, @color, @enabled, @at, @at)`);
  const update = db.prepare(`
    UPDATE topics SET name = @name, kind = @kind, query = @query, color = @color, enabled = @enabled, updated_at = @at
    WHERE id = @id`);
  const remove = db.prepare('DELETE FROM topics WHERE id = ?');
  const tag = db.prepare('INSERT OR IGNORE INTO mention_topics (mention_id, topic_id) VALUES (?, ?)');
  // A batch's tags, TAG_ROWS per statement (prepared once per size, parameters reused).
  const tagStatements = new Map<number, ReturnType<Db['prepare']>>();
  const tagParams = new Map<number, number[]>();
  const tagStatement = (rows: number) => {
    let statement = tagStatements.get(rows);
    if (!statement) {
      statement = db.prepare(`INSERT OR IGNORE INTO mention_topics (mention_id, topic_id) VALUES ${Array.from({ length: rows }, () => '(?, ?)').join(', ')}`);
      tagStatements.set(rows, statement);
    }
    return statement;
  };
  const upsertMinute = db.prepare(`
    INSERT INTO volume_topic_minute (minute, topic_id, total, positive, neutral, negative, reach)
    VALUES (@minute, @topicId, @total, @positive, @neutral, @negative, @reach)
    ON CONFLICT (minute, topic_id) DO UPDATE SET
      total = total + excluded.total,
      positive = positive + excluded.positive,
      neutral = neutral + excluded.neutral,
      negative = negative + excluded.negative,
      reach = reach + excluded.reach`);
  const range = db.prepare(`
    SELECT minute, topic_id AS topicId, total, positive, neutral, negative, reach
    FROM volume_topic_minute WHERE minute >= ? AND minute <= ? ORDER BY minute, topic_id`);

  return {
    list(): Topic[] {
      return (all.all() as Row[]).map(toTopic);
    },
    get(id: number): Topic | null {
      const row = one.get(id) as Row | undefined;
      return row ? toTopic(row) : null;
    },
    create(fields: TopicFields, at: number): Topic {
      const id = Number(insert.run({ ...fields, enabled: fields.enabled ? 1 : 0, at }).lastInsertRowid);
      return toTopic(one.get(id) as Row);
    },
    update(id: number, fields: TopicFields, at: number): Topic | null {
      if (update.run({ ...fields, enabled: fields.enabled ? 1 : 0, at, id }).changes === 0) return null;
      return toTopic(one.get(id) as Row);
    },
    /** Deleting a topic drops its tags and rollups (ON DELETE CASCADE); the mentions stay. */
    remove(id: number): boolean {
      return remove.run(id).changes > 0;
    },
    /** Tags one mention; call inside the batch's transaction. */
    tag(mentionId: number, topicId: number): void {
      tag.run(mentionId, topicId);
    },
    /** Tags a batch's mentions: `pairs` holds mention id, topic id, mention id, topic id, … */
    tagMany(pairs: readonly number[]): void {
      for (let from = 0; from < pairs.length; from += TAG_ROWS * 2) {
        const n = Math.min(TAG_ROWS, (pairs.length - from) / 2);
        let values = tagParams.get(n);
        if (!values) tagParams.set(n, (values = new Array<number>(n * 2)));
        for (let i = 0; i < n * 2; i++) values[i] = pairs[from + i]!;
        tagStatement(n).run(values);
      }
    },
    addMinutes(increments: Iterable<TopicMinuteBucket>): void {
      for (const inc of increments) upsertMinute.run(inc);
    },
    /** Per-topic buckets with minute in [from, to]; minutes with nothing are absent. */
    range(from: number, to: number): TopicMinuteBucket[] {
      return range.all(from, to) as TopicMinuteBucket[];
    },
  };
}
