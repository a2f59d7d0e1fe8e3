/**
 * The drill tables (`drill_scenarios`, `drill_runs`), the drill tags on mentions, alerts and
 * conversations, what a drill report reads, and removing a drill's alerts and conversations (its
 * posts and what derives from them go through the derived-tables registry, `derived.ts`).
 */
import type { DrillRunRecord } from '@shared/contract/areas/drills';
import type { DrillReport } from '@shared/logic/drills/report';
import type { Db } from '../database';

export interface RunRow {
  id: number;
  scenario_id: string;
  scenario_doc: string;
  seed: number;
  started_at: number;
  started_by: string;
  stopped_at: number | null;
  stopped_by: string | null;
  status: string;
  speed: number;
  report: string | null;
}

export function toRunRecord(r: RunRow): DrillRunRecord {
  let name = r.scenario_id;
  try {
    name = (JSON.parse(r.scenario_doc) as { name?: string }).name ?? name;
  } catch {
    // the id stands in for an unreadable document
  }
  return {
    id: r.id,
    scenarioId: r.scenario_id,
    scenarioName: name,
    startedAt: r.started_at,
    startedBy: r.started_by,
    stoppedAt: r.stopped_at,
    stoppedBy: r.stopped_by,
    status: r.status as DrillRunRecord['status'],
    report: r.report ? (JSON.parse(r.report) as DrillReport) : null,
  };
}

export interface ReportAlertRow {
  id: number;
  title: string;
  severity: string;
  opened_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
}
export interface ReportConversationRow {
  id: number;
  author_handle: string;
  platform: string;
  opened_at: number;
  first_response_at: number | null;
  status: string;
  responder: string | null;
}
export interface ReportActionRow {
  at: number;
  actor: string;
  action: string;
  detail: string;
}

export type DrillQueries = ReturnType<typeof drillQueries>;

