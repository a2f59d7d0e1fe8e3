/**
 * The alerts console (`#/alerts`): open alerts with their explanation, evidence and history and the
 * lifecycle actions; the rules with an editor that backtests a draft before it is saved; desktop
 * notifications for new alerts on this workstation.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Alert, AlertHistoryEntry, Incident } from '../../../../shared/domain/alert';
import { ALERT_SEVERITIES } from '../../../../shared/domain/alert';
import { RULE_KINDS, WEBHOOK_FORMATS, type AlertRule, type AlertRuleInput, type BacktestResult, type RuleKind, type WebhookDelivery, type WebhookDestination, type WebhookFormat } from '../../../../shared/domain/alert-rule';
import type { Mention } from '../../../../shared/domain/mention';
import type { Topic } from '../../../../shared/domain/topic';
import { newRuleOfKind } from '../../../../shared/logic/alerts/defaults';
import { safeHttpUrl } from '../../../../shared/logic/safe-url';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { loadOperatorName } from '../../lib/operator-name';
import { useAlertsStore } from '../../stores/alerts';
import { ConsoleFrame } from '../common/ConsoleFrame';
import './alerts.css';

const time = (t: number): string => new Date(t).toLocaleString();

function selectedFromHash(): number | null {
  const m = /[?&]alert=(\d+)/.exec(window.location.hash);
  return m ? Number(m[1]) : null;
}

export function AlertsView() {
  const alerts = useAlertsStore((s) => s.alerts);
  const [selected, setSelected] = useState<number | null>(selectedFromHash());
  useEffect(() => {
    const onHash = (): void => setSelected(selectedFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useDesktopNotifications(alerts);
  return (
    <ConsoleFrame current="alerts">
      <NotificationsToggle />
      <section className="console__section alerts-grid">
        <div>
          <h2>Open alerts</h2>
          {alerts.length === 0 && <p data-testid="no-alerts">No open alerts.</p>}
          <ul className="alerts-list">
            {alerts.map((a) => (
              <li key={a.id} data-testid="alerts-row" data-alert-id={a.id} data-alert-kind={a.kind} data-state={a.state ?? 'open'} className={`alerts-list__item alerts-list__item--${a.severity}`}>
                <a href={`#/alerts?alert=${a.id}`} data-testid="alerts-row-open">{a.severity.toUpperCase()} · {a.title}</a>
                <span className="alerts-list__meta">{a.state ?? 'open'}{a.assignee ? ` · ${a.assignee}` : ''} · {time(a.openedAt)}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>{selected !== null ? <AlertDetail id={selected} key={selected} /> : <p>Select an alert to see why it fired.</p>}</div>
      </section>
      <RulesSection />
      <WebhooksSection />
    </ConsoleFrame>
  );
}

// ---- notifications ------------------------------------------------------------------------------

function NotificationsToggle() {
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState(supported ? Notification.permission : 'denied');
  if (!supported) return <p className="alerts-note">This browser cannot show desktop notifications.</p>;
  return (
    <p className="alerts-note" data-testid="notifications" data-permission={permission}>
      Desktop notifications: {permission === 'granted' ? 'on for new alerts' : permission === 'denied' ? 'blocked by the browser' : 'off'}
      {permission === 'default' && (
        <button type="button" data-testid="enable-notifications" onClick={() => void Notification.requestPermission().then(setPermission)}>Enable</button>
      )}
    </p>
  );
}

/** Shows a desktop notification for every alert that appears while this view is open. */
function useDesktopNotifications(alerts: readonly Alert[]): void {
  const seen = useRef<Set<number> | null>(null);
  useEffect(() => {
    const ids = new Set(alerts.map((a) => a.id));
    if (seen.current === null) {
      seen.current = ids; // Alerts already open when the view loads are not news.
      return;
    }
    for (const a of alerts) {
      if (seen.current.has(a.id)) continue;
      seen.current.add(a.id);
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        new Notification(`${a.severity.toUpperCase()}: ${a.title}`, { body: a.detail, tag: `earshot-alert-${a.id}` });
      }
    }
  }, [alerts]);
}

