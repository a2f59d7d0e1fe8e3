/**
 * The live side of alerting: runs every enabled rule's detector (per-mention rules on each stored
 * batch, window rules on a timer), passes the signals through the stateful layer
 * (`shared/logic/alerts/engine.ts`), and turns its decisions into stored alerts grouped into
 * incidents, with an append-only history, webhook deliveries and `alerts.changed` pushes.
 */
import type { Alert, AlertExplanation, AlertSeverity, Incident } from '../../../shared/domain/alert';
import { ALERT_KIND_OF_RULE, type AlertRule, type AlertRuleInput, type BacktestResult } from '../../../shared/domain/alert-rule';
import type { Mention } from '../../../shared/domain/mention';
import type { SourceHealth } from '../../../shared/domain/source';
import type { TrendingTerm } from '../../../shared/domain/trends';
import type { WaitingItem } from '../../../shared/domain/waiting';
import { chartSeries, mentionSignals, rateSignals, replay } from '../../../shared/logic/alerts/backtest';
import {
  detectInfluencer, detectKeyword, detectNegativeSurge, detectResponseTime, detectSourceDown,
  detectTrendingTerm, detectVolumeSpike, type WatchlistCheck,
} from '../../../shared/logic/alerts/detectors';
import { EVENT_RULES, INCIDENT_WINDOW_MS, incidentFor, markClosed, markOpen, moreSevere, step, type Decision, type EngineState, type StepOptions } from '../../../shared/logic/alerts/engine';
import { MinuteSeries } from '../../../shared/logic/alerts/series';
import type { Signal } from '../../../shared/logic/alerts/signal';
import { topTerms } from '../../../shared/logic/alerts/terms';
import { floorToMinute, MINUTE_MS } from '../../../shared/logic/time';
import type { Logger } from '../app/core-api';
import type { Store } from '../store/store';
import type { WebhookDispatcher } from './webhooks';

/** History a window rule reads: a week back for the seasonal band, up to a week of trailing baseline, plus windows. */
const HISTORY_MS = (8 * 24 * 60 + 120) * MINUTE_MS;
/** The part of that history older than this is cached (it changes only by late arrivals). */
const RECENT_MS = 6 * 60 * MINUTE_MS;
const OLD_PART_TTL_MS = 5 * MINUTE_MS;
/** Trending terms are asked for at most this often. */
const TRENDS_EVERY_MS = 60_000;
/** Waiting customers are asked for at most this often. */
const WAITING_EVERY_MS = 15_000;
/** Mentions a backtest of a per-mention rule reads at most. */
const BACKTEST_MENTION_LIMIT = 200_000;

export const CORE_ACTOR = 'earshot';

export interface TrendsQuery {
  topicId: number | null;
  windowMinutes: number;
  baselineMinutes: number;
  now: number;
  limit: number;
}

/** What other areas supply; each defaults to "not available". */
export interface AlertProviders {
  /** Customers waiting for an answer (the care area). */
  waiting?: () => WaitingItem[];
  /** Trending terms (the understanding area's `trendingTerms`). */
  trends?: ((query: TrendsQuery) => TrendingTerm[]) | null;
  /** The name of a watchlist the mention's author is on, or null (the understanding area). */
  watchlist?: WatchlistCheck | null;
  /**
   * Compiles a query in the topic language into a matcher, or returns the parse error as text
   * (the listening-topics area's query language). Without it keyword rules report "unavailable".
   */
  compileQuery?: ((query: string) => ((mention: Mention) => boolean) | string) | null;
}

export interface AlertDetails {
  alert: Alert;
  history: ReturnType<Store['alerts']['history']>;
  mentions: Mention[];
  incident: Incident | null;
  rule: AlertRule | null;
}

