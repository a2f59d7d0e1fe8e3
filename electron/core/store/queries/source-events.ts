/** The record of sources' conditions (migration 009): written by the scheduler, read by replays and bundles. */
import type { SourceEvent, SourceEventKind } from '@shared/domain/source';
import type { Db } from '../database';

const COLUMNS = 'id, at, source_id AS sourceId, kind, error, rate_limited_until AS rateLimitedUntil, consecutive_failures AS consecutiveFailures';
/** A condition older than this with nothing after it is not replayed (but a pause is, however old). */
const LOOK_BACK_MS = 30 * 24 * 3_600_000;

export function sourceEventQueries(db: Db) {
  const insert = db.prepare('INSERT INTO source_events (at, source_id, kind, error, rate_limited_until, consecutive_failures) VALUES (?, ?, ?, ?, ?, ?)');
  const recent = db.prepare(`SELECT ${COLUMNS} FROM source_events WHERE at > ? AND at <= ?`);
  // Per source: its last pause/resume by `at`, and its first one after.
  const toggles = db.prepare(`
    SELECT ${COLUMNS} FROM source_events WHERE id IN (
      SELECT (SELECT x.id FROM source_events x WHERE x.source_id = s.source_id AND x.at <= @at AND x.kind IN ('paused', 'resumed') ORDER BY x.at DESC, x.id DESC LIMIT 1)
      FROM (SELECT DISTINCT source_id FROM source_events) s
      UNION ALL
      SELECT (SELECT x.id FROM source_events x WHERE x.source_id = s.source_id AND x.at > @at AND x.kind IN ('paused', 'resumed') ORDER BY x.at, x.id LIMIT 1)
      FROM (SELECT DISTINCT source_id FROM source_events) s)`);
  const between = db.prepare(`SELECT ${COLUMNS} FROM source_events WHERE at >= ? AND at <= ? ORDER BY at, id`);
  return {
    add(
      at: number,
      sourceId: string,
      kind: SourceEventKind,
      detail: { error?: string | null; rateLimitedUntil?: number | null; consecutiveFailures?: number } = {},
    ): void {
      insert.run(at, sourceId, kind, detail.error ?? null, detail.rateLimitedUntil ?? null, detail.consecutiveFailures ?? 0);
    },
    /** Per source, in time order, what `sourceConditionAt` needs for moment `at`. */
    forMoment(at: number): Map<string, SourceEvent[]> {
      const byId = new Map<number, SourceEvent>();
      for (const e of [...(recent.all(at - LOOK_BACK_MS, at) as SourceEvent[]), ...(toggles.all({ at }) as SourceEvent[])]) byId.set(e.id, e);
      const bySource = new Map<string, SourceEvent[]>();
      for (const e of [...byId.values()].sort((a, b) => a.at - b.at || a.id - b.id)) {
        const list = bySource.get(e.sourceId) ?? [];
        list.push(e);
        bySource.set(e.sourceId, list);
      }
      return bySource;
    },
    between(from: number, to: number): SourceEvent[] {
      return between.all(from, to) as SourceEvent[];
    },
  };
}
