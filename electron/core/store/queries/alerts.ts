import type {
  Alert,
  AlertAction,
  AlertExplanation,
  AlertOpening,
  AlertHistoryEntry,
  AlertKind,
  AlertSeverity,
  AlertState,
  Incident,
} from '@shared/domain/alert';
import type { Db } from '../database';

/** One alert row as stored (also the shape of a version in alert_versions). */
export interface AlertRow {
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
  rule_id: number | null;
  incident_id: number | null;
  snoozed_until: number | null;
  assignee: string | null;
  resolved_by: string | null;
  explanation: string | null;
  /** JSON of the AlertOpening; absent from versions recorded before it was kept. */
  opening?: string | null;
}

function stateOf(r: AlertRow): AlertState {
  if (r.resolved_at !== null) return 'resolved';
  if (r.snoozed_until !== null) return 'snoozed';
  if (r.acknowledged_at !== null) return 'acknowledged';
  return 'open';
}

function parseOpening(json: string | null | undefined): AlertOpening | null {
  if (json == null) return null;
  try {
    return JSON.parse(json) as AlertOpening;
  } catch {
    return null;
  }
}

function parseExplanation(json: string | null): AlertExplanation | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as AlertExplanation;
  } catch {
    return null;
  }
}

export function toAlert(r: AlertRow): Alert {
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
    ruleId: r.rule_id,
    incidentId: r.incident_id,
    state: stateOf(r),
    snoozedUntil: r.snoozed_until,
    assignee: r.assignee,
    resolvedBy: r.resolved_by,
    explanation: parseExplanation(r.explanation),
    opening: parseOpening(r.opening),
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
  ruleId?: number | null;
  incidentId?: number | null;
  explanation?: AlertExplanation | null;
  /** Written once, when the alert opens; refreshes leave it alone. */
  opening?: AlertOpening | null;
}

interface IncidentRow {
  id: number;
  topic_id: number | null;
  title: string;
  severity: string;
  opened_at: number;
  last_at: number;
  resolved_at: number | null;
  alert_ids: string;
}

function toIncident(r: IncidentRow): Incident {
  return {
    id: r.id,
    topicId: r.topic_id,
    title: r.title,
    severity: r.severity as AlertSeverity,
    openedAt: r.opened_at,
    lastAt: r.last_at,
    resolvedAt: r.resolved_at,
    alertIds: JSON.parse(r.alert_ids) as number[],
  };
}

interface EventRow {
  id: number;
  alert_id: number;
  at: number;
  action: string;
  actor: string;
  detail: string;
}

export type AlertQueries = ReturnType<typeof alertQueries>;

