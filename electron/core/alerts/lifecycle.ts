/** What operators do to an alert (acknowledge, snooze, assign, resolve), each recorded in its history. */
import type { Alert, Incident } from '@shared/domain/alert';
import type { AlertRule } from '@shared/domain/alert-rule';
import type { Mention } from '@shared/domain/mention';
import { markClosed } from '@shared/logic/alerts/engine';
import type { Logger } from '../base/logger';
import type { Store } from '../store/store';
import { keyOf, type EngineStates } from './engine-states';
import type { RuleBook } from './rule-book';

export interface AlertDetails {
  alert: Alert;
  history: ReturnType<Store['alerts']['history']>;
  mentions: Mention[];
  incident: Incident | null;
  rule: AlertRule | null;
}

export class AlertLifecycle {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly engines: EngineStates,
    private readonly ruleBook: RuleBook,
    private readonly emit: () => void,
  ) {}

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
      // The engine must not go on treating the key as open, or the condition could never re-fire.
      const key = keyOf(alert);
      if (alert.ruleId != null && key !== null) markClosed(this.engines.of(alert.ruleId), key);
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
      rule: alert.ruleId == null ? null : this.ruleBook.find(alert.ruleId),
    };
  }
}
