/**
 * Crisis drills: the scenario library (built-ins plus the user's own), and the runner that injects
 * a scenario's posts into the live pipeline tagged with the run, so topics, understanding, care and
 * alerting react as in a real crisis. Stopping writes the drill report and then removes everything
 * the drill put in the store (see drill-cleanup.ts). One drill at a time. A drill does not survive a
 * core restart: a run still marked running when the core starts is ended ("interrupted") cleanly,
 * with its report, before anything else reads the store.
 */
import { randomInt } from 'node:crypto';
import type { DrillRunRecord, DrillRunState, DrillSaveResult, DrillScenarioEntry } from '@shared/contract/areas/drills';
import { parseDrillScenario, parseDrillScenarioText, type DrillScenario } from '@shared/contract/drill-schema';
import type { ConversationSummary } from '@shared/domain/care';
import type { MentionInput } from '@shared/domain/mention';
import type { MinuteBucket } from '@shared/domain/volume';
import { activeWaves, MINUTE, scenarioTotal, waveMentions, type DrillMention } from '@shared/logic/drills/generate';
import { judgeTargets, type DrillReport, type DrillReportAction, type DrillReportAlert, type DrillReportConversation } from '@shared/logic/drills/report';
import type { AlertService } from '../alerts/alert-service';
import { ApiError } from '../api/api-error';
import type { Logger } from '../base/logger';
import type { LiveHub } from '../live/hub';
import type { IngestPipeline } from '../pipeline/ingest';
import { toSummary } from '../store/queries/care';
import { drillQueries, toRunRecord, type DrillQueries, type RunRow } from '../store/queries/drills';
import type { Store } from '../store/store';
import { removeDrill } from './drill-cleanup';
import { loadBuiltInDrills } from './drill-library';

/** The hidden source drill posts are stored under: deleted from the start, so it is never listed, run or shown in health. */
export const DRILL_SOURCE_ID = 'drill';
export const DRILL_ACTOR = 'drill runner';
/** How often the runner injects what is due. */
export const DRILL_TICK_MS = 2_000;

interface ActiveRun {
  row: RunRow;
  scenario: DrillScenario;
  /** Scenario offset up to which posts have been injected (exclusive). */
  injectedTo: number;
  injected: number;
  total: number;
}

export interface DrillServiceDeps {
  store: Store;
  pipeline: IngestPipeline;
  alerts: AlertService;
  hub: LiveHub;
  logger: Logger;
  now: () => number;
  /** The built-in library folder; default: found next to the app (see drill-library.ts). */
  builtInDir?: string | null;
}

export class DrillService {
  private readonly q: DrillQueries;
  private readonly builtIns: DrillScenario[];
  private active: ActiveRun | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private ticking = false;

  constructor(private readonly deps: DrillServiceDeps) {
    this.q = drillQueries(deps.store.db);
    this.builtIns =
      deps.builtInDir === undefined ? loadBuiltInDrills(deps.logger) : deps.builtInDir === null ? [] : loadBuiltInDrills(deps.logger, deps.builtInDir);
    // After care's hook (this service is built after care): the conversations drill posts opened are the drill's.
    deps.pipeline.addStoredHook((sourceId, stored) => {
      if (sourceId !== DRILL_SOURCE_ID || !this.active) return;
      const ids = stored.filter((m) => m.drillRunId === this.active!.row.id).map((m) => m.id);
      if (ids.length > 0) this.q.tagConversationsOf(this.active.row.id, ids);
    });
    // Alerts open after ingest (per-post rules) or on the evaluation timer; tag them as they appear.
    // Synchronously, so a webhook delivery (queued for after the change) already reads the DRILL title;
    // the corrected list is pushed after the alerts.changed push that is being sent now.
    deps.alerts.onChange(() => {
      if (this.active && this.q.tagAlerts(this.active.row.id, this.active.row.started_at) > 0) {
        queueMicrotask(() => deps.hub.publish('alerts.changed', { alerts: deps.store.alerts.open() }));
      }
    });
  }

  // ---- library -----------------------------------------------------------------------------

