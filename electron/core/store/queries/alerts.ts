import type { Alert, AlertKind, AlertSeverity } from '../../../../shared/domain/alert';
import type { Db } from '../database';

interface Row {
  id: number;
  kind: string;
  severity: string;
  dedupe_key: string;
  title: string;
  detail: string;
  opened_at: number;
  updated_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
  evidence: string;
  topic_id: number | null;
}

function toAlert(r: Row): Alert {
  return {
    id: r.id,
    kind: r.kind as AlertKind,
    severity: r.severity as AlertSeverity,
    dedupeKey: r.dedupe_key,
    title: r.title,
    detail: r.detail,
    openedAt: r.opened_at,
    updatedAt: r.updated_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    resolvedAt: r.resolved_at,
    evidence: JSON.parse(r.evidence) as number[],
    topicId: r.topic_id,
  };
}

export interface NewAlert {
  kind: AlertKind;
  severity: AlertSeverity;
  /** Firings with the same key update one alert instead of opening another. */
  dedupeKey: string;
  title: string;
  detail: string;
  at: number;
  evidence: number[];
  topicId?: number | null;
}

export type AlertQueries = ReturnType<typeof alertQueries>;

export function alertQueries(db: Db) {
  const open = db.prepare('SELECT * FROM alerts WHERE resolved_at IS NULL ORDER BY opened_at DESC, id DESC');
  const one = db.prepare('SELECT * FROM alerts WHERE id = ?');
  const openByKey = db.prepare('SELECT * FROM alerts WHERE dedupe_key = ? AND resolved_at IS NULL ORDER BY opened_at DESC LIMIT 1');
  const lastByKey = db.prepare('SELECT * FROM alerts WHERE dedupe_key = ? ORDER BY opened_at DESC LIMIT 1');
  const insert = db.prepare(`
    INSERT INTO alerts (kind, severity, dedupe_key, title, detail, opened_at, updated_at, evidence, topic_id)
    VALUES (@kind, @severity, @dedupeKey, @title, @detail, @at, @at, @evidence, @topicId)`);
  const refresh = db.prepare('UPDATE alerts SET title = ?, detail = ?, updated_at = ?, evidence = ?, severity = ? WHERE id = ?');
  const ack = db.prepare('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL');
  const resolve = db.prepare('UPDATE alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL');

  return {
    open(): Alert[] {
      return (open.all() as Row[]).map(toAlert);
    },
    get(id: number): Alert | null {
      const row = one.get(id) as Row | undefined;
      return row ? toAlert(row) : null;
    },
    openByKey(key: string): Alert | null {
      const row = openByKey.get(key) as Row | undefined;
      return row ? toAlert(row) : null;
    },
    lastByKey(key: string): Alert | null {
      const row = lastByKey.get(key) as Row | undefined;
      return row ? toAlert(row) : null;
    },
    insert(alert: NewAlert): number {
      return Number(insert.run({ ...alert, evidence: JSON.stringify(alert.evidence), topicId: alert.topicId ?? null }).lastInsertRowid);
    },
    refresh(id: number, alert: NewAlert): void {
      refresh.run(alert.title, alert.detail, alert.at, JSON.stringify(alert.evidence), alert.severity, id);
    },
    acknowledge(id: number, by: string, at: number): boolean {
      return ack.run(at, by, id).changes > 0;
    },
    resolve(id: number, at: number): boolean {
      return resolve.run(at, id).changes > 0;
    },
  };
}