// ---- one alert ----------------------------------------------------------------------------------

interface Details {
  alert: Alert;
  history: AlertHistoryEntry[];
  mentions: Mention[];
  incident: Incident | null;
  rule: AlertRule | null;
}

function AlertDetail({ id }: { id: number }) {
  const client = useClient();
  const [details, setDetails] = useState<Details | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [assignee, setAssignee] = useState('');
  const version = useAlertsStore((s) => s.alerts.find((a) => a.id === id)?.updatedAt ?? 0);
  const load = useCallback(() => {
    client.call('alerts.get', { id }).then(setDetails, (e: unknown) => setError(errorMessage(e)));
  }, [client, id]);
  // On every (re)connection, and whenever the alert changes.
  useEffect(() => client.onHello(() => load()), [client, load, version]);
  const act = (work: Promise<unknown>): void => {
    work.then(load, (e: unknown) => setError(errorMessage(e)));
  };
  if (error) return <p className="alerts-error" role="alert">{error}</p>;
  if (!details) return <p>Loading…</p>;
  const { alert, history, mentions, incident, rule } = details;
  const x = alert.explanation;
  const by = loadOperatorName();
  return (
    <article className="alert-detail" data-testid="alert-detail" data-alert-id={alert.id} data-state={alert.state}>
      <h2>{alert.title}</h2>
      <p>{alert.detail}</p>
      {x && (
        <dl className="alert-detail__explain" data-testid="alert-explanation">
          <dt>Rule</dt><dd>{rule && !x.rule.startsWith(rule.name) ? `${rule.name} — ` : ''}{x.rule}</dd>
          <dt>Observed</dt><dd data-testid="explain-observed">{x.observed} {x.measure}</dd>
          {x.expected !== null && <><dt>Expected</dt><dd>{Math.round(x.expected * 10) / 10}</dd></>}
          {x.bandHigh !== null && <><dt>Band</dt><dd>{x.bandLow !== null ? `${Math.round(x.bandLow * 10) / 10} – ` : 'up to '}{Math.round(x.bandHigh * 10) / 10}</dd></>}
          {x.terms.length > 0 && <><dt>Top terms</dt><dd data-testid="explain-terms">{x.terms.join(', ')}</dd></>}
          {incident && <><dt>Incident</dt><dd>#{incident.id}: {incident.alertIds.length} alert(s) since {time(incident.openedAt)}</dd></>}
        </dl>
      )}
      {alert.state !== 'resolved' && (
        <div className="alert-detail__actions">
          <button type="button" data-testid="alert-ack" disabled={alert.acknowledgedAt !== null} onClick={() => act(client.call('alerts.acknowledge', { id, by }))}>Acknowledge</button>
          <button type="button" data-testid="alert-snooze" onClick={() => act(client.call('alerts.snooze', { id, until: Date.now() + 30 * 60_000, by }))}>Snooze 30 min</button>
          <input aria-label="Assign to" data-testid="alert-assignee" placeholder="Assign to…" value={assignee} maxLength={100} onChange={(e) => setAssignee(e.target.value)} />
          <button type="button" data-testid="alert-assign" disabled={assignee.trim() === ''} onClick={() => act(client.call('alerts.assign', { id, assignee: assignee.trim(), by }))}>Assign</button>
          <button type="button" data-testid="alert-resolve" onClick={() => act(client.call('alerts.resolve', { id, by }))}>Resolve</button>
        </div>
      )}
      <h3>Contributing mentions</h3>
      <ul className="alert-detail__mentions" data-testid="alert-mentions">
        {mentions.map((m) => {
          const url = safeHttpUrl(m.url);
          return (
            <li key={m.id}>
              <strong>@{m.authorHandle}</strong> ({m.sentiment}) {m.text}{' '}
              {url && <a href={url} target="_blank" rel="noreferrer noopener">open</a>}
            </li>
          );
        })}
      </ul>
      <h3>History</h3>
      <ol className="alert-detail__history" data-testid="alert-history">
        {history.map((h) => (
          <li key={h.id} data-action={h.action}>{time(h.at)} · <strong>{h.action}</strong> by {h.actor}{h.detail ? ` — ${h.detail}` : ''}</li>
        ))}
      </ol>
    </article>
  );
}

// ---- rules --------------------------------------------------------------------------------------

function RulesSection() {
  const client = useClient();
  const [rules, setRules] = useState<AlertRule[]>([]);
  const [topicNames, setTopicNames] = useState<Map<number, string>>(new Map());
  const [editing, setEditing] = useState<{ id: number | null; input: AlertRuleInput; opened: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    client.call('alerts.rules.list', {}).then((r) => setRules(r.rules), (e: unknown) => setError(errorMessage(e)));
    client.call('topics.list', {}).then((r) => setTopicNames(new Map(r.topics.map((t) => [t.id, t.name]))), (e: unknown) => setError(errorMessage(e)));
  }, [client]);
  useEffect(() => client.onHello(() => load()), [client, load]);
  const [kind, setKind] = useState<RuleKind>('keyword');
  return (
    <section className="console__section" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      {error && <p className="alerts-error" role="alert">{error}</p>}
      <table className="rules-table">
        <thead><tr><th>Name</th><th>Kind</th><th>Topic</th><th>Severity</th><th>Enabled</th><th /></tr></thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id} data-testid="rule-row" data-rule-id={r.id} data-rule-kind={r.params.kind}>
              <td>{r.name}</td><td>{r.params.kind}</td><td>{r.topicId === null ? 'all mentions' : (topicNames.get(r.topicId) ?? `topic ${r.topicId}`)}</td><td>{r.severity}</td>
              <td>{r.enabled ? 'yes' : 'no'}</td>
              <td>
                <button type="button" data-testid="rule-edit" onClick={() => setEditing({ id: r.id, input: stripRule(r), opened: Date.now() })}>Edit</button>
                <button type="button" data-testid="rule-delete" onClick={() => client.call('alerts.rules.delete', { id: r.id }).then(load, (e: unknown) => setError(errorMessage(e)))}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <select aria-label="Rule kind" data-testid="new-rule-kind" value={kind} onChange={(e) => setKind(e.target.value as RuleKind)}>
          {RULE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <button type="button" data-testid="new-rule" onClick={() => setEditing({ id: null, input: newRuleOfKind(kind), opened: Date.now() })}>New rule</button>
      </p>
      {editing && <RuleEditor key={`${editing.id ?? 'new'}-${editing.opened}`} id={editing.id} initial={editing.input} onDone={() => { setEditing(null); load(); }} />}
    </section>
  );
}