  library(): DrillScenarioEntry[] {
    const own = this.q.scenarios().flatMap((r) => {
      const parsed = parseDrillScenarioText(r.doc);
      if (!parsed.ok) {
        this.deps.logger.warn('stored drill scenario is unreadable', { id: r.id });
        return [];
      }
      return [{ scenario: parsed.scenario, builtIn: false, total: scenarioTotal(parsed.scenario), updatedAt: r.updatedAt }];
    });
    return [...this.builtIns.map((s) => ({ scenario: s, builtIn: true, total: scenarioTotal(s), updatedAt: null })), ...own];
  }

  scenario(id: string): { scenario: DrillScenario; builtIn: boolean } | null {
    const builtIn = this.builtIns.find((s) => s.id === id);
    if (builtIn) return { scenario: builtIn, builtIn: true };
    const row = this.q.scenario(id);
    if (!row) return null;
    const parsed = parseDrillScenarioText(row.doc);
    return parsed.ok ? { scenario: parsed.scenario, builtIn: false } : null;
  }

  save(json: string): DrillSaveResult {
    const parsed = parseDrillScenarioText(json);
    if (!parsed.ok) return parsed;
    return this.saveScenario(parsed.scenario);
  }

  private saveScenario(scenario: DrillScenario): DrillSaveResult {
    if (this.builtIns.some((s) => s.id === scenario.id)) {
      return { ok: false, errors: [{ path: 'id', message: `"${scenario.id}" is a built-in scenario: give your copy another id` }] };
    }
    const at = this.deps.now();
    this.q.saveScenario(scenario.id, JSON.stringify(scenario), at);
    return { ok: true, entry: { scenario, builtIn: false, total: scenarioTotal(scenario), updatedAt: at } };
  }

