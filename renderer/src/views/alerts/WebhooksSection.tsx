/** Webhook destinations: their list, test sends, enabling, adding one, and the recent deliveries. */
import { useCallback, useEffect, useState } from 'react';
import type { Alert } from '../../../../shared/domain/alert';
import { ALERT_SEVERITIES } from '../../../../shared/domain/alert';
import { WEBHOOK_FORMATS, type WebhookDelivery, type WebhookDestination, type WebhookFormat } from '../../../../shared/domain/alert-rule';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { formatTime } from './format-time';

export function WebhooksSection() {
  const client = useClient();
  const [destinations, setDestinations] = useState<WebhookDestination[]>([]);
  const [deliveries, setDeliveries] = useState<WebhookDelivery[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', url: '', format: 'slack' as WebhookFormat, minSeverity: 'warning' as Alert['severity'], secret: '' });
  const load = useCallback(() => {
    client.call('alerts.webhooks.list', {}).then((r) => setDestinations(r.destinations), (e: unknown) => setError(errorMessage(e)));
    client.call('alerts.webhooks.deliveries', { limit: 20 }).then((r) => setDeliveries(r.deliveries), (e: unknown) => setError(errorMessage(e)));
  }, [client]);
  useEffect(() => client.onHello(() => load()), [client, load]);
  const fail = (e: unknown): void => setError(errorMessage(e));
  const add = (): void => {
    setError(null);
    const { secret, ...fields } = form;
    client.call('alerts.webhooks.save', { id: null, destination: { ...fields, enabled: true, ...(secret ? { secret } : {}) } }).then(() => {
      setForm((f) => ({ ...f, name: '', url: '', secret: '' }));
      load();
    }, fail);
  };
  return (
    <section className="console__section" aria-labelledby="webhooks-heading" data-testid="webhooks">
      <h2 id="webhooks-heading">Webhooks</h2>
      <p>New and newly critical alerts are POSTed to each enabled destination at or above its minimum severity, signed with <code>X-Earshot-Signature: sha256=…</code> when a secret is set. Secrets are never shown again.</p>
      {error && <p className="alerts-error" role="alert">{error}</p>}
      {note && <p data-testid="webhook-note">{note}</p>}
      <table className="rules-table">
        <thead><tr><th>Name</th><th>URL</th><th>Format</th><th>From</th><th>Signed</th><th>Enabled</th><th /></tr></thead>
        <tbody>
          {destinations.map((d) => (
            <tr key={d.id} data-testid="webhook-row" data-webhook-id={d.id}>
              <td>{d.name}</td><td>{d.url}</td><td>{d.format}</td><td>{d.minSeverity}</td><td>{d.hasSecret ? 'yes' : 'no'}</td><td>{d.enabled ? 'yes' : 'no'}</td>
              <td>
                <button type="button" data-testid="webhook-test" onClick={() => client.call('alerts.webhooks.test', { id: d.id }).then((r) => { setNote(`${d.name}: ${r.status} after ${r.attempts} attempt(s)${r.error ? ` (${r.error})` : ''}`); load(); }, fail)}>Send test</button>
                <button type="button" onClick={() => client.call('alerts.webhooks.save', { id: d.id, destination: { name: d.name, url: d.url, format: d.format, minSeverity: d.minSeverity, enabled: !d.enabled } }).then(load, fail)}>{d.enabled ? 'Disable' : 'Enable'}</button>
                <button type="button" onClick={() => client.call('alerts.webhooks.delete', { id: d.id }).then(load, fail)}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="rule-editor" onSubmit={(e) => { e.preventDefault(); add(); }}>
        <label>Name <input data-testid="webhook-name" value={form.name} maxLength={120} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
        <label>URL <input data-testid="webhook-url" value={form.url} maxLength={2000} placeholder="https://hooks.slack.com/services/…" onChange={(e) => setForm({ ...form, url: e.target.value })} /></label>
        <label>Format <select data-testid="webhook-format" value={form.format} onChange={(e) => setForm({ ...form, format: e.target.value as WebhookFormat })}>{WEBHOOK_FORMATS.map((f) => <option key={f}>{f}</option>)}</select></label>
        <label>Minimum severity <select value={form.minSeverity} onChange={(e) => setForm({ ...form, minSeverity: e.target.value as Alert['severity'] })}>{ALERT_SEVERITIES.map((s) => <option key={s}>{s}</option>)}</select></label>
        <label>Signing secret (optional, 8+ characters) <input type="password" data-testid="webhook-secret" value={form.secret} autoComplete="off" onChange={(e) => setForm({ ...form, secret: e.target.value })} /></label>
        <div className="rule-editor__actions"><button type="submit" data-testid="webhook-add">Add destination</button></div>
      </form>
      <h3>Recent deliveries</h3>
      {deliveries.length === 0 && <p className="console__empty" data-testid="webhook-deliveries-empty">Nothing delivered yet. Alerts go to every enabled destination; “Send test” tries one.</p>}
      <ol className="backtest__list" data-testid="webhook-deliveries">
        {deliveries.map((d) => (
          <li key={d.id}>{formatTime(d.at)} · {destinations.find((x) => x.id === d.destinationId)?.name ?? `#${d.destinationId}`} · {d.status} after {d.attempts} attempt(s){d.httpStatus !== null ? ` · HTTP ${d.httpStatus}` : ''}{d.error ? ` · ${d.error}` : ''}{d.alertId !== null ? ` · alert ${d.alertId}` : ' · test'}</li>
        ))}
      </ol>
    </section>
  );
}