export class AlertService {
  private readonly listeners = new Set<(alerts: Alert[]) => void>();
  private readonly engines = new Map<number, EngineState>();
  private readonly keywordMatches = new Map<number, Mention[]>();
  private readonly oldParts = new Map<string, { at: number; from: number; to: number; historyStart: number | null; counts: ReturnType<Store['alerting']['minuteCounts']> }>();
  private readonly lastWaitingCheck = new Map<number, number>();
  private readonly matchers = new Map<number, { query: string; matches: ((m: Mention) => boolean) | null }>();
  private readonly trendCache = new Map<number, { at: number; terms: TrendingTerm[] }>();
  private rulesCache: AlertRule[] | null = null;
  private dispatcher: WebhookDispatcher | null = null;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly providers: AlertProviders = {},
    private readonly stepOptions: StepOptions = {},
  ) {
    this.restoreOpenAlerts();
  }

  /** Where alerts are delivered outside the app (set by the composition root). */
  setDispatcher(dispatcher: WebhookDispatcher | null): void {
    this.dispatcher = dispatcher;
  }

  onChange(listener: (alerts: Alert[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  open(): Alert[] {
    return this.store.alerts.open();
  }

  // ---- rules -------------------------------------------------------------------------------

  rules(): AlertRule[] {
    this.rulesCache ??= this.store.alerting.rules((error) => this.logger.warn('alert rule skipped', { error: error.message }));
    return this.rulesCache;
  }

  saveRule(input: AlertRuleInput, id: number | null): AlertRule | null {
    const at = this.now();
    const saved = id === null ? this.store.alerting.createRule(input, at) : this.store.alerting.updateRule(id, input, at);
    if (!saved) return null;
    this.rulesCache = null;
    // A changed rule starts judging afresh; its open alerts stay open and are picked up again.
    this.engines.delete(saved.id);
    this.keywordMatches.delete(saved.id);
    this.trendCache.delete(saved.id);
    this.restoreOpenAlerts(saved.id);
    this.logger.info('alert rule saved', { id: saved.id, kind: saved.params.kind });
    return saved;
  }

  deleteRule(id: number): boolean {
    const deleted = this.store.alerting.deleteRule(id);
    if (deleted) {
      this.rulesCache = null;
      this.engines.delete(id);
      this.keywordMatches.delete(id);
    }
    return deleted;
  }

  // ---- live evaluation ---------------------------------------------------------------------

  /** Per-mention rules (influencer alarm, keyword watch) over freshly stored mentions. */
  checkMentions(mentions: readonly Mention[]): void {
    if (mentions.length === 0) return;
    const at = this.now();
    const work: Array<[AlertRule, Signal[]]> = [];
    for (const rule of this.rules()) {
      if (!rule.enabled) continue;
      const scoped = rule.topicId === null ? mentions : mentions.filter((m) => m.topicIds.includes(rule.topicId!));
      const p = rule.params;
      if (p.kind === 'influencer') {
        const signals = detectInfluencer(p, rule.severity, scoped, this.providers.watchlist ?? null);
        if (signals.length > 0) work.push([rule, signals]);
      } else if (p.kind === 'keyword') {
        const matcher = this.matcher(rule);
        if (!matcher) continue;
        const kept = (this.keywordMatches.get(rule.id) ?? []).filter((m) => m.publishedAt > at - p.windowMinutes * MINUTE_MS);
        kept.push(...scoped.filter(matcher));
        this.keywordMatches.set(rule.id, kept.slice(-1000));
        const signals = detectKeyword(p, rule.severity, kept, at);
        if (signals.length > 0) work.push([rule, signals]);
      }
    }
    if (work.length === 0) return;
    const changed = this.store.transaction(() => work.map(([rule, signals]) => this.apply(rule, step(this.settings(rule), signals, at, this.engine(rule.id), this.stepOptions), at)).some(Boolean));
    if (changed) this.emit();
  }

  /** Window rules, source and response-time rules; resolves what has gone quiet; wakes snoozes. */
  evaluate(sources: readonly SourceHealth[]): void {
    const at = this.now();
    const seriesByScope = new Map<string, MinuteSeries | null>();
    const decisions: Array<[AlertRule, Decision[]]> = [];
    for (const rule of this.rules()) {
      if (!rule.enabled) continue;
      // Waiting customers change by the minute; asking the care inbox every tick would be waste.
      if (rule.params.kind === 'response-time') {
        if (at - (this.lastWaitingCheck.get(rule.id) ?? -Infinity) < WAITING_EVERY_MS) continue;
        this.lastWaitingCheck.set(rule.id, at);
      }
      const signals = this.windowSignals(rule, sources, at, seriesByScope);
      decisions.push([rule, step(this.settings(rule), signals, at, this.engine(rule.id), this.stepOptions)]);
    }
    const changed = this.store.transaction(() => {
      let any = decisions.map(([rule, ds]) => this.apply(rule, ds, at)).some(Boolean);
      for (const alert of this.store.alerts.dueToWake(at)) {
        this.store.alerts.snooze(alert.id, null);
        this.store.alerts.addEvent(alert.id, at, 'reopened', CORE_ACTOR, 'snooze ended');
        any = true;
      }
      this.store.alerts.resolveIdleIncidents(at, at - INCIDENT_WINDOW_MS);
      return any;
    });
    if (changed) this.emit();
  }

  private windowSignals(rule: AlertRule, sources: readonly SourceHealth[], at: number, cache: Map<string, MinuteSeries | null>): Signal[] {
    const p = rule.params;
    switch (p.kind) {
      case 'volume-spike':
      case 'negative-surge': {
        const key = String(rule.topicId);
        if (!cache.has(key)) cache.set(key, this.liveSeries(rule.topicId, at));
        const series = cache.get(key);
        if (!series) return [];
        return p.kind === 'volume-spike' ? detectVolumeSpike(p, rule.severity, series, at) : detectNegativeSurge(p, rule.severity, series, at);
      }
      case 'source-down':
        return detectSourceDown(p, rule.severity, sources, at);
      case 'response-time':
        return detectResponseTime(p, rule.severity, this.waiting(), rule.topicId, at);
      case 'keyword': {
        const kept = (this.keywordMatches.get(rule.id) ?? []).filter((m) => m.publishedAt > at - p.windowMinutes * MINUTE_MS);
        this.keywordMatches.set(rule.id, kept);
        return detectKeyword(p, rule.severity, kept, at);
      }
      case 'trending-term': {
        const trends = this.providers.trends;
        if (!trends) return [];
        const cached = this.trendCache.get(rule.id);
        if (!cached || at - cached.at >= TRENDS_EVERY_MS) {
          // "Absent from the baseline" means nothing before there is one: a new workspace would call
          // every word new. The scope must have been listening for the whole baseline period.
          const historyStart = this.store.alerting.historyStart(rule.topicId);
          const listened = historyStart !== null && historyStart <= at - (p.baselineMinutes + p.windowMinutes) * MINUTE_MS;
          try {
            this.trendCache.set(rule.id, { at, terms: listened ? trends({ topicId: rule.topicId, windowMinutes: p.windowMinutes, baselineMinutes: p.baselineMinutes, now: at, limit: 50 }) : [] });
          } catch (error) {
            this.logger.warn('trending terms unavailable', { rule: rule.id, error: String(error) });
            this.trendCache.set(rule.id, { at, terms: [] });
          }
        }
        return detectTrendingTerm(p, rule.severity, this.trendCache.get(rule.id)!.terms);
      }
      case 'influencer':
        // Events arrive through checkMentions; here the engine only learns that time has passed.
        return [];
    }
  }

  private waiting(): WaitingItem[] {
    try {
      return this.providers.waiting?.() ?? [];
    } catch (error) {
      this.logger.warn('waiting customers unavailable', { error: String(error) });
      return [];
    }
  }

  /** The scope's minute series for the live evaluation; the older part is cached for a few minutes. */
  private liveSeries(topicId: number | null, at: number): MinuteSeries | null {
    const from = floorToMinute(at - HISTORY_MS);
    const split = floorToMinute(at - RECENT_MS);
    const key = String(topicId);
    let old = this.oldParts.get(key);
    if (!old || at - old.at > OLD_PART_TTL_MS || old.historyStart === null) {
      old = { at, from, to: split, historyStart: this.store.alerting.historyStart(topicId), counts: this.store.alerting.minuteCounts(topicId, from, split - 1) };
      this.oldParts.set(key, old);
    }
    const historyStart = old.historyStart;
    if (historyStart === null) return null;
    const recent = this.store.alerting.minuteCounts(topicId, old.to, at);
    return new MinuteSeries([...old.counts, ...recent], old.from, at, historyStart);
  }

  /** The rule's compiled query, compiled once per rule version (a batch arrives every few seconds). */
  private matcher(rule: AlertRule): ((m: Mention) => boolean) | null {
    if (rule.params.kind !== 'keyword' || !this.providers.compileQuery) return null;
    const cached = this.matchers.get(rule.id);
    if (cached && cached.query === rule.params.query) return cached.matches;
    const compiled = this.providers.compileQuery(rule.params.query);
    const matches = typeof compiled === 'string' ? null : compiled;
    if (typeof compiled === 'string') this.logger.warn('keyword rule skipped: its query does not parse', { rule: rule.id, error: compiled });
    this.matchers.set(rule.id, { query: rule.params.query, matches });
    return matches;
  }

  private settings(rule: AlertRule) {
    return { kind: rule.params.kind, persistMinutes: rule.persistMinutes, cooldownMinutes: rule.cooldownMinutes, quietHours: rule.quietHours };
  }

  private engine(ruleId: number): EngineState {
    let state = this.engines.get(ruleId);
    if (!state) {
      state = new Map();
      this.engines.set(ruleId, state);
    }
    return state;
  }

  /** After a start or a rule edit: the engine learns which keys already have an open alert. */
  private restoreOpenAlerts(onlyRule: number | null = null): void {
    const at = this.now();
    for (const alert of this.store.alerts.open()) {
      if (alert.ruleId == null) {
        // Left by the foundation's fixed detectors: rules replace them.
        this.store.alerts.resolve(alert.id, at, CORE_ACTOR);
        this.store.alerts.addEvent(alert.id, at, 'resolved', CORE_ACTOR, 'replaced by alert rules');
        continue;
      }
      if (onlyRule !== null && alert.ruleId !== onlyRule) continue;
      const key = keyOf(alert);
      if (key !== null) markOpen(this.engine(alert.ruleId), key, alert.severity, alert.openedAt, alert.updatedAt);
    }
  }

  /** Turns decisions into stored changes; true when something visible changed. */
  private apply(rule: AlertRule, decisions: readonly Decision[], at: number): boolean {
    let changed = false;
    for (const d of decisions) {
      const dedupeKey = `rule:${rule.id}:${d.key}`;
      if (d.type === 'suppressed') {
        this.logger.info('alert held back by quiet hours', { rule: rule.id, key: d.key, title: d.signal.title });
        continue;
      }
      if (d.type === 'resolve') {
        const existing = this.store.alerts.openByKey(dedupeKey);
        if (existing && this.store.alerts.resolve(existing.id, at, CORE_ACTOR)) {
          this.store.alerts.addEvent(existing.id, at, 'resolved', CORE_ACTOR, 'condition cleared');
          changed = true;
        }
        continue;
      }
      const existing = this.store.alerts.openByKey(dedupeKey);
      if (d.type === 'update' && existing) {
        changed = this.update(existing, rule, d.signal, d.escalated, at) || changed;
        continue;
      }
      if (existing) {
        // Open in the store but not in the engine (e.g. restored): treat as an update.
        changed = this.update(existing, rule, d.signal, false, at) || changed;
        continue;
      }
      if (d.type === 'update') {
        // Closed from outside since the engine last looked: let cooldown decide when to reopen.
        markClosed(this.engine(rule.id), d.key);
        continue;
      }
      this.openAlert(rule, d.signal, dedupeKey, at);
      changed = true;
    }
    return changed;
  }

  private explain(rule: AlertRule, signal: Signal, id: number | null): { explanation: AlertExplanation; evidence: number[] } {
    let evidence = signal.evidence;
    let texts: string[] = [];
    if (signal.window) {
      const contributing = this.store.alerting.contributing(rule.topicId, signal.window.from, signal.window.to, 200);
      const negativeFirst = rule.params.kind === 'negative-surge' ? contributing.filter((m) => m.sentiment === 'negative') : contributing;
      evidence = negativeFirst.slice(0, 10).map((m) => m.id);
      texts = negativeFirst.map((m) => m.text);
    } else if (evidence.length > 0) {
      texts = this.store.mentions.byIds(evidence.slice(0, 50)).map((m) => m.text);
    }
    return {
      explanation: { ...signal.explanation, terms: topTerms(texts, 6), link: id === null ? '' : `#/alerts?alert=${id}` },
      evidence,
    };
  }

  private openAlert(rule: AlertRule, signal: Signal, dedupeKey: string, at: number): void {
    const topicName = rule.topicId === null ? null : this.store.topics.get(rule.topicId)?.name ?? null;
    const title = topicName ? `${signal.title} · ${topicName}` : signal.title;
    const open = this.store.alerts.openIncidents();
    const joined = incidentFor(open, rule.topicId, at);
    let incidentId: number;
    if (joined) {
      const incident = open.find((i) => i.id === joined.id)!;
      incidentId = joined.id;
      this.store.alerts.touchIncident(incidentId, at, moreSevere(incident.severity, signal.severity));
    } else {
      incidentId = this.store.alerts.createIncident(rule.topicId, title, signal.severity, at);
    }
    const { explanation, evidence } = this.explain(rule, signal, null);
    const record = {
      kind: ALERT_KIND_OF_RULE[rule.params.kind], severity: signal.severity, dedupeKey, title, detail: signal.detail, at,
      evidence, topicId: rule.topicId, ruleId: rule.id, incidentId, explanation,
    };
    const id = this.store.alerts.insert(record);
    this.store.alerts.refresh(id, { ...record, explanation: { ...explanation, link: `#/alerts?alert=${id}` } });
    this.store.alerts.addEvent(id, at, 'opened', CORE_ACTOR, `rule "${rule.name}": ${signal.detail}`);
    this.logger.info('alert opened', { id, rule: rule.id, kind: record.kind, severity: signal.severity, title });
    this.deliverLater('alert.opened', id);
  }

  private update(existing: Alert, rule: AlertRule, signal: Signal, escalated: boolean, at: number): boolean {
    const severity = moreSevere(existing.severity, signal.severity);
    const escalates = severity !== existing.severity || escalated;
    const fresh = escalates || EVENT_RULES.has(rule.params.kind) ? this.explain(rule, signal, existing.id) : null;
    const evidence = fresh ? [...new Set([...fresh.evidence, ...existing.evidence])].slice(0, 20) : existing.evidence;
    this.store.alerts.refresh(existing.id, {
      kind: existing.kind, severity, dedupeKey: existing.dedupeKey, title: existing.title, detail: signal.detail, at, evidence,
      explanation: fresh?.explanation ?? { ...signal.explanation, terms: existing.explanation?.terms ?? [], link: `#/alerts?alert=${existing.id}` },
    });
    // Only firings move an incident on (openings, escalations): a condition that simply continues
    // (customers still waiting) must not glue every later crisis into one incident.
    if (existing.incidentId != null && escalates) this.store.alerts.touchIncident(existing.incidentId, at, severity);
    if (escalates && severity !== existing.severity) {
      this.store.alerts.addEvent(existing.id, at, 'escalated', CORE_ACTOR, `${existing.severity} → ${severity}: ${signal.detail}`);
      this.deliverLater('alert.escalated', existing.id);
    }
    return existing.detail !== signal.detail || severity !== existing.severity;
  }

  private deliverLater(event: 'alert.opened' | 'alert.escalated', alertId: number): void {
    const dispatcher = this.dispatcher;
    if (!dispatcher) return;
    // After the transaction commits, so a delivery never announces an alert that rolled back.
    queueMicrotask(() => {
      const alert = this.store.alerts.get(alertId);
      if (!alert) return;
      dispatcher.dispatch(event, alert, alert.incidentId == null ? null : this.store.alerts.incident(alert.incidentId));
    });
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  acknowledge(id: number, by: string): Alert | null {
    const alert = this.store.alerts.get(id);
    if (!alert) return null;
    const at = this.now();
    const done = this.store.transaction(() => {
      if (!this.store.alerts.acknowledge(id, by, at)) return false;
      this.store.alerts.addEvent(id, at, 'acknowledged', by, '');
      return true;
    });
    if (done) {
      this.logger.info('alert acknowledged', { id, by });
      this.emit();
    }
    return this.store.alerts.get(id);
  }

  snooze(id: number, until: number, by: string): Alert | null {
    const at = this.now();
    const done = this.store.transaction(() => {
      if (!this.store.alerts.snooze(id, until)) return false;
      this.store.alerts.addEvent(id, at, 'snoozed', by, `until ${new Date(until).toISOString()}`);
      return true;
    });
    if (done) this.emit();
    return this.store.alerts.get(id);
  }

  assign(id: number, assignee: string | null, by: string): Alert | null {
    const at = this.now();
    const done = this.store.transaction(() => {
      if (!this.store.alerts.assign(id, assignee)) return false;
      this.store.alerts.addEvent(id, at, 'assigned', by, assignee === null ? 'unassigned' : `to ${assignee}`);
      return true;
    });
    if (done) this.emit();
    return this.store.alerts.get(id);
  }

  resolve(id: number, by: string): Alert | null {
    const alert = this.store.alerts.get(id);
    if (!alert) return null;
    const at = this.now();
    const done = this.store.transaction(() => {
      if (!this.store.alerts.resolve(id, at, by)) return false;
      this.store.alerts.addEvent(id, at, 'resolved', by, 'resolved by hand');
      return true;
    });
    if (done) {
      const key = keyOf(alert);
      if (alert.ruleId != null && key !== null) markClosed(this.engine(alert.ruleId), key);
      this.emit();
    }
    return this.store.alerts.get(id);
  }

  details(id: number): AlertDetails | null {
    const alert = this.store.alerts.get(id);
    if (!alert) return null;
    return {
      alert,
      history: this.store.alerts.history(id),
      mentions: this.store.mentions.byIds(alert.evidence),
      incident: alert.incidentId == null ? null : this.store.alerts.incident(alert.incidentId),
      rule: alert.ruleId == null ? null : this.rules().find((r) => r.id === alert.ruleId) ?? null,
    };
  }

  // ---- backtest ------------------------------------------------------------------------------

  /** Replays stored history for an unsaved rule through the same detector and stateful layer. */
  backtest(rule: AlertRuleInput, from: number, to: number): BacktestResult {
    const historyStart = this.store.alerting.historyStart(rule.topicId);
    const readFrom = floorToMinute(from - 8 * 24 * 60 * MINUTE_MS);
    const series = new MinuteSeries(
      historyStart === null ? [] : this.store.alerting.minuteCounts(rule.topicId, readFrom, to),
      readFrom, to, historyStart ?? to,
    );
    const chart = chartSeries(series, from, to);
    const base = { from, to, series: chart.points, stepMinutes: chart.stepMinutes };
    let signalsAt = rateSignals(rule, series);
    if (!signalsAt && (rule.params.kind === 'influencer' || rule.params.kind === 'keyword')) {
      let matches: ((m: Mention) => boolean) | null = null;
      if (rule.params.kind === 'keyword') {
        if (!this.providers.compileQuery) return { ...base, firings: [], incidents: 0, unavailable: 'keyword rules need the topic query language, which this build does not have' };
        const compiled = this.providers.compileQuery(rule.params.query);
        if (typeof compiled === 'string') return { ...base, firings: [], incidents: 0, unavailable: `the query does not parse: ${compiled}` };
        matches = compiled;
      }
      const mentions = this.store.alerting.mentionsInRange(from, to + 1, BACKTEST_MENTION_LIMIT)
        .filter((m) => rule.topicId === null || m.topicIds.includes(rule.topicId));
      signalsAt = mentionSignals(rule, mentions, matches);
    }
    if (!signalsAt) {
      return { ...base, firings: [], incidents: 0, unavailable: `${rule.params.kind} rules depend on live state (source health, waiting customers, term counts) that is not stored per minute, so they cannot be replayed` };
    }
    const result = replay(rule, from, to, signalsAt, this.stepOptions);
    return { ...base, ...result, unavailable: null };
  }

  private emit(): void {
    const alerts = this.open();
    for (const listener of this.listeners) listener(alerts);
  }
}

/** The engine key of an alert, from its dedupe key `rule:<id>:<key>`. */
function keyOf(alert: Alert): string | null {
  const match = /^rule:\d+:(.+)$/.exec(alert.dedupeKey);
  return match ? match[1]! : null;
}

export function severityRank(s: AlertSeverity): number {
  return s === 'critical' ? 2 : s === 'warning' ? 1 : 0;
}
