/** Webhook destinations: their list, test sends, enabling, adding one, and the recent deliveries. */
import { useState } from 'react';
import type { Alert } from '@shared/domain/alert';
import { ALERT_SEVERITIES } from '@shared/domain/alert';
import { WEBHOOK_FORMATS, type WebhookDelivery, type WebhookDestination, type WebhookFormat } from '@shared/domain/alert-rule';
import { useLive } from '../../data/use-live';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { formatTime } from './format-time';
import { useKept } from './use-kept';
import { Button } from '../../ui';

/** Deliveries follow alerts opening anywhere: read again this often while the console is open. */
const DELIVERIES_REFRESH_MS = 15_000;

export function WebhooksSection() {
  const client = useClient();
  // Bumped after a change: the key moves and the list is read again.
  const [changes, setChanges] = useState(0);
  const live = useLive({
    key: `alerts.webhooks:${changes}`,
    load: async (c) => {
      const [d, r] = await Promise.all([c.call('alerts.webhooks.list', {}), c.call('alerts.webhooks.deliveries', { limit: 20 })]);
      return { destinations: d.destinations, deliveries: r.deliveries };
    },
    refreshMs: DELIVERIES_REFRESH_MS,
  });
  const data = useKept(live.data);
  const destinations: WebhookDestination[] = data?.destinations ?? [];
  const deliveries: WebhookDelivery[] = data?.deliveries ?? [];
  const [actionError, setActionError] = useState<string | null>(null);
  const error = actionError ?? live.error;
  const [note, setNote] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', url: '', format: 'slack' as WebhookFormat, minSeverity: 'warning' as Alert['severity'], secret: '' });
  const load = (): void => {
    setActionError(null);
    setChanges((n) => n + 1);
  };
  const fail = (e: unknown): void => setActionError(errorMessage(e));
  const add = (): void => {
    setActionError(null);
    const { secret, ...fields } = form;
    client.call('alerts.webhooks.save', { id: null, destination: { ...fields, enabled: true, ...(secret ? { secret } : {}) } }).then(() => {
      setForm((f) => ({ ...f, name: '', url: '', secret: '' }));
      load();
    }, fail);
  };
  return (
    <section className="console__section" aria-labelledby="webhooks-heading" data-testid="webhooks">
      <h2 id="webhooks-heading">Webhooks</h2>
      <p>
        New and newly critical alerts are POSTed to each enabled destination at or above its minimum severity, signed with{' '}
        <code>X-Earshot-Signature: sha256=…</code> when a secret is set. Secrets are never shown again.
      </p>
      {error && (
        <p className="alerts-error" role="alert">
          {error}
        </p>
      )}
      {note && <p data-testid="webhook-note">{note}</p>}
      {data !== null && destinations.length === 0 && (
        <p className="alerts-empty" data-testid="no-webhooks">
          No destinations: alerts stay in Earshot until you add one below.
        </p>
      )}
      <table className="rules-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>URL</th>
            <th>Format</th>
            <th>From</th>
            <th>Signed</th>
            <th>Enabled</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {destinations.map((d) => (
            <tr key={d.id} data-testid="webhook-row" data-webhook-id={d.id}>
              <td>{d.name}</td>
              <td>{d.url}</td>
              <td>{d.format}</td>
              <td>{d.minSeverity}</td>
              <td>{d.hasSecret ? 'yes' : 'no'}</td>
              <td>{d.enabled ? 'yes' : 'no'}</td>
              <td>
                <Button
                  data-testid="webhook-test"
                  onClick={() =>
                    client.call('alerts.webhooks.test', { id: d.id }).then((r) => {
                      setNote(`${d.name}: ${r.status} after ${r.attempts} attempt(s)${r.error ? ` (${r.error})` : ''}`);
                      load();
                    }, fail)
                  }
                >
                  Send test
                </Button>
                <Button
                  data-testid="webhook-toggle"
                  onClick={() =>
                    client
                      .call('alerts.webhooks.save', {
                        id: d.id,
                        destination: { name: d.name, url: d.url, format: d.format, minSeverity: d.minSeverity, enabled: !d.enabled },
                      })
                      .then(load, fail)
                  }
                >
                  {d.enabled ? 'Disable' : 'Enable'}
                </Button>
                <Button variant="danger" data-testid="webhook-delete" onClick={() => client.call('alerts.webhooks.delete', { id: d.id }).then(load, fail)}>
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="rule-editor"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label>
          Name <input data-testid="webhook-name" value={form.name} maxLength={120} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          URL{' '}
          <input
            data-testid="webhook-url"
            value={form.url}
            maxLength={2000}
            placeholder="https://hooks.slack.com/services/…"
            onChange={(e) => setForm({ ...form, url: e.target.value })}
          />
        </label>
        <label>
          Format{' '}
          <select data-testid="webhook-format" value={form.format} onChange={(e) => setForm({ ...form, format: e.target.value as WebhookFormat })}>
            {WEBHOOK_FORMATS.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
        <label>
          Minimum severity{' '}
          <select value={form.minSeverity} onChange={(e) => setForm({ ...form, minSeverity: e.target.value as Alert['severity'] })}>
            {ALERT_SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Signing secret (optional, 8+ characters){' '}
          <input
            type="password"
            data-testid="webhook-secret"
            value={form.secret}
            autoComplete="off"
            onChange={(e) => setForm({ ...form, secret: e.target.value })}
          />
        </label>
        <div className="rule-editor__actions">
          <Button type="submit" variant="primary" data-testid="webhook-add">
            Add destination
          </Button>
        </div>
      </form>
      <h3 id="webhook-deliveries-heading">Recent deliveries</h3>
      {data === null ? null : deliveries.length === 0 ? (
        <p className="alerts-empty" data-testid="webhook-deliveries-empty">
          {destinations.length === 0
            ? 'No deliveries yet: add a destination above, then send a test.'
            : 'No deliveries yet: new alerts at or above a destination’s minimum severity are sent as they open. “Send test” sends one now.'}
        </p>
      ) : (
        <table className="rules-table" data-testid="webhook-deliveries" aria-labelledby="webhook-deliveries-heading">
          <thead>
            <tr>
              <th>When</th>
              <th>Destination</th>
              <th>Outcome</th>
              <th>Attempts</th>
              <th>HTTP</th>
              <th>Alert</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} data-testid="webhook-delivery" data-status={d.status}>
                <td>{formatTime(d.at)}</td>
                <td>{destinations.find((x) => x.id === d.destinationId)?.name ?? `#${d.destinationId}`}</td>
                <td>{d.status}</td>
                <td>{d.attempts}</td>
                <td>{d.httpStatus ?? '—'}</td>
                <td>{d.alertId !== null ? <a href={`#/alerts?alert=${d.alertId}`}>alert {d.alertId}</a> : 'test'}</td>
                <td>{d.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
