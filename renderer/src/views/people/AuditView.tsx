/**
 * The audit log (`#/audit`, admins): every change anyone made, newest first, filtered by person,
 * call (or area, e.g. "care") and time; exported as CSV; kept for its own number of days.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AuditEntry } from '../../../../shared/domain/people';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { formatDateTime } from './format';
import './people.css';

interface Filter {
  actor?: string;
  method?: string;
  from?: number;
  to?: number;
}

const PAGE = 200;

function readFilter(form: HTMLFormElement): Filter {
  const data = new FormData(form);
  const text = (key: string) => String(data.get(key) ?? '').trim();
  const time = (key: string) => (text(key) ? new Date(text(key)).getTime() : NaN);
  const filter: Filter = {};
  if (text('actor')) filter.actor = text('actor');
  if (text('method')) filter.method = text('method');
  if (Number.isFinite(time('from'))) filter.from = time('from');
  if (Number.isFinite(time('to'))) filter.to = time('to');
  return filter;
}

export function AuditView() {
  const client = useClient();
  const [filter, setFilter] = useState<Filter>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [retention, setRetention] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const fail = (error: unknown) => setMessage({ ok: false, text: errorMessage(error) });

  const load = useCallback(() => {
    client.call('audit.list', { filter, limit: PAGE }).then((r) => {
      setEntries(r.entries);
      setMore(r.entries.length === PAGE);
    }, fail);
    client.call('audit.settings.get', {}).then((r) => setRetention(r.settings.retentionDays), fail);
  }, [client, filter]);
  useEffect(() => client.onHello(load), [client, load]);

  const older = () => {
    const last = entries[entries.length - 1];
    if (!last) return;
    client.call('audit.list', { filter, beforeId: last.id, limit: PAGE }).then((r) => {
      setEntries((current) => [...current, ...r.entries]);
      setMore(r.entries.length === PAGE);
    }, fail);
  };

  const exportCsv = () => {
    client.call('audit.exportCsv', { filter }).then((r) => {
      // A blob link: the file never touches the hub's disk.
      const url = URL.createObjectURL(new Blob([r.csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = r.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({ ok: true, text: `${r.rows} entries exported` });
    }, fail);
  };

  const saveRetention = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const days = Number(new FormData(e.currentTarget).get('days'));
    client.call('audit.settings.save', { retentionDays: days }).then((r) => {
      setRetention(r.settings.retentionDays);
      setMessage({ ok: true, text: `The audit log keeps ${r.settings.retentionDays} days` });
    }, fail);
  };

  return (
    <ConsoleFrame current="audit">
      <div className="people" data-testid="audit-view">
        {message && (
          <p className={message.ok ? 'people__ok' : 'people__error'} role="status" data-testid="audit-message">
            {message.text}
          </p>
        )}
        <section className="console__section">
          <h2>Audit log</h2>
          <form className="people__form" onSubmit={(e) => { e.preventDefault(); setFilter(readFilter(e.currentTarget)); }} data-testid="audit-filter">
            <label>Person<input name="actor" maxLength={100} data-testid="audit-actor" /></label>
            <label>Call or area<input name="method" maxLength={100} placeholder="care, people.add…" data-testid="audit-method" /></label>
            <label>From<input name="from" type="datetime-local" /></label>
            <label>To<input name="to" type="datetime-local" /></label>
            <button type="submit" data-testid="audit-apply">Filter</button>
            <button type="button" onClick={exportCsv} data-testid="audit-export">Export CSV</button>
          </form>
          <table className="people__table" data-testid="audit-table">
            <thead>
              <tr><th>When</th><th>Who</th><th>Role</th><th>Call</th><th>Outcome</th><th>Parameters</th></tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-testid="audit-row">
                  <td>{formatDateTime(e.at)}</td>
                  <td><bdi>{e.actorName}</bdi></td>
                  <td>{e.role ?? '—'}</td>
                  <td>{e.method}</td>
                  <td className={e.outcome === 'ok' ? undefined : 'people__refused'} title={e.message}>{e.outcome}</td>
                  <td className="people__params">{e.params}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {entries.length === 0 && <p className="people__hint">No entries match.</p>}
          {more && <button type="button" onClick={older}>Older entries</button>}
        </section>
        <section className="console__section">
          <h2>Retention</h2>
          <form className="people__form" onSubmit={saveRetention} key={retention ?? 'loading'}>
            <label>Keep entries for (days)<input name="days" type="number" min={7} max={3650} defaultValue={retention ?? 400} required /></label>
            <button type="submit">Save</button>
          </form>
          <p className="people__hint">Kept apart from the mentions' retention; older entries are deleted every hour.</p>
        </section>
      </div>
    </ConsoleFrame>
  );
}
