/** Trending terms per trending-term rule, asked of the understanding area at most once a minute. */
import type { AlertRule, TrendingTermParams } from '@shared/domain/alert-rule';
import type { TrendingTerm } from '@shared/domain/trends';
import { MINUTE_MS } from '@shared/logic/time';
import type { AlertDeps } from './alert-providers';

/** Trending terms are asked for at most this often. */
const TRENDS_EVERY_MS = 60_000;

export class TrendingTerms {
  private readonly cache = new Map<number, { at: number; terms: TrendingTerm[] }>();

  constructor(private readonly deps: Pick<AlertDeps, 'store' | 'logger' | 'providers'>) {}

  /** The rule's terms, or null when this build has no trending terms. */
  of(rule: AlertRule, p: TrendingTermParams, at: number): TrendingTerm[] | null {
    const trends = this.deps.providers.trends;
    if (!trends) return null;
    const cached = this.cache.get(rule.id);
    if (!cached || at - cached.at >= TRENDS_EVERY_MS) {
      // "Absent from the baseline" means nothing before there is one: a new workspace would call
      // every word new. The scope must have been listening for the whole baseline period.
      const historyStart = this.deps.store.alerting.historyStart(rule.topicId);
      const listened = historyStart !== null && historyStart <= at - (p.baselineMinutes + p.windowMinutes) * MINUTE_MS;
      try {
        this.cache.set(rule.id, {
          at,
          terms: listened ? trends({ topicId: rule.topicId, windowMinutes: p.windowMinutes, baselineMinutes: p.baselineMinutes, now: at, limit: 50 }) : [],
        });
      } catch (error) {
        this.deps.logger.warn('trending terms unavailable', { rule: rule.id, error: String(error) });
        this.cache.set(rule.id, { at, terms: [] });
      }
    }
    return this.cache.get(rule.id)!.terms;
  }

  forget(ruleId: number): void {
    this.cache.delete(ruleId);
  }
}