export function alertQueries(db: Db) {
  const open = db.prepare('SELECT * FROM alerts WHERE resolved_at IS NULL ORDER BY opened_at DESC, id DESC');
  const recent = db.prepare('SELECT * FROM alerts ORDER BY opened_at DESC, id DESC LIMIT ?');
  const one = db.prepare('SELECT * FROM alerts WHERE id = ?');
  const openByKey = db.prepare('SELECT * FROM alerts WHERE dedupe_key = ? AND resolved_at IS NULL ORDER BY opened_at DESC LIMIT 1');
  const lastByKey = db.prepare('SELECT * FROM alerts WHERE dedupe_key = ? ORDER BY opened_at DESC LIMIT 1');
  const insert = db.prepare(`
    INSERT INTO alerts (kind, severity, dedupe_key, title, detail, opened_at, updated_at, evidence, topic_id, rule_id, incident_id, explanation, opening)
    VALUES (@kind, @severity, @dedupeKey, @title, @detail, @at, @at, @evidence, @topicId, @ruleId, @incidentId, @explanation, @opening)`);
  const refresh = db.prepare(
    'UPDATE alerts SET title = ?, detail = ?, updated_at = ?, evidence = ?, severity = ?, explanation = COALESCE(?, explanation) WHERE id = ?',
  );
  const ack = db.prepare('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL');
  const resolve = db.prepare('UPDATE alerts SET resolved_at = ?, resolved_by = ?, snoozed_until = NULL WHERE id = ? AND resolved_at IS NULL');
  const snooze = db.prepare('UPDATE alerts SET snoozed_until = ? WHERE id = ? AND resolved_at IS NULL');
  const wake = db.prepare('SELECT * FROM alerts WHERE resolved_at IS NULL AND snoozed_until IS NOT NULL AND snoozed_until <= ?');
  const assign = db.prepare('UPDATE alerts SET assignee = ? WHERE id = ? AND resolved_at IS NULL');
  const addEvent = db.prepare('INSERT INTO alert_events (alert_id, at, action, actor, detail) VALUES (?, ?, ?, ?, ?)');
  const events = db.prepare('SELECT * FROM alert_events WHERE alert_id = ? ORDER BY id');
  const incidentCols = `i.*, (SELECT json_group_array(id) FROM (SELECT id FROM alerts WHERE incident_id = i.id ORDER BY opened_at, id)) AS alert_ids`;
  const openIncidents = db.prepare(`SELECT ${incidentCols} FROM incidents i WHERE resolved_at IS NULL ORDER BY last_at DESC`);
  const recentIncidents = db.prepare(`SELECT ${incidentCols} FROM incidents i ORDER BY last_at DESC LIMIT ?`);
  const oneIncident = db.prepare(`SELECT ${incidentCols} FROM incidents i WHERE id = ?`);
  const insertIncident = db.prepare('INSERT INTO incidents (topic_id, title, severity, opened_at, last_at) VALUES (?, ?, ?, ?, ?)');
  const touchIncident = db.prepare('UPDATE incidents SET last_at = MAX(last_at, ?), severity = ? WHERE id = ?');
  const resolveIdleIncidents = db.prepare(`
    UPDATE incidents SET resolved_at = ? WHERE resolved_at IS NULL AND last_at <= ?
      AND NOT EXISTS (SELECT 1 FROM alerts WHERE incident_id = incidents.id AND resolved_at IS NULL)`);

  return {
    open(): Alert[] {
      return (open.all() as AlertRow[]).map(toAlert);
    },
    /** Newest first, resolved ones included. */
    recent(limit: number): Alert[] {
      return (recent.all(limit) as AlertRow[]).map(toAlert);
    },
    get(id: number): Alert | null {
      const row = one.get(id) as AlertRow | undefined;
      return row ? toAlert(row) : null;
    },
    openByKey(key: string): Alert | null {
      const row = openByKey.get(key) as AlertRow | undefined;
      return row ? toAlert(row) : null;
    },
    lastByKey(key: string): Alert | null {
      const row = lastByKey.get(key) as AlertRow | undefined;
      return row ? toAlert(row) : null;
    },
    insert(alert: NewAlert): number {
      return Number(
        insert.run({
          ...alert,
          evidence: JSON.stringify(alert.evidence),
          topicId: alert.topicId ?? null,
          ruleId: alert.ruleId ?? null,
          incidentId: alert.incidentId ?? null,
          explanation: alert.explanation ? JSON.stringify(alert.explanation) : null,
          opening: alert.opening ? JSON.stringify(alert.opening) : null,
        }).lastInsertRowid,
      );
    },
    refresh(id: number, alert: NewAlert): void {
      refresh.run(
        alert.title,
        alert.detail,
        alert.at,
        JSON.stringify(alert.evidence),
        alert.severity,
        alert.explanation ? JSON.stringify(alert.explanation) : null,
        id,
      );
    },
    acknowledge(id: number, by: string, at: number): boolean {
      return ack.run(at, by, id).changes > 0;
    },
    resolve(id: number, at: number, by: string | null = null): boolean {
      return resolve.run(at, by, id).changes > 0;
    },
    snooze(id: number, until: number | null): boolean {
      return snooze.run(until, id).changes > 0;
    },
    /** Snoozed alerts whose snooze has run out. */
    dueToWake(at: number): Alert[] {
      return (wake.all(at) as AlertRow[]).map(toAlert);
    },
    assign(id: number, assignee: string | null): boolean {
      return assign.run(assignee, id).changes > 0;
    },
    addEvent(alertId: number, at: number, action: AlertAction, actor: string, detail = ''): void {
      addEvent.run(alertId, at, action, actor, detail);
    },
    history(alertId: number): AlertHistoryEntry[] {
      return (events.all(alertId) as EventRow[]).map((r) => ({
        id: r.id,
        alertId: r.alert_id,
        at: r.at,
        action: r.action as AlertAction,
        actor: r.actor,
        detail: r.detail,
      }));
    },
    openIncidents(): Incident[] {
      return (openIncidents.all() as IncidentRow[]).map(toIncident);
    },
    recentIncidents(limit: number): Incident[] {
      return (recentIncidents.all(limit) as IncidentRow[]).map(toIncident);
    },
    incident(id: number): Incident | null {
      const row = oneIncident.get(id) as IncidentRow | undefined;
      return row ? toIncident(row) : null;
    },
    createIncident(topicId: number | null, title: string, severity: AlertSeverity, at: number): number {
      return Number(insertIncident.run(topicId, title, severity, at, at).lastInsertRowid);
    },
    touchIncident(id: number, at: number, severity: AlertSeverity): void {
      touchIncident.run(at, severity, id);
    },
    /** Closes incidents with no open alert and no firing since `idleSince`. */
    resolveIdleIncidents(at: number, idleSince: number): number {
      return resolveIdleIncidents.run(at, idleSince).changes;
    },
  };
}