function stripRule(r: AlertRule): AlertRuleInput {
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = r;
  return input;
}

function RuleEditor({ id, initial, onDone }: { id: number | null; initial: AlertRuleInput; onDone: () => void }) {
  const client = useClient();
  const [input, setInput] = useState(initial);
  const [backtest, setBacktest] = useState<BacktestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [days, setDays] = useState(1);
  const [topics, setTopics] = useState<Topic[]>([]);
  useEffect(() => client.onHello(() => {
    client.call('topics.list', {}).then((r) => setTopics(r.topics), (e: unknown) => setError(errorMessage(e)));
  }), [client]);

  const draft = (): AlertRuleInput | null => input;
  const runBacktest = (): void => {
    const rule = draft();
    if (!rule) return;
    setError(null);
    const to = Date.now();
    client.call('alerts.rules.backtest', { rule, from: to - days * 24 * 3_600_000, to }).then(setBacktest, (e: unknown) => setError(errorMessage(e)));
  };
  const save = (): void => {
    const rule = draft();
    if (!rule) return;
    client.call('alerts.rules.save', { id, rule }).then(onDone, (e: unknown) => setError(errorMessage(e)));
  };
  const set = <K extends keyof AlertRuleInput>(key: K, value: AlertRuleInput[K]): void => setInput((s) => ({ ...s, [key]: value }));

  return (
    <form className="rule-editor" data-testid="rule-editor" onSubmit={(e) => { e.preventDefault(); save(); }}>
      <label>Name <input data-testid="rule-name" value={input.name} maxLength={120} onChange={(e) => set('name', e.target.value)} /></label>
      <label>Topic
        <select data-testid="rule-topic" value={input.topicId ?? ''} onChange={(e) => set('topicId', e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">All mentions</option>
          {topics.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </label>
      <label>Severity <select data-testid="rule-severity" value={input.severity} onChange={(e) => set('severity', e.target.value as AlertRuleInput['severity'])}>{ALERT_SEVERITIES.map((s) => <option key={s}>{s}</option>)}</select></label>
      <label>Cooldown (min) <input type="number" data-testid="rule-cooldown" value={input.cooldownMinutes} min={0} onChange={(e) => set('cooldownMinutes', Number(e.target.value))} /></label>
      <label>Must persist for (min) <input type="number" data-testid="rule-persist" value={input.persistMinutes} min={0} onChange={(e) => set('persistMinutes', Number(e.target.value))} /></label>
      <label>Quiet hours <input data-testid="rule-quiet" placeholder="22:00-07:00" defaultValue={input.quietHours ? `${input.quietHours.from}-${input.quietHours.to}` : ''}
        onChange={(e) => { const [from, to] = e.target.value.split('-').map((s) => s.trim()); set('quietHours', from && to ? { from, to } : null); }} /></label>
      <label><input type="checkbox" data-testid="rule-enabled" checked={input.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled</label>
      <fieldset className="rule-editor__params" data-testid="rule-params" data-kind={input.params.kind}>
        <legend>{input.params.kind} settings</legend>
        <ParamsFields params={input.params} onChange={(params) => set('params', params)} />
      </fieldset>
      {error && <p className="alerts-error" role="alert" data-testid="rule-error">{error}</p>}
      <div className="rule-editor__actions">
        <label>Backtest over <select value={days} onChange={(e) => setDays(Number(e.target.value))}>{[1, 7, 30].map((d) => <option key={d} value={d}>{d} day{d > 1 ? 's' : ''}</option>)}</select></label>
        <button type="button" data-testid="rule-backtest" onClick={runBacktest}>Backtest</button>
        <button type="submit" data-testid="rule-save">Save</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
      {backtest && <BacktestChart result={backtest} />}
    </form>
  );
}

const PARAM_LABELS: Record<string, string> = {
  sensitivity: 'Sensitivity (σ above the expectation)',
  minCount: 'Minimum count',
  minRatio: 'Minimum × the expectation',
  baselineMinutes: 'Trailing baseline (min)',
  seasonal: 'Compare with the same time on previous days',
  criticalRatio: 'Critical from × the expectation (empty: never)',
  minShare: 'Negative share that fires on its own (0–1)',
  minFollowers: 'Minimum followers (empty: ignore)',
  minClout: 'Minimum clout 0–100 (empty: ignore)',
  useWatchlists: 'Authors on a watchlist count',
  negativeOnly: 'Negative mentions only',
  criticalFollowers: 'Critical from followers (empty: never)',
  query: 'Query (topic language)',
  windowMinutes: 'Window (min)',
  targetMinutes: 'Answer within (min)',
  sourceId: 'Source id (empty: every source)',
};
/** Parameters that may be empty (null). */
const NULLABLE = new Set(['criticalRatio', 'minFollowers', 'minClout', 'criticalFollowers', 'sourceId']);
const TEXT_PARAMS = new Set(['query', 'sourceId']);

/** One typed field per parameter of the rule's kind; the core checks the values (zod) on backtest and save. */
function ParamsFields({ params, onChange }: { params: AlertRuleInput['params']; onChange: (params: AlertRuleInput['params']) => void }) {
  const entries = Object.entries(params).filter(([key]) => key !== 'kind');
  const update = (key: string, value: unknown): void => onChange({ ...params, [key]: value } as AlertRuleInput['params']);
  return (
    <>
      {entries.map(([key, value]) => {
        const label = PARAM_LABELS[key] ?? key;
        const testId = `rule-param-${key}`;
        if (typeof value === 'boolean') {
          return <label key={key}><input type="checkbox" data-testid={testId} checked={value} onChange={(e) => update(key, e.target.checked)} /> {label}</label>;
        }
        if (TEXT_PARAMS.has(key)) {
          return (
            <label key={key} className={key === 'query' ? 'rule-editor__query' : undefined}>{label}
              <input data-testid={testId} value={typeof value === 'string' ? value : ''} maxLength={1000}
                onChange={(e) => update(key, e.target.value === '' && NULLABLE.has(key) ? null : e.target.value)} />
            </label>
          );
        }
        return (
          <label key={key}>{label}
            <input data-testid={testId} inputMode="decimal" defaultValue={value === null ? '' : String(value)}
              onChange={(e) => {
                const text = e.target.value.trim();
                update(key, text === '' && NULLABLE.has(key) ? null : Number(text));
              }} />
          </label>
        );
      })}
    </>
  );
}

function BacktestChart({ result }: { result: BacktestResult }) {
  const data = useMemo(() => result.series.map((p) => ({ t: p.minute, total: p.total, negative: p.negative })), [result]);
  if (result.unavailable) return <p data-testid="backtest-result" data-firings="0">Backtest unavailable: {result.unavailable}</p>;
  return (
    <div className="backtest" data-testid="backtest-result" data-firings={result.firings.length}>
      <p>
        Would have fired <strong data-testid="backtest-count">{result.firings.length}</strong> time{result.firings.length === 1 ? '' : 's'} in {result.incidents} incident{result.incidents === 1 ? '' : 's'}
        {result.firings.some((f) => f.suppressed) ? ' (some held back by quiet hours)' : ''}; red lines mark firings. Counts per {result.stepMinutes} min.
      </p>
      <div className="backtest__chart">
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={[result.from, result.to]} tickFormatter={(t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} />
            <YAxis />
            <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} />
            <Line type="monotone" dataKey="total" stroke="#5aa0ff" dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="negative" stroke="#ff7a59" dot={false} isAnimationActive={false} />
            {result.firings.slice(0, 200).map((f) => <ReferenceLine key={`${f.at}-${f.key}`} x={f.at} stroke={f.suppressed ? '#888' : '#e5484d'} />)}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ol className="backtest__list" data-testid="backtest-firings">
        {result.firings.slice(0, 50).map((f) => <li key={`${f.at}-${f.key}`}>{new Date(f.at).toLocaleString()} · {f.severity}{f.suppressed ? ' (quiet hours)' : ''} · {f.detail}</li>)}
      </ol>
    </div>
  );
}

// ---- webhooks -----------------------------------------------------------------------------------

function WebhooksSection() {
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
      <ol className="backtest__list" data-testid="webhook-deliveries">
        {deliveries.map((d) => (
          <li key={d.id}>{time(d.at)} · {destinations.find((x) => x.id === d.destinationId)?.name ?? `#${d.destinationId}`} · {d.status} after {d.attempts} attempt(s){d.httpStatus !== null ? ` · HTTP ${d.httpStatus}` : ''}{d.error ? ` · ${d.error}` : ''}{d.alertId !== null ? ` · alert ${d.alertId}` : ' · test'}</li>
        ))}
      </ol>
    </section>
  );
}
