/**
 * Runs every enabled rule's detector: per-mention rules on each stored batch, window rules on a
 * timer, and passes the signals through the stateful layer (`shared/logic/alerts/engine.ts`).
 */
import type { AlertRule, KeywordParams } from '@shared/domain/alert-rule';
import type { Mention } from '@shared/domain/mention';
import type { SourceHealth } from '@shared/domain/source';
import type { WaitingItem } from '@shared/domain/waiting';
import { INCIDENT_WINDOW_MS, step, type Decision } from '@shared/logic/alerts/engine';
import type { MinuteSeries } from '@shared/logic/alerts/series';
import type { Signal } from '@shared/logic/alerts/signal';
import { MINUTE_MS } from '@shared/logic/time';
import { CORE_ACTOR, type AlertDeps } from './alert-providers';
import type { EngineStates } from './engine-states';
import type { AlertFiring } from './firing';
import { LiveSeries } from './live-series';
import type { RuleBook } from './rule-book';
import { detectorFor, type DetectInputs } from './rule-kind-detectors';
import { TrendingTerms } from './trending-terms';

export class AlertEvaluator {
  private readonly keywordMatches = new Map<number, Mention[]>();
  private readonly lastTick = new Map<number, number>();
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
    const { store, stepOptions } = this.deps;
    const at = this.deps.now();
    const inputs = this.inputs(at, []);
    const work: Array<[AlertRule, Signal[]]> = [];
    for (const rule of this.ruleBook.rules()) {
      const detector = detectorFor(rule.params);
      if (!rule.enabled || !detector.onMentions) continue;
      const scoped = rule.topicId === null ? mentions : mentions.filter((m) => m.topicIds.includes(rule.topicId!));
      const signals = detector.onMentions(rule.params, rule, scoped, inputs);
      if (signals.length > 0) work.push([rule, signals]);
    }
    if (work.length === 0) return;
    const changed = store.transaction(() =>
      work.map(([rule, signals]) => this.firing.apply(rule, step(settings(rule), signals, at, this.engines.of(rule.id), stepOptions), at)).some(Boolean),
    );
    if (changed) this.emit();
  }

  /** Window rules, source and response-time rules; resolves what has gone quiet; wakes snoozes. */
  evaluate(sources: readonly SourceHealth[]): void {
    const { store, stepOptions } = this.deps;
    const at = this.deps.now();
    const inputs = this.inputs(at, sources);
    const decisions: Array<[AlertRule, Decision[]]> = [];
    for (const rule of this.ruleBook.rules()) {
      if (!rule.enabled) continue;
      const detector = detectorFor(rule.params);
      if (detector.tickEveryMs !== undefined) {
        if (at - (this.lastTick.get(rule.id) ?? -Infinity) < detector.tickEveryMs) continue;
        this.lastTick.set(rule.id, at);
      }
      const signals = detector.onTick(rule.params, rule, inputs);
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

  /** What detectors read at `at`; a scope's series is read once however many rules watch it. */
  private inputs(at: number, sources: readonly SourceHealth[]): DetectInputs {
    const series = new Map<string, MinuteSeries | null>();
    return {
      at,
      sources,
      watchlist: this.deps.providers.watchlist ?? null,
      series: (topicId) => {
        const key = String(topicId);
        if (!series.has(key)) series.set(key, this.liveSeries.of(topicId, at));
        return series.get(key) ?? null;
      },
      waiting: () => this.waiting(),
      trendingTerms: (rule, p) => this.trendingTerms.of(rule, p, at),
      keywordMatches: (rule, p, fresh) => this.keywordMatchesOf(rule, p, fresh, at),
    };
  }

  /** Keeps each keyword rule's matches within its window (at most 1,000), adding the fresh posts its query matches. */
  private keywordMatchesOf(rule: AlertRule, p: KeywordParams, fresh: readonly Mention[], at: number): readonly Mention[] | null {
    const kept = (this.keywordMatches.get(rule.id) ?? []).filter((m) => m.publishedAt > at - p.windowMinutes * MINUTE_MS);
    if (fresh.length > 0) {
      const matcher = this.matcher(rule);
      if (!matcher) return null;
      kept.push(...fresh.filter(matcher));
    }
    const capped = kept.slice(-1000);
    this.keywordMatches.set(rule.id, capped);
    return capped;
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
