/** The core's implementation of the calls in `shared/contract/areas/alerting.ts`. */
import { secretDestination } from '../secrets/secret-destination';
import type { alertingParams } from '@shared/contract/areas/alerting';
import type { Alert } from '@shared/domain/alert';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';
import { compileKeywordQuery } from '../alerts/keyword';
import { WEBHOOK_SECRET_FIELD, webhookSecretKey } from '../alerts/webhooks';
import { ApiError } from './api-error';

function found(alert: Alert | null, id: number): { alert: Alert } {
  if (!alert) throw new ApiError('not-found', `alert ${id} does not exist`);
  return { alert };
}

export function alertingHandlers({ store, alerts, alertDelivery, secrets, now }: CoreServices): HandlersFor<typeof alertingParams> {
  const checkTopic = (topicId: number | null): void => {
    if (topicId !== null && !store.topics.get(topicId)) throw new ApiError('bad-params', `rule.topicId: topic ${topicId} does not exist`);
  };
  return {
    'alerts.rules.list': () => ({ rules: alerts.rules() }),
    'alerts.rules.save': ({ id, rule }) => {
      checkTopic(rule.topicId);
      if (rule.params.kind === 'keyword') {
        const compiled = compileKeywordQuery(rule.params.query);
        if (typeof compiled === 'string') throw new ApiError('bad-params', `rule.params.query: ${compiled}`);
      }
      const saved = alerts.saveRule(rule, id);
      if (!saved) throw new ApiError('not-found', `alert rule ${id} does not exist`);
      return { rule: saved };
    },
    'alerts.rules.delete': ({ id }) => {
      if (!alerts.deleteRule(id)) throw new ApiError('not-found', `alert rule ${id} does not exist`);
      return { deleted: true };
    },
    'alerts.rules.backtest': ({ rule, from, to }) => {
      checkTopic(rule.topicId);
      return alerts.backtest(rule, from, Math.min(to, now()));
    },
    'alerts.recent': ({ limit }) => ({ alerts: store.alerts.recent(limit) }),
    'alerts.get': ({ id }) => {
      const details = alerts.details(id);
      if (!details) throw new ApiError('not-found', `alert ${id} does not exist`);
      return details;
    },
    'alerts.snooze': ({ id, until, by }) => {
      if (until <= now()) throw new ApiError('bad-params', 'until: must be in the future');
      return found(alerts.snooze(id, until, by), id);
    },
    'alerts.assign': ({ id, assignee, by }) => found(alerts.assign(id, assignee, by), id),
    'alerts.resolve': ({ id, by }) => found(alerts.resolve(id, by), id),
    'alerts.incidents': ({ limit }) => ({ incidents: store.alerts.recentIncidents(limit) }),
    'alerts.webhooks.list': () => ({ destinations: store.alerting.destinations() }),
    'alerts.webhooks.save': ({ id, destination }) => {
      const { secret: sent, ...fields } = destination;
      if (sent != null && secrets.problem !== null) throw new ApiError('bad-params', `secret: cannot be stored: ${secrets.problem}`);
      // The signing secret belongs to the address it was saved with: a new address without a new
      // secret clears it (the admin enters it again), so it is never used to sign for another host.
      const before = id === null ? null : store.alerting.destination(id);
      const moved = before !== null && before.hasSecret && sent === undefined && secretDestination([before.url]) !== secretDestination([fields.url]);
      const secret = moved ? null : sent;
      const saved = store.transaction(() => {
        const row = id === null ? store.alerting.createDestination(fields, now()) : store.alerting.updateDestination(id, fields);
        if (row && secret !== undefined) store.alerting.setDestinationHasSecret(row.id, secret !== null);
        return row;
      });
      if (!saved) throw new ApiError('not-found', `webhook destination ${id} does not exist`);
      if (secret != null) secrets.set(webhookSecretKey(saved.id), WEBHOOK_SECRET_FIELD, secret, secretDestination([fields.url]));
      else if (secret === null && secrets.problem === null) secrets.deleteSource(webhookSecretKey(saved.id));
      return { destination: store.alerting.destination(saved.id)! };
    },
    'alerts.webhooks.delete': ({ id }) => {
      if (!store.alerting.deleteDestination(id)) throw new ApiError('not-found', `webhook destination ${id} does not exist`);
      if (secrets.problem === null) secrets.deleteSource(webhookSecretKey(id));
      return { deleted: true };
    },
    'alerts.webhooks.test': async ({ id }) => {
      const destination = store.alerting.destination(id);
      if (!destination) throw new ApiError('not-found', `webhook destination ${id} does not exist`);
      const at = now();
      const sample: Alert = {
        id: 0,
        kind: 'volume-spike',
        severity: 'warning',
        dedupeKey: 'test',
        title: 'Test alert from Earshot',
        detail: 'This is a test delivery: the destination is set up correctly.',
        openedAt: at,
        updatedAt: at,
        acknowledgedAt: null,
        acknowledgedBy: null,
        resolvedAt: null,
        evidence: [],
        topicId: null,
        ruleId: null,
        incidentId: null,
        state: 'open',
        snoozedUntil: null,
        assignee: null,
        resolvedBy: null,
        explanation: null,
      };
      return alertDelivery.deliver(destination, { event: 'test', alert: sample, incident: null, url: null });
    },
    'alerts.webhooks.deliveries': ({ limit }) => ({ deliveries: store.alerting.deliveries(limit) }),
  };
}
