/**
 * The live side of alerting, as one object for the API, the pushes and the composition root: rule
 * management (`rule-book.ts`), evaluation (`evaluation.ts`), firing into stored alerts and incidents
 * (`firing.ts`, `explanation.ts`), the operators' lifecycle actions (`lifecycle.ts`) and backtests
 * (`rule-backtest.ts`), with `alerts.changed` listeners.
 */
import type { Alert } from '@shared/domain/alert';
import type { AlertRule, AlertRuleInput, BacktestResult } from '@shared/domain/alert-rule';
import type { Mention } from '@shared/domain/mention';
import type { SourceHealth } from '@shared/domain/source';
import type { StepOptions } from '@shared/logic/alerts/engine';
import type { Logger } from '../base/logger';
import type { Store } from '../store/store';
import type { AlertProviders } from './alert-providers';
import { EngineStates, restoreOpenAlerts } from './engine-states';
import { AlertEvaluator } from './evaluation';
import { AlertFiring } from './firing';
import { AlertLifecycle, type AlertDetails } from './lifecycle';
import { backtestRule } from './rule-backtest';
import { RuleBook } from './rule-book';
import type { WebhookDispatcher } from './webhooks';

export { CORE_ACTOR, type AlertProviders, type TrendsQuery } from './alert-providers';
export type { AlertDetails } from './lifecycle';
export { severityRank } from './severity-rank';

export class AlertService {
  private readonly listeners = new Set<(alerts: Alert[]) => void>();
  private readonly engines = new EngineStates();
  private readonly ruleBook: RuleBook;
  private readonly firing: AlertFiring;
  private readonly evaluator: AlertEvaluator;
  private readonly lifecycle: AlertLifecycle;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly providers: AlertProviders = {},
    private readonly stepOptions: StepOptions = {},
  ) {
    const emit = (): void => this.emit();
    this.ruleBook = new RuleBook(store, logger, now);
    this.firing = new AlertFiring(store, logger, this.engines);
    this.evaluator = new AlertEvaluator({ store, logger, now, providers, stepOptions }, this.ruleBook, this.engines, this.firing, emit);
    this.lifecycle = new AlertLifecycle(store, logger, now, this.engines, this.ruleBook, emit);
    restoreOpenAlerts(store, this.engines, now());
  }

  /** Where alerts are delivered outside the app (set by the composition root). */
  setDispatcher(dispatcher: WebhookDispatcher | null): void {
    this.firing.setDispatcher(dispatcher);
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
    return this.ruleBook.rules();
  }

  saveRule(input: AlertRuleInput, id: number | null): AlertRule | null {
    const saved = this.ruleBook.save(input, id);
    if (!saved) return null;
    // A changed rule starts judging afresh; its open alerts stay open and are picked up again.
    this.evaluator.resetRule(saved.id);
    restoreOpenAlerts(this.store, this.engines, this.now(), saved.id);
    this.logger.info('alert rule saved', { id: saved.id, kind: saved.params.kind });
    return saved;
  }

  deleteRule(id: number): boolean {
    const deleted = this.ruleBook.delete(id);
    if (deleted) this.evaluator.dropRule(id);
    return deleted;
  }

  // ---- live evaluation ---------------------------------------------------------------------

  /** Per-mention rules (influencer alarm, keyword watch) over freshly stored mentions. */
  checkMentions(mentions: readonly Mention[]): void {
    this.evaluator.checkMentions(mentions);
  }

  /** Window rules, source and response-time rules; resolves what has gone quiet; wakes snoozes. */
  evaluate(sources: readonly SourceHealth[]): void {
    this.evaluator.evaluate(sources);
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  acknowledge(id: number, by: string): Alert | null {
    return this.lifecycle.acknowledge(id, by);
  }

  snooze(id: number, until: number, by: string): Alert | null {
    return this.lifecycle.snooze(id, until, by);
  }

  assign(id: number, assignee: string | null, by: string): Alert | null {
    return this.lifecycle.assign(id, assignee, by);
  }

  resolve(id: number, by: string): Alert | null {
    return this.lifecycle.resolve(id, by);
  }

  details(id: number): AlertDetails | null {
    return this.lifecycle.details(id);
  }

  // ---- backtest ------------------------------------------------------------------------------

  /** Replays stored history for an unsaved rule through the same detector and stateful layer. */
  backtest(rule: AlertRuleInput, from: number, to: number): BacktestResult {
    return backtestRule({ store: this.store, providers: this.providers, stepOptions: this.stepOptions }, rule, from, to);
  }

  private emit(): void {
    const alerts = this.open();
    for (const listener of this.listeners) listener(alerts);
  }
}
