/**
 * Turns the stateful layer's decisions into stored alerts: opens them (joining or starting an
 * incident), updates and escalates them, resolves what cleared, and hands new and escalated alerts
 * to the webhook dispatcher.
 */
import type { Alert, AlertExplanation } from '@shared/domain/alert';
import { ALERT_KIND_OF_RULE, type AlertRule } from '@shared/domain/alert-rule';
import { EVENT_RULES, incidentFor, markClosed, moreSevere, type Decision } from '@shared/logic/alerts/engine';
import type { Signal } from '@shared/logic/alerts/signal';
import type { Logger } from '../base/logger';
import type { Store } from '../store/store';
import { CORE_ACTOR } from './alert-providers';
import type { EngineStates } from './engine-states';
import { explainSignal, openingOf, spamOfWindow } from './explanation';
import type { WebhookDispatcher } from './webhooks';

export class AlertFiring {
  private dispatcher: WebhookDispatcher | null = null;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly engines: EngineStates,
  ) {}

  setDispatcher(dispatcher: WebhookDispatcher | null): void {
    this.dispatcher = dispatcher;
  }

  /** Turns decisions into stored changes; true when something visible changed. */
  apply(rule: AlertRule, decisions: readonly Decision[], at: number): boolean {
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
        markClosed(this.engines.of(rule.id), d.key);
        continue;
      }
      this.openAlert(rule, d.signal, dedupeKey, at);
      changed = true;
    }
    return changed;
  }

  private openAlert(rule: AlertRule, signal: Signal, dedupeKey: string, at: number): void {
    const topicName = rule.topicId === null ? null : (this.store.topics.get(rule.topicId)?.name ?? null);
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
    const { explanation, evidence } = explainSignal(this.store, rule, signal, null);
    const record = {
      kind: ALERT_KIND_OF_RULE[rule.params.kind],
      severity: signal.severity,
      dedupeKey,
      title,
      detail: signal.detail,
      at,
      evidence,
      topicId: rule.topicId,
      ruleId: rule.id,
      incidentId,
      explanation,
      opening: openingOf(signal, evidence, at),
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
    const fresh = escalates || EVENT_RULES.has(rule.params.kind) ? explainSignal(this.store, rule, signal, existing.id) : null;
    const evidence = fresh ? [...new Set([...fresh.evidence, ...existing.evidence])].slice(0, 20) : existing.evidence;
    this.store.alerts.refresh(existing.id, {
      kind: existing.kind,
      severity,
      dedupeKey: existing.dedupeKey,
      title: existing.title,
      detail: signal.detail,
      at,
      evidence,
      explanation: fresh?.explanation ?? {
        ...signal.explanation,
        ...carriedOver(existing),
        // The numbers above are the current window's, so what was left out of them must be too
        // (a bot burst that starts after the alert opened is named as soon as it is excluded).
        ...(signal.window ? spamOfWindow(this.store, rule.topicId, signal.window) : {}),
        link: `#/alerts?alert=${existing.id}`,
      },
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
}

/** What a plain update keeps from the alert's last full explanation (terms, stories, summary): recomputed on escalation. */
function carriedOver(existing: Alert): Pick<AlertExplanation, 'terms' | 'stories' | 'summary' | 'spam'> {
  const x = existing.explanation;
  return {
    terms: x?.terms ?? [],
    ...(x?.stories ? { stories: x.stories } : {}),
    ...(x?.summary ? { summary: x.summary } : {}),
    ...(x?.spam ? { spam: x.spam } : {}),
  };
}
