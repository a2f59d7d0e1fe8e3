/**
 * Runs every enabled rule's detector: per-mention rules on each stored batch, window rules on a
 * timer, and passes the signals through the stateful layer (`shared/logic/alerts/engine.ts`).
 */
import type { AlertRule } from '../../../shared/domain/alert-rule';
import type { Mention } from '../../../shared/domain/mention';
import type { SourceHealth } from '../../../shared/domain/source';
import type { WaitingItem } from '../../../shared/domain/waiting';
import {
  detectInfluencer, detectKeyword, detectNegativeSurge, detectResponseTime, detectSourceDown,
  detectTrendingTerm, detectVolumeSpike,
} from '../../../shared/logic/alerts/detectors';
import { INCIDENT_WINDOW_MS, step, type Decision } from '../../../shared/logic/alerts/engine';
import type { MinuteSeries } from '../../../shared/logic/alerts/series';
import type { Signal } from '../../../shared/logic/alerts/signal';
import { MINUTE_MS } from '../../../shared/logic/time';
import { CORE_ACTOR, type AlertDeps } from './alert-providers';
import type { EngineStates } from './engine-states';
import type { AlertFiring } from './firing';
import { LiveSeries } from './live-series';
import type { RuleBook } from './rule-book';
import { TrendingTerms } from './trending-terms';

/** Waiting customers are asked for at most this often. */
const WAITING_EVERY_MS = 15_000;

export class AlertEvaluator {
  private readonly keywordMatches = new Map<number, Mention[]>();
  private readonly lastWaitingCheck = new Map<number, number>();
  private readonly matchers = new Map<number, { query: string; matches: ((m: Mention) => boolean) | null }>();
  private readonly liveSeries: LiveSeries;
  private readonly trendingTerms: TrendingTerms;

  constructor(
    private readonly deps: AlertDeps,
    private readonly ruleBook: RuleBook,
    private readonly engines: EngineStates,
    private readonly firing: AlertFiring,
    private readonly emit: () => void,
  ) {
    this.liveSeries = new LiveSeries(deps.store);
    this.trendingTerms = new TrendingTerms(deps);
  }

  /** A saved rule starts judging afresh: nothing it had gathered carries over. */
  resetRule(ruleId: number): void {
    this.engines.forget(ruleId);
    this.keywordMatches.delete(ruleId);
    this.trendingTerms.forget(ruleId);
  }

  dropRule(ruleId: number): void {
    this.engines.forget(ruleId);
    this.keywordMatches.delete(ruleId);
  }

  /** Per-mention rules (influencer alarm, keyword watch) over freshly stored mentions. */
  checkMentions(mentions: readonly Mention[]): void {
    if (mentions.length === 0) return;
    const { store, providers, stepOptions } = this.deps;
    const at = this.deps.now();
    const work: Array<[AlertRule, Signal[]]> = [];
    for (const rule of this.ruleBook.rules()) {
      if (!rule.enabled) continue;
      const scoped = rule.topicId === null ? mentions : mentions.filter((m) => m.topicIds.includes(rule.topicId!));
      const p = rule.params;
      if (p.kind === 'influencer') {
        const signals = detectInfluencer(p, rule.severity, scoped, providers.watchlist ?? null);
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
    const changed = store.transaction(() => work.map(([rule, signals]) => this.firing.apply(rule, step(settings(rule), signals, at, this.engines.of(rule.id), stepOptions), at)).some(Boolean));
    if (changed) this.emit();
  }

  /** Window rules, source and response-time rules; resolves what has gone quiet; wakes snoozes. */
  evaluate(sources: readonly SourceHealth[]): void {
    const { store, stepOptions } = this.deps;
    const at = this.deps.now();
    const seriesByScope = new Map<string, MinuteSeries | null>();
    const decisions: Array<[AlertRule, Decision[]]> = [];
    for (const rule of this.ruleBook.rules()) {
      if (!rule.enabled) continue;
      // Waiting customers change by the minute; asking the care inbox every tick would be waste.
      if (rule.params.kind === 'response-time') {
        if (at - (this.lastWaitingCheck.get(rule.id) ?? -Infinity) < WAITING_EVERY_MS) continue;
        this.lastWaitingCheck.set(rule.id, at);
      }
      const signals = this.windowSignals(rule, sources, at, seriesByScope);
      decisions.push([rule, step(settings(rule), signals, at, this.engines.of(rule.id), stepOptions)]);
    }
    const changed = store.transaction(() => {
      let any = decisions.map(([rule, ds]) => this.firing.apply(rule, ds, at)).some(Boolean);
      for (const alert of store.alerts.dueToWake(at)) {
        store.alerts.snooze(alert.id, null);
        store.alerts.addEvent(alert.id, at, 'reopened', CORE_ACTOR, 'snooze ended');
        any = true;
      }
      store.alerts.resolveIdleIncidents(at, at - INCIDENT_WINDOW_MS);
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
        if (!cache.has(key)) cache.set(key, this.liveSeries.of(rule.topicId, at));
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
        const terms = this.trendingTerms.of(rule, p, at);
        return terms ? detectTrendingTerm(p, rule.severity, terms) : [];
      }
      case 'influencer':
        // Events arrive through checkMentions; here the engine only learns that time has passed.
        return [];
    }
  }

  private waiting(): WaitingItem[] {
    try {
      return this.deps.providers.waiting?.() ?? [];
    } catch (error) {
      this.deps.logger.warn('waiting customers unavailable', { error: String(error) });
      return [];
    }
  }

  /** The rule's compiled query, compiled once per rule version (a batch arrives every few seconds). */
  private matcher(rule: AlertRule): ((m: Mention) => boolean) | null {
    const compileQuery = this.deps.providers.compileQuery;
    if (rule.params.kind !== 'keyword' || !compileQuery) return null;
    const cached = this.matchers.get(rule.id);
    if (cached && cached.query === rule.params.query) return cached.matches;
    const compiled = compileQuery(rule.params.query);
    const matches = typeof compiled === 'string' ? null : compiled;
    if (typeof compiled === 'string') this.deps.logger.warn('keyword rule skipped: its query does not parse', { rule: rule.id, error: compiled });
    this.matchers.set(rule.id, { query: rule.params.query, matches });
    return matches;
  }
}

function settings(rule: AlertRule) {
  return { kind: rule.params.kind, persistMinutes: rule.persistMinutes, cooldownMinutes: rule.cooldownMinutes, quietHours: rule.quietHours };
}
