/** The stored alert rules, read once and cached until one is saved or deleted. */
import type { AlertRule, AlertRuleInput } from '@shared/domain/alert-rule';
import type { Logger } from '../base/logger';
import type { Store } from '../store/store';

export class RuleBook {
  private cache: AlertRule[] | null = null;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  rules(): AlertRule[] {
    this.cache ??= this.store.alerting.rules((error) => this.logger.warn('alert rule skipped', { error: error.message }));
    return this.cache;
  }

  find(id: number): AlertRule | null {
    return this.rules().find((r) => r.id === id) ?? null;
  }

  save(input: AlertRuleInput, id: number | null): AlertRule | null {
    const at = this.now();
    const saved = id === null ? this.store.alerting.createRule(input, at) : this.store.alerting.updateRule(id, input, at);
    if (saved) this.cache = null;
    return saved;
  }

  delete(id: number): boolean {
    const deleted = this.store.alerting.deleteRule(id);
    if (deleted) this.cache = null;
    return deleted;
  }
}
