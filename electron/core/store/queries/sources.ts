import type { SourceKind } from '@shared/domain/source';
import type { Db } from '../database';

export interface SourceRecord {
  id: string;
  kind: SourceKind;
  name: string;
  /** The adapter's own settings as JSON; each adapter validates it when it is created. */
  config: string;
  enabled: boolean;
  intervalMs: number;
  cursor: string | null;
  lastSuccessAt: number | null;
  lastDeliveryAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  itemsTotal: number;
  itemsSkipped: number;
  createdAt: number;
  /** Deleted sources keep their row (their mentions name it) but are not listed or run. */
  deletedAt: number | null;
  /** The platform asked us not to poll before this time (kept across restarts). */
  rateLimitedUntil: number | null;
  /** Publication time of the newest mention stored from this source. */
  newestPublishedAt: number | null;
}

interface Row {
  id: string;
  kind: string;
  name: string;
  config: string;
  enabled: number;
  interval_ms: number;
  cursor: string | null;
  last_success_at: number | null;
  last_delivery_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  items_total: number;
  items_skipped: number;
  created_at: number;
  deleted_at: number | null;
  rate_limited_until: number | null;
  newest_published_at: number | null;
}

function toRecord(r: Row): SourceRecord {
  return {
    id: r.id,
    kind: r.kind as SourceKind,
    name: r.name,
    config: r.config,
    enabled: r.enabled === 1,
    intervalMs: r.interval_ms,
    cursor: r.cursor,
    lastSuccessAt: r.last_success_at,
    lastDeliveryAt: r.last_delivery_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    itemsTotal: r.items_total,
    itemsSkipped: r.items_skipped,
    createdAt: r.created_at,
    deletedAt: r.deleted_at,
    rateLimitedUntil: r.rate_limited_until,
    newestPublishedAt: r.newest_published_at,
  };
}

export type SourceQueries = ReturnType<typeof sourceQueries>;

export function sourceQueries(db: Db) {
  const all = db.prepare('SELECT * FROM sources WHERE deleted_at IS NULL ORDER BY created_at, id');
  const one = db.prepare('SELECT * FROM sources WHERE id = ?');
  const insert = db.prepare(`
    INSERT INTO sources (id, kind, name, config, enabled, interval_ms, created_at)
    VALUES (@id, @kind, @name, @config, @enabled, @intervalMs, @createdAt)`);
  const updateConfig = db.prepare('UPDATE sources SET name = @name, config = @config, interval_ms = @intervalMs WHERE id = @id');
  // A source told to listen to something else starts from the platform's newest page again;
  // (source, external id) is unique, so nothing already stored is stored twice.
  const updateSettings = db.prepare(`
    UPDATE sources SET name = @name, config = @config, interval_ms = @intervalMs,
      cursor = CASE WHEN @resetCursor = 1 THEN NULL ELSE cursor END,
      rate_limited_until = CASE WHEN @resetCursor = 1 THEN NULL ELSE rate_limited_until END
    WHERE id = @id AND deleted_at IS NULL`);
  const markDeleted = db.prepare('UPDATE sources SET deleted_at = ?, enabled = 0 WHERE id = ? AND deleted_at IS NULL');
  const restore = db.prepare('UPDATE sources SET deleted_at = NULL, enabled = 1 WHERE id = ? AND deleted_at IS NOT NULL');
  const rateLimit = db.prepare('UPDATE sources SET rate_limited_until = ? WHERE id = ?');
  const newest = db.prepare(`
    UPDATE sources SET newest_published_at = @at
    WHERE id = @id AND (newest_published_at IS NULL OR newest_published_at < @at)`);
  const setEnabled = db.prepare('UPDATE sources SET enabled = ? WHERE id = ?');
  const success = db.prepare(`
    UPDATE sources SET cursor = @cursor, last_success_at = @at,
      last_delivery_at = CASE WHEN @stored > 0 THEN @at ELSE last_delivery_at END,
      items_total = items_total + @stored, items_skipped = items_skipped + @skipped,
      rate_limited_until = NULL
    WHERE id = @id`);
  const failure = db.prepare('UPDATE sources SET last_error = ?, last_error_at = ? WHERE id = ?');

  return {
    list(): SourceRecord[] {
      return (all.all() as Row[]).map(toRecord);
    },
    get(id: string): SourceRecord | null {
      const row = one.get(id) as Row | undefined;
      return row ? toRecord(row) : null;
    },
    create(source: Pick<SourceRecord, 'id' | 'kind' | 'name' | 'config' | 'enabled' | 'intervalMs' | 'createdAt'>): void {
      insert.run({ ...source, enabled: source.enabled ? 1 : 0 });
    },
    updateConfig(id: string, name: string, config: string, intervalMs: number): void {
      updateConfig.run({ id, name, config, intervalMs });
    },
    /** Name, settings and interval of a live source; `resetCursor` when what it listens to changed. */
    updateSettings(id: string, change: { name: string; config: string; intervalMs: number; resetCursor: boolean }): boolean {
      return updateSettings.run({ id, ...change, resetCursor: change.resetCursor ? 1 : 0 }).changes > 0;
    },
    /** Soft delete: the row stays for the mentions that reference it. */
    markDeleted(id: string, at: number): boolean {
      return markDeleted.run(at, id).changes > 0;
    },
    /** Brings a deleted source back (a replay named again on the command line). */
    restore(id: string): boolean {
      return restore.run(id).changes > 0;
    },
    setRateLimitedUntil(id: string, until: number | null): void {
      rateLimit.run(until, id);
    },
    /** Runs inside the ingest transaction with the newest publication time of the batch. */
    noteNewest(id: string, publishedAt: number): void {
      newest.run({ id, at: publishedAt });
    },
    setEnabled(id: string, enabled: boolean): boolean {
      return setEnabled.run(enabled ? 1 : 0, id).changes > 0;
    },
    /** Runs inside the ingest transaction, so the cursor moves only with the mentions it covers. */
    recordSuccess(id: string, cursor: string | null, at: number, stored: number, skipped: number): void {
      success.run({ id, cursor, at, stored, skipped });
    },
    recordFailure(id: string, message: string, at: number): void {
      failure.run(message, at, id);
    },
  };
}
