/** The stateful layer's memory per rule, shared by evaluation, firing and the lifecycle actions. */
import type { Alert } from '@shared/domain/alert';
import { markOpen, type EngineState } from '@shared/logic/alerts/engine';
import type { Store } from '../store/store';
import { CORE_ACTOR } from './alert-providers';

export class EngineStates {
  private readonly byRule = new Map<number, EngineState>();

  of(ruleId: number): EngineState {
    let state = this.byRule.get(ruleId);
    if (!state) {
      state = new Map();
      this.byRule.set(ruleId, state);
    }
    return state;
  }

  forget(ruleId: number): void {
    this.byRule.delete(ruleId);
  }
}

/** The engine key of an alert, from its dedupe key `rule:<id>:<key>`. */
export function keyOf(alert: Alert): string | null {
  const match = /^rule:\d+:(.+)$/.exec(alert.dedupeKey);
  return match ? match[1]! : null;
}

/** After a start or a rule edit: the engine learns which keys already have an open alert. */
export function restoreOpenAlerts(store: Store, engines: EngineStates, at: number, onlyRule: number | null = null): void {
  for (const alert of store.alerts.open()) {
    if (alert.ruleId == null) {
      // Left by the foundation's fixed detectors: rules replace them.
      store.alerts.resolve(alert.id, at, CORE_ACTOR);
      store.alerts.addEvent(alert.id, at, 'resolved', CORE_ACTOR, 'replaced by alert rules');
      continue;
    }
    if (onlyRule !== null && alert.ruleId !== onlyRule) continue;
    const key = keyOf(alert);
    if (key !== null) markOpen(engines.of(alert.ruleId), key, alert.severity, alert.openedAt, alert.updatedAt);
  }
}
