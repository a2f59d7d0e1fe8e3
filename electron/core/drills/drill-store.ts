/** The drill tables (`drill_scenarios`, `drill_runs`) and the drill tags on mentions, alerts and conversations. */
import type { DrillRunRecord } from '../../../shared/contract/areas/drills';
import type { DrillReport } from '../../../shared/logic/drills/report';
import type { Db } from '../store/database';

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
  const conversationsOf = db.prepare<[string], number>(`SELECT DISTINCT conversation_id FROM care_conversation_mentions WHERE mention_id IN (SELECT value FROM json_each(?))`).pluck();

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
  };
}
