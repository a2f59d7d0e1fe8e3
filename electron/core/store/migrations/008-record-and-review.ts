import type { Migration } from './migration';

/**
 * The complete record: when each mention was heard, timeline annotations, a log of what
 * walls were told to show, and crisis drills (scenarios, runs, and the tag on what a drill injects).
 */
export const migration008: Migration = {
  version: 8,
  name: 'record and review: heard_at, annotations, wall events, drills',
  up: `
    -- When the war room could first have seen a mention; see Mention.heardAt. History brought in by
    -- an import or a replay counts as heard when it was published.
    ALTER TABLE mentions ADD COLUMN heard_at INTEGER NOT NULL DEFAULT 0;
    UPDATE mentions SET heard_at = CASE
      WHEN source_id IN (SELECT id FROM sources WHERE kind IN ('import', 'replay')) THEN published_at
      ELSE ingested_at END;
    CREATE INDEX mentions_by_heard ON mentions(heard_at);

    -- What a crisis drill injected. Drill rows are removed when the drill stops; until then every
    -- KPI and report leaves them out.
    ALTER TABLE mentions ADD COLUMN drill_run_id INTEGER;
    CREATE INDEX mentions_by_drill ON mentions(drill_run_id) WHERE drill_run_id IS NOT NULL;
    ALTER TABLE alerts ADD COLUMN drill_run_id INTEGER;
    ALTER TABLE care_conversations ADD COLUMN drill_run_id INTEGER;
    CREATE INDEX care_conversations_by_drill ON care_conversations(drill_run_id) WHERE drill_run_id IS NOT NULL;
    -- A drill's conversations leave with the drill; real care history stays append-only.
    DROP TRIGGER care_events_no_delete;
    CREATE TRIGGER care_events_no_delete BEFORE DELETE ON care_events
      WHEN (SELECT drill_run_id FROM care_conversations WHERE id = OLD.conversation_id) IS NULL
      BEGIN SELECT RAISE(ABORT, 'care history is append-only'); END;

    -- Notes on the timeline: what the team decided, outside events ("statement published").
    CREATE TABLE annotations (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      text TEXT NOT NULL,
      author TEXT NOT NULL,
      topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL,
      incident_id INTEGER REFERENCES incidents(id) ON DELETE SET NULL,
      created_at INTEGER NOT NULL,
      -- Deleting keeps the row (the record is complete): it is hidden from replays and reports.
      deleted_at INTEGER,
      deleted_by TEXT
    ) STRICT;
    CREATE INDEX annotations_by_at ON annotations(at);

    -- What each wall was told to show (takeovers, pushes, pause, blank), for replays and reports.
    CREATE TABLE wall_events (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      display_id TEXT,
      action TEXT NOT NULL,
      actor TEXT NOT NULL,
      detail TEXT NOT NULL
    ) STRICT;
    CREATE INDEX wall_events_by_at ON wall_events(at);

    -- An alert as it stood after each change (review-core): replay shows an alert's title, detail,
    -- severity, evidence and state as the war room saw them at a moment. Written by triggers, so
    -- every change is caught: each history line (opened, acknowledged, snoozed, assigned, resolved,
    -- escalated, reopened …) and each refresh of a firing alert (updated_at moves).
    CREATE TABLE alert_versions (
      id INTEGER PRIMARY KEY,
      alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      row TEXT NOT NULL
    ) STRICT;
    CREATE INDEX alert_versions_by_alert ON alert_versions(alert_id, at, id);
    CREATE TRIGGER alert_versions_on_event AFTER INSERT ON alert_events
      WHEN NEW.action NOT IN ('delivered', 'delivery-failed')
      BEGIN
        INSERT INTO alert_versions (alert_id, at, row)
        SELECT id, NEW.at, json_object('id', id, 'kind', kind, 'severity', severity, 'dedupe_key', dedupe_key, 'title', title,
          'detail', detail, 'opened_at', opened_at, 'updated_at', updated_at, 'acknowledged_at', acknowledged_at,
          'acknowledged_by', acknowledged_by, 'resolved_at', resolved_at, 'evidence', evidence, 'topic_id', topic_id,
          'rule_id', rule_id, 'incident_id', incident_id, 'snoozed_until', snoozed_until, 'assignee', assignee,
          'resolved_by', resolved_by, 'explanation', explanation)
        FROM alerts WHERE id = NEW.alert_id;
      END;
    CREATE TRIGGER alert_versions_on_refresh AFTER UPDATE OF updated_at, title, detail, severity, evidence, explanation ON alerts
      WHEN NEW.updated_at IS NOT OLD.updated_at OR NEW.title IS NOT OLD.title OR NEW.detail IS NOT OLD.detail
        OR NEW.severity IS NOT OLD.severity OR NEW.evidence IS NOT OLD.evidence OR NEW.explanation IS NOT OLD.explanation
      BEGIN
        INSERT INTO alert_versions (alert_id, at, row)
        VALUES (NEW.id, NEW.updated_at, json_object('id', NEW.id, 'kind', NEW.kind, 'severity', NEW.severity, 'dedupe_key', NEW.dedupe_key,
          'title', NEW.title, 'detail', NEW.detail, 'opened_at', NEW.opened_at, 'updated_at', NEW.updated_at,
          'acknowledged_at', NEW.acknowledged_at, 'acknowledged_by', NEW.acknowledged_by, 'resolved_at', NEW.resolved_at,
          'evidence', NEW.evidence, 'topic_id', NEW.topic_id, 'rule_id', NEW.rule_id, 'incident_id', NEW.incident_id,
          'snoozed_until', NEW.snoozed_until, 'assignee', NEW.assignee, 'resolved_by', NEW.resolved_by, 'explanation', NEW.explanation));
      END;

    -- Users' own drill scenarios; the built-in library ships in resources/drills.
    CREATE TABLE drill_scenarios (
      id TEXT PRIMARY KEY,
      doc TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE drill_runs (
      id INTEGER PRIMARY KEY,
      scenario_id TEXT NOT NULL,
      -- The scenario as it ran, so a later edit does not rewrite the report.
      scenario_doc TEXT NOT NULL,
      seed INTEGER NOT NULL,
      started_at INTEGER NOT NULL,
      started_by TEXT NOT NULL,
      stopped_at INTEGER,
      stopped_by TEXT,
      status TEXT NOT NULL,
      -- How much faster than scenario time the drill ran (2 = twice as fast).
      speed REAL NOT NULL DEFAULT 1,
      -- JSON DrillReport, written when the drill stops (before its mentions are removed).
      report TEXT
    ) STRICT;
  `,
};