export function drillQueries(db: Db) {
  const scenarios = db.prepare<[], { id: string; doc: string; updated_at: number }>('SELECT id, doc, updated_at FROM drill_scenarios ORDER BY id');
  const scenario = db.prepare<[string], { id: string; doc: string; updated_at: number }>('SELECT id, doc, updated_at FROM drill_scenarios WHERE id = ?');
  const upsert = db.prepare(`
    INSERT INTO drill_scenarios (id, doc, created_at, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`);
  const remove = db.prepare('DELETE FROM drill_scenarios WHERE id = ?');
  const insertRun = db.prepare(`
    INSERT INTO drill_runs (scenario_id, scenario_doc, seed, started_at, started_by, status, speed)
    VALUES (?, ?, ?, ?, ?, 'running', ?)`);
  const run = db.prepare<[number], RunRow>('SELECT * FROM drill_runs WHERE id = ?');
  const running = db.prepare<[], RunRow>("SELECT * FROM drill_runs WHERE status = 'running' ORDER BY id");
  const runs = db.prepare<[number], RunRow>('SELECT * FROM drill_runs ORDER BY id DESC LIMIT ?');
  const finish = db.prepare('UPDATE drill_runs SET stopped_at = ?, stopped_by = ?, status = ?, report = ? WHERE id = ?');
  const injected = db.prepare<[number], number>('SELECT COUNT(*) FROM mentions WHERE drill_run_id = ?').pluck();
  const alertCount = db.prepare<[number], number>('SELECT COUNT(*) FROM alerts WHERE drill_run_id = ?').pluck();
  const conversationCount = db.prepare<[number], number>('SELECT COUNT(*) FROM care_conversations WHERE drill_run_id = ?').pluck();
  // An alert is the drill's when it opened during the run and its evidence includes a drill post;
  // alerts without drill evidence (a source failing, a real keyword hit) stay real. Its title says
  // DRILL, so walls, the alerts list and outbound webhooks cannot mistake it for a real one.
  const tagAlerts = db.prepare(`
    UPDATE alerts SET drill_run_id = @run, title = CASE WHEN title LIKE '[DRILL] %' THEN title ELSE '[DRILL] ' || title END
    WHERE drill_run_id IS NULL AND opened_at >= @since
      AND EXISTS (SELECT 1 FROM json_each(alerts.evidence) e JOIN mentions m ON m.id = e.value WHERE m.drill_run_id = @run)`);
  // A conversation is the drill's when every post in it is a drill post (a drill post that joins a
  // real customer's conversation leaves that conversation real).
  const tagConversations = db.prepare(`
    UPDATE care_conversations SET drill_run_id = @run
    WHERE drill_run_id IS NULL AND id IN (SELECT value FROM json_each(@ids))
      AND NOT EXISTS (
        SELECT 1 FROM care_conversation_mentions l JOIN mentions m ON m.id = l.mention_id
        WHERE l.conversation_id = care_conversations.id AND m.drill_run_id IS NOT @run)`);
  const conversationsOf = db
    .prepare<[string], number>(`SELECT DISTINCT conversation_id FROM care_conversation_mentions WHERE mention_id IN (SELECT value FROM json_each(?))`)
    .pluck();
  const ensureSource = db.prepare(`
    INSERT INTO sources (id, kind, name, config, enabled, interval_ms, created_at, deleted_at)
    VALUES (?, 'drill', 'Crisis drill (internal)', '{}', 0, 60000, ?, ?) ON CONFLICT (id) DO NOTHING`);

  // --- the report
  const reportAlerts = db.prepare<[number], ReportAlertRow>(
    'SELECT id, title, severity, opened_at, acknowledged_at, acknowledged_by FROM alerts WHERE drill_run_id = ? ORDER BY opened_at, id',
  );
  const reportConversations = db.prepare<[number], ReportConversationRow>(`
    SELECT c.id, c.author_handle, c.platform, c.opened_at, c.first_response_at, c.status,
      (SELECT actor FROM care_events e WHERE e.conversation_id = c.id AND e.kind IN ('reply-sent', 'reply-sent-by-hand') ORDER BY e.at, e.id LIMIT 1) AS responder
    FROM care_conversations c WHERE c.drill_run_id = ? ORDER BY c.opened_at, c.id`);
  // What people did (the engine's and the system's own lines are not actions).
  const alertActions = db.prepare<[number], ReportActionRow>(`
    SELECT e.at, e.actor, e.action, e.detail FROM alert_events e JOIN alerts a ON a.id = e.alert_id
    WHERE a.drill_run_id = ? AND e.actor <> 'earshot'`);
  const careActions = db.prepare<[number], ReportActionRow>(`
    SELECT e.at, e.actor, e.kind AS action, e.detail FROM care_events e JOIN care_conversations c ON c.id = e.conversation_id
    WHERE c.drill_run_id = ? AND e.actor <> 'system'`);

  // --- removing a drill
  const mentionIds = db.prepare<[number], number>('SELECT id FROM mentions WHERE drill_run_id = ? ORDER BY id').pluck();
  const conversationIds = db.prepare<[number], number>('SELECT id FROM care_conversations WHERE drill_run_id = ? ORDER BY id').pluck();
  const incidentsOf = db.prepare<[number], number>('SELECT DISTINCT incident_id FROM alerts WHERE drill_run_id = ? AND incident_id IS NOT NULL').pluck();
  // History first (the trigger allows it only for drill conversations), then the conversations, whose links, notes and replies go with them.
  const removeCareEvents = db.prepare('DELETE FROM care_events WHERE conversation_id IN (SELECT id FROM care_conversations WHERE drill_run_id = ?)');
  const removeConversations = db.prepare('DELETE FROM care_conversations WHERE drill_run_id = ?');
  // An alert's history goes with it (ON DELETE CASCADE); an incident only drill alerts were in goes too.
  const removeAlerts = db.prepare('DELETE FROM alerts WHERE drill_run_id = ?');
  const removeEmptyIncidents = db.prepare(
    'DELETE FROM incidents WHERE id IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM alerts WHERE incident_id = incidents.id)',
  );

  return {
    scenarios(): { id: string; doc: string; updatedAt: number }[] {
      return scenarios.all().map((r) => ({ id: r.id, doc: r.doc, updatedAt: r.updated_at }));
    },
    scenario(id: string): { id: string; doc: string; updatedAt: number } | null {
      const r = scenario.get(id);
      return r ? { id: r.id, doc: r.doc, updatedAt: r.updated_at } : null;
    },
    saveScenario(id: string, doc: string, at: number): void {
      upsert.run(id, doc, at, at);
    },
    deleteScenario(id: string): boolean {
      return remove.run(id).changes > 0;
    },
    insertRun(scenarioId: string, doc: string, seed: number, at: number, by: string, speed: number): number {
      return Number(insertRun.run(scenarioId, doc, seed, at, by, speed).lastInsertRowid);
    },
    run(id: number): RunRow | null {
      return run.get(id) ?? null;
    },
    running(): RunRow[] {
      return running.all();
    },
    runs(limit: number): RunRow[] {
      return runs.all(limit);
    },
    finishRun(id: number, at: number, by: string, status: string, report: DrillReport): void {
      finish.run(at, by, status, JSON.stringify(report), id);
    },
    injected(runId: number): number {
      return injected.get(runId)!;
    },
    alertCount(runId: number): number {
      return alertCount.get(runId)!;
    },
    conversationCount(runId: number): number {
      return conversationCount.get(runId)!;
    },
    tagAlerts(runId: number, since: number): number {
      return tagAlerts.run({ run: runId, since }).changes;
    },
    /** Tags the conversations these freshly grouped drill posts landed in. */
    tagConversationsOf(runId: number, mentionIds: readonly number[]): void {
      const ids = conversationsOf.all(JSON.stringify(mentionIds));
      if (ids.length > 0) tagConversations.run({ run: runId, ids: JSON.stringify(ids) });
    },
    /** The hidden source drill posts are stored under (deleted from the start, so never listed or run). */
    ensureSource(id: string, at: number): void {
      ensureSource.run(id, at, at);
    },
    reportAlerts(runId: number): ReportAlertRow[] {
      return reportAlerts.all(runId);
    },
    reportConversations(runId: number): ReportConversationRow[] {
      return reportConversations.all(runId);
    },
    /** What people did on the drill's alerts and conversations, unordered. */
    reportActions(runId: number): { alerts: ReportActionRow[]; care: ReportActionRow[] } {
      return { alerts: alertActions.all(runId), care: careActions.all(runId) };
    },
    mentionIds(runId: number): number[] {
      return mentionIds.all(runId);
    },
    conversationIds(runId: number): number[] {
      return conversationIds.all(runId);
    },
    /** Removes the drill's conversations (with their history) and alerts (with theirs, and incidents left empty); returns how many alerts went. */
    removeCareAndAlerts(runId: number): number {
      const incidents = incidentsOf.all(runId);
      removeCareEvents.run(runId);
      removeConversations.run(runId);
      const alerts = removeAlerts.run(runId).changes;
      if (incidents.length > 0) removeEmptyIncidents.run(JSON.stringify(incidents));
      return alerts;
    },
  };
}