  duplicate(id: string, newId?: string, name?: string): DrillScenarioEntry {
    const found = this.scenario(id);
    if (!found) throw new ApiError('not-found', `no drill scenario "${id}"`);
    let copyId = newId ?? `${id.slice(0, 56)}-copy`;
    if (newId === undefined) {
      for (let n = 2; this.scenario(copyId); n++) copyId = `${id.slice(0, 52)}-copy-${n}`;
    } else if (this.scenario(copyId)) {
      throw new ApiError('conflict', `a scenario "${copyId}" already exists`);
    }
    const parsed = parseDrillScenario({ ...found.scenario, id: copyId, name: name ?? `${found.scenario.name} (copy)`.slice(0, 100) });
    if (!parsed.ok) throw new ApiError('bad-params', parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    const saved = this.saveScenario(parsed.scenario);
    if (!saved.ok) throw new ApiError('conflict', saved.errors[0]!.message);
    return saved.entry;
  }

  delete(id: string): boolean {
    if (this.builtIns.some((s) => s.id === id)) throw new ApiError('conflict', `"${id}" is a built-in scenario and cannot be deleted`);
    return this.q.deleteScenario(id);
  }

  // ---- running -----------------------------------------------------------------------------

  start(scenarioId: string, by: string, speed = 1): DrillRunState {
    if (this.active)
      throw new ApiError('conflict', `a drill is already running ("${this.active.scenario.name}", started by ${this.active.row.started_by}); stop it first`);
    const found = this.scenario(scenarioId);
    if (!found) throw new ApiError('not-found', `no drill scenario "${scenarioId}"`);
    const at = this.deps.now();
    this.ensureSource(at);
    const seed = randomInt(1, 2 ** 31 - 1);
    const id = this.q.insertRun(scenarioId, JSON.stringify(found.scenario), seed, at, by, speed);
    this.active = { row: this.q.run(id)!, scenario: found.scenario, injectedTo: 0, injected: 0, total: scenarioTotal(found.scenario) };
    this.deps.logger.info('drill started', { run: id, scenario: scenarioId, by, speed });
    this.tick();
    return this.state()!;
  }

  /** Injects what is due, tags alerts, pushes progress; ends the drill after its last wave plus grace. */
  tick(): void {
    const run = this.active;
    if (!run || this.ticking) return;
    this.ticking = true;
    try {
      const now = this.deps.now();
      const { row, scenario } = run;
      const durationMs = scenario.durationMinutes * MINUTE;
      const elapsed = Math.max(0, (now - row.started_at) * row.speed);
      const due = Math.min(elapsed, durationMs + 1);
      const posts = waveMentions(scenario, row.seed, run.injectedTo, due);
      run.injectedTo = Math.max(run.injectedTo, due);
      if (posts.length > 0) {
        const result = this.deps.pipeline.ingest(
          DRILL_SOURCE_ID,
          posts.map((p) => this.toInput(row, p)),
          null,
          { drillRunId: row.id },
        );
        run.injected += result.stored.length;
      }
      if (this.q.tagAlerts(row.id, row.started_at) > 0) this.deps.hub.publish('alerts.changed', { alerts: this.deps.store.alerts.open() });
      if (elapsed >= durationMs + scenario.graceMinutes * MINUTE) {
        this.stop(DRILL_ACTOR, 'finished');
        return;
      }
      this.publishState();
    } finally {
      this.ticking = false;
    }
  }

  state(): DrillRunState | null {
    const run = this.active;
    if (!run) return null;
    const { row, scenario } = run;
    const durationMs = scenario.durationMinutes * MINUTE;
    const offsetMs = Math.min(durationMs + scenario.graceMinutes * MINUTE, Math.max(0, (this.deps.now() - row.started_at) * row.speed));
    return {
      id: row.id,
      scenarioId: row.scenario_id,
      scenarioName: scenario.name,
      startedAt: row.started_at,
      startedBy: row.started_by,
      speed: row.speed,
      offsetMs,
      durationMs,
      endsAt: row.started_at + Math.ceil((durationMs + scenario.graceMinutes * MINUTE) / row.speed),
      injected: run.injected,
      total: run.total,
      activeWaves: activeWaves(scenario, offsetMs).map((i) => scenario.waves[i]!.name),
      alerts: this.q.alertCount(row.id),
      conversations: this.q.conversationCount(row.id),
    };
  }

  /**
   * Stops the running drill: its report first (written with the run), then, in the same
   * transaction, everything it injected goes and the touched minutes' rollups are rebuilt.
   */
  stop(by: string, ending: DrillReport['ending'] = 'stopped'): DrillRunRecord {
    const run = this.active;
    if (!run) throw new ApiError('conflict', 'no drill is running');
    const at = this.deps.now();
    const cleanup = this.end(run.row, run.scenario, by, ending, at);
    this.active = null;
    this.deps.logger.info('drill ended', { run: run.row.id, ending, by, removedMentions: cleanup.mentions });
    this.publishAfterCleanup(cleanup.minutes, cleanup.gone);
    return toRunRecord(this.q.run(run.row.id)!);
  }

  runs(limit: number): DrillRunRecord[] {
    return this.q.runs(limit).map(toRunRecord);
  }

  /** At start-up: runs left "running" by a stopped or crashed core are ended cleanly. */
  endInterrupted(): number {
    const rows = this.q.running();
    for (const row of rows) {
      const parsed = parseDrillScenarioText(row.scenario_doc);
      const scenario = parsed.ok ? parsed.scenario : null;
      this.end(row, scenario, DRILL_ACTOR, 'interrupted', this.deps.now());
      this.deps.logger.warn('a drill was interrupted by a restart and has been ended', { run: row.id });
    }
    return rows.length;
  }

  startTimer(everyMs = DRILL_TICK_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.tick();
      } catch (error) {
        this.deps.logger.error('drill tick failed', { error: String(error) });
      }
    }, everyMs);
  }

  /** Stops the timer; a drill still running is ended (its report kept) so the store holds no drill rows. */
  shutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.active) {
      try {
        this.stop(DRILL_ACTOR, 'interrupted');
      } catch (error) {
        this.deps.logger.error('could not end the drill at shutdown', { error: String(error) });
      }
    }
  }

  // ---- internals -----------------------------------------------------------------------------

  private end(row: RunRow, scenario: DrillScenario | null, by: string, ending: DrillReport['ending'], at: number) {
    const { store } = this.deps;
    return store.transaction(() => {
      this.q.tagAlerts(row.id, row.started_at);
      const report = this.report(row, scenario, by, ending, at);
      this.q.finishRun(row.id, at, by, ending, report);
      // Windows hold no "removed" push for conversations: they get them as resolved, and lose them on the next query.
      const gone = this.q.conversationIds(row.id);
      const summaries = gone.flatMap((id) => {
        const c = store.care.get(id);
        return c ? [{ ...toSummary(c), status: 'resolved' as const }] : [];
      });
      return { ...removeDrill(store, this.q, row.id), gone: summaries };
    });
  }

  private report(row: RunRow, scenario: DrillScenario | null, stoppedBy: string, ending: DrillReport['ending'], at: number): DrillReport {
    const t0 = row.started_at;
    const alerts = this.q.reportAlerts(row.id).map((a): DrillReportAlert => ({
      id: a.id,
      title: a.title,
      severity: a.severity,
      firedAfterMs: a.opened_at - t0,
      acknowledgedAfterMs: a.acknowledged_at === null ? null : a.acknowledged_at - t0,
      acknowledgedBy: a.acknowledged_by,
    }));
    const conversations = this.q.reportConversations(row.id).map((c): DrillReportConversation => ({
      id: c.id,
      author: c.author_handle,
      platform: c.platform,
      openedAfterMs: c.opened_at - t0,
      firstResponseMs: c.first_response_at === null ? null : c.first_response_at - c.opened_at,
      respondedBy: c.responder,
      status: c.status,
    }));
    const done = this.q.reportActions(row.id);
    const actions: DrillReportAction[] = [
      ...done.alerts.map((e): DrillReportAction => ({ afterMs: e.at - t0, actor: e.actor, on: 'alert', action: e.action, detail: e.detail })),
      ...done.care.map((e): DrillReportAction => ({ afterMs: e.at - t0, actor: e.actor, on: 'care', action: e.action, detail: e.detail })),
    ].sort((a, b) => a.afterMs - b.afterMs);
    const people = new Map<string, { actor: string; alertActions: number; careActions: number }>();
    for (const a of actions) {
      const p = people.get(a.actor) ?? { actor: a.actor, alertActions: 0, careActions: 0 };
      if (a.on === 'alert') p.alertActions++;
      else p.careActions++;
      people.set(a.actor, p);
    }
    const targets = scenario ? judgeTargets(scenario.targets, alerts, conversations) : [];
    return {
      runId: row.id,
      scenarioId: row.scenario_id,
      scenarioName: scenario?.name ?? row.scenario_id,
      startedAt: t0,
      stoppedAt: at,
      startedBy: row.started_by,
      stoppedBy,
      speed: row.speed,
      ending,
      injected: this.q.injected(row.id),
      alerts,
      conversations,
      actions,
      people: [...people.values()].sort((a, b) => b.alertActions + b.careActions - (a.alertActions + a.careActions) || a.actor.localeCompare(b.actor)),
      targets,
    };
  }

  private toInput(row: RunRow, p: DrillMention): MentionInput {
    return {
      externalId: p.externalId,
      platform: p.platform,
      text: p.text,
      publishedAt: row.started_at + Math.round(p.offsetMs / row.speed),
      url: null,
      lang: 'en',
      authorHandle: p.authorHandle,
      authorName: p.authorName,
      authorFollowers: p.authorFollowers,
      authorVerified: p.authorVerified,
      likes: p.likes,
      reposts: p.reposts,
      replies: 0,
      replyTo: p.replyTo,
      episode: null,
    };
  }

  private ensureSource(at: number): void {
    this.q.ensureSource(DRILL_SOURCE_ID, at);
  }

  private publishState(): void {
    this.deps.hub.publish('drills.state', { run: this.state() });
  }

  /** After the commit: walls drop the drill's volume, the inbox its conversations, the banner goes. */
  private publishAfterCleanup(minutes: readonly number[], conversations: ConversationSummary[]): void {
    const { hub, store } = this.deps;
    this.publishState();
    if (minutes.length > 0) {
      const now = store.volume.minutes(minutes);
      const byMinute = new Map(now.map((b) => [b.minute, b]));
      const buckets: MinuteBucket[] = minutes.map((minute) => byMinute.get(minute) ?? { minute, total: 0, positive: 0, neutral: 0, negative: 0, reach: 0 });
      hub.publish('volume.delta', { buckets });
      const topicIds = store.topics.list().map((t) => t.id);
      if (topicIds.length > 0) {
        const present = new Map(store.topicHistory.buckets(minutes, topicIds).map((b) => [`${b.minute}:${b.topicId}`, b]));
        const topicBuckets = minutes.flatMap((minute) =>
          topicIds.map((topicId) => present.get(`${minute}:${topicId}`) ?? { minute, topicId, total: 0, positive: 0, neutral: 0, negative: 0, reach: 0 }),
        );
        hub.publish('topics.volume.delta', { buckets: topicBuckets });
      }
    }
    hub.publish('alerts.changed', { alerts: store.alerts.open() });
    if (conversations.length > 0) hub.publish('care.conversations', { conversations });
  }
}
