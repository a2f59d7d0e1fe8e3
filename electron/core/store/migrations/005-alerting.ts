import { DEFAULT_RULES } from '@shared/logic/alerts/defaults';
import type { Migration } from './migration';

const sqlText = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** The starting rules, written once: a user who deletes one does not get it back on the next start. */
const seedRules = DEFAULT_RULES.map(
  (r) => `
    INSERT INTO alert_rules (name, topic_id, kind, enabled, severity, cooldown_minutes, persist_minutes, quiet_hours, params, created_at, updated_at)
    VALUES (${sqlText(r.name)}, NULL, ${sqlText(r.params.kind)}, ${r.enabled ? 1 : 0}, ${sqlText(r.severity)}, ${r.cooldownMinutes}, ${r.persistMinutes}, NULL, ${sqlText(JSON.stringify(r.params))}, 0, 0);`,
).join('');

/**
 * Alerting: stored rules, incidents that group related firings, the lifecycle fields of
 * an alert with an append-only history, and outbound webhooks with their delivery log.
 */
export const migration005: Migration = {
  version: 5,
  name: 'alerting: rules, incidents, alert history, webhooks',
  up: `
    CREATE TABLE alert_rules (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      -- NULL watches every mention; a deleted topic takes its rules with it.
      topic_id INTEGER REFERENCES topics(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      enabled INTEGER NOT NULL,
      severity TEXT NOT NULL,
      cooldown_minutes INTEGER NOT NULL,
      persist_minutes INTEGER NOT NULL,
      -- JSON {"from":"22:00","to":"07:00"} or NULL.
      quiet_hours TEXT,
      -- JSON of the kind's parameters, checked with the contract's schema when read.
      params TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE incidents (
      id INTEGER PRIMARY KEY,
      topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL,
      title TEXT NOT NULL,
      severity TEXT NOT NULL,
      opened_at INTEGER NOT NULL,
      last_at INTEGER NOT NULL,
      resolved_at INTEGER
    ) STRICT;
    CREATE INDEX incidents_open ON incidents(resolved_at, last_at);

    ALTER TABLE alerts ADD COLUMN rule_id INTEGER REFERENCES alert_rules(id) ON DELETE SET NULL;
    ALTER TABLE alerts ADD COLUMN incident_id INTEGER REFERENCES incidents(id) ON DELETE SET NULL;
    ALTER TABLE alerts ADD COLUMN snoozed_until INTEGER;
    ALTER TABLE alerts ADD COLUMN assignee TEXT;
    ALTER TABLE alerts ADD COLUMN resolved_by TEXT;
    -- JSON AlertExplanation (observed vs expected, band, rule, terms, link) or NULL.
    ALTER TABLE alerts ADD COLUMN explanation TEXT;
    CREATE INDEX alerts_by_incident ON alerts(incident_id);
    CREATE INDEX alerts_recent ON alerts(opened_at);

    -- Who did what to an alert and when. Append-only: rows can be added, never changed or removed
    -- (except with their alert).
    CREATE TABLE alert_events (
      id INTEGER PRIMARY KEY,
      alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      action TEXT NOT NULL,
      actor TEXT NOT NULL,
      detail TEXT NOT NULL
    ) STRICT;
    CREATE INDEX alert_events_by_alert ON alert_events(alert_id, id);
    CREATE TRIGGER alert_events_no_update BEFORE UPDATE ON alert_events
      BEGIN SELECT RAISE(ABORT, 'alert history is append-only'); END;
    CREATE TRIGGER alert_events_no_delete BEFORE DELETE ON alert_events
      WHEN (SELECT COUNT(*) FROM alerts WHERE id = OLD.alert_id) > 0
      BEGIN SELECT RAISE(ABORT, 'alert history is append-only'); END;

    CREATE TABLE webhook_destinations (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      url TEXT NOT NULL,
      format TEXT NOT NULL,
      min_severity TEXT NOT NULL,
      enabled INTEGER NOT NULL,
      -- The HMAC-SHA256 key itself lives in the secret store (secrets.json, OS-keychain encrypted in
      -- the app), never in the database, a log, an export or a window.
      has_secret INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE webhook_deliveries (
      id INTEGER PRIMARY KEY,
      destination_id INTEGER NOT NULL REFERENCES webhook_destinations(id) ON DELETE CASCADE,
      alert_id INTEGER REFERENCES alerts(id) ON DELETE SET NULL,
      at INTEGER NOT NULL,
      attempts INTEGER NOT NULL,
      status TEXT NOT NULL,
      http_status INTEGER,
      error TEXT
    ) STRICT;
    CREATE INDEX webhook_deliveries_recent ON webhook_deliveries(at);
    ${seedRules}
  `,
};
