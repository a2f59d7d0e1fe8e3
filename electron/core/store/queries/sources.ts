import type { SourceKind } from '../../../../shared/domain/source';
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
  };
}

export type SourceQueries = ReturnType<typeof sourceQueries>;

export function sourceQueries(db: Db) {
  const all = db.prepare('SELECT * FROM sources ORDER BY created_at, id');
  const one = db.prepare('SELECT * FROM sources WHERE id = ?');
  const insert = db.prepare(`
    INSERT INTO sources (id, kind, name, config, enabled, interval_ms, created_at)
    VALUES (@id, @kind, @name, @config, @enabled, @intervalMs, @createdAt)`);
  const updateConfig = db.prepare('UPDATE sources SET name = @name, config = @config, interval_ms = @intervalMs WHERE id = @id');
  const setEnabled = db.prepare('UPDATE sources SET enabled = ? WHERE id = ?');
  const success = db.prepare(`
    UPDATE sources SET cursor = @cursor, last_success_at = @at,
      last_delivery_at = CASE WHEN @stored > 0 THEN @at ELSE last_delivery_at END,
      items_total = items_total + @stored, items_skipped = items_skipped + @skipped
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
