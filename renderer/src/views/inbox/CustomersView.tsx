/**
 * Customers (`#/customers`, `#/customers/<id>`, `#/customers/<platform>/<handle>`): the CRM list
 * with each customer's brand score (formula shown), the CSV import, and one person's whole record:
 * every conversation and post across sources, sentiment over time, segment, clout and notes.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { CareResults } from '../../../../shared/contract/areas/care';
import type { Customer } from '../../../../shared/domain/care';
import { PLATFORMS, type Platform } from '../../../../shared/domain/mention';
import { BRAND_SCORE_FORMULA } from '../../../../shared/logic/care/brand-score';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { loadOperatorName } from '../../lib/operator-name';
import { formatDay, formatHM } from '../../lib/time-format';
import { PlatformBadge } from '../../widgets/PlatformBadge';
import { ConsoleFrame } from '../common/ConsoleFrame';
import './inbox.css';
import './customers.css';

type Target = { customerId: number } | { platform: Platform; handle: string } | null;

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function targetFromHash(hash: string): Target {
  const parts = hash.replace(/^#\/?/, '').split('/').slice(1).map(decodeURIComponent);
  if (parts.length === 1 && /^\d+$/.test(parts[0]!)) return { customerId: Number(parts[0]) };
  if (parts.length === 2 && (PLATFORMS as readonly string[]).includes(parts[0]!) && parts[1]) return { platform: parts[0] as Platform, handle: parts[1] };
  return null;
}

const MAX_IMPORT_BYTES = 200_000;

export function CustomersView() {
  const client = useClient();
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const target = targetFromHash(hash);
  const [customers, setCustomers] = useState<Customer[]>([]);
  const [view, setView] = useState<CareResults['care.customers.get'] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ line: number; message: string }[]>([]);
  const [note, setNote] = useState('');

  const loadList = useCallback(() => {
    client.call('care.customers.list', { limit: 500 }).then((r) => setCustomers(r.customers), (e: unknown) => setMessage(errorMessage(e)));
  }, [client]);

  useEffect(() => client.onHello(loadList), [client, loadList]);

  const key = JSON.stringify(target);
  useEffect(() => {
    if (!target) {
      setView(null);
      return;
    }
    // On a fresh load of a customer's link the socket may not be open yet: load once it greets.
    return client.onHello(() => {
      client.call('care.customers.get', target).then(setView, (e: unknown) => setMessage(errorMessage(e)));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `target`.
  }, [client, key]);

  const onFile = async (file: File) => {
    setErrors([]);
    if (file.size > MAX_IMPORT_BYTES) {
      setMessage(`That file is ${Math.round(file.size / 1024)} KB; import at most ${MAX_IMPORT_BYTES / 1000} KB at a time (split larger exports).`);
      return;
    }
    try {
      const r = await client.call('care.customers.import', { csv: await file.text(), by: loadOperatorName() });
      setMessage(`Imported ${r.imported} customers; ${r.linkedConversations} conversations linked by handle${r.errors.length > 0 ? `; ${r.errors.length} rows skipped` : ''}.`);
      setErrors(r.errors);
      loadList();
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  return (
    <ConsoleFrame current="customers">
      <section className="console__section customers" data-testid="customers">
        <h2>Customers</h2>
        {/* The formula is reference, not prose: folded away, set as code when opened. */}
        <details className="customers__formula">
          <summary>How the brand score (0–100) is worked out</summary>
          <code>{BRAND_SCORE_FORMULA}</code>
        </details>
        <label className="customers__import">
          Import a CRM export (CSV with id, name, handles, lifetime value, tier)
          <input type="file" accept=".csv,text/csv" data-testid="crm-file" onChange={(e) => e.currentTarget.files?.[0] && void onFile(e.currentTarget.files[0])} />
        </label>
        {message && <p role="status" data-testid="customers-message">{message}</p>}
        {errors.length > 0 && (
          <ul className="customers__errors" data-testid="crm-errors">
            {errors.map((e) => (
              <li key={e.line}>line {e.line}: {e.message}</li>
            ))}
          </ul>
        )}
        <div className="customers__layout">
          <table className="customers__table" data-testid="customers-table">
            <thead>
              <tr><th>Name</th><th>Tier</th><th>Lifetime value</th><th>Handles</th><th title={BRAND_SCORE_FORMULA}>Brand score</th></tr>
            </thead>
            <tbody>
              {customers.map((c) => (
                <tr key={c.id} aria-selected={target !== null && 'customerId' in target && target.customerId === c.id}>
                  <td><a href={`#/customers/${c.id}`}>{c.name}</a></td>
                  <td>{c.tier}</td>
                  <td>{c.lifetimeValue.toLocaleString()}</td>
                  <td>{c.handles.map((h) => `@${h}`).join(' ')}</td>
                  <td title={BRAND_SCORE_FORMULA}>{c.brandScore}</td>
                </tr>
              ))}
              {customers.length === 0 && (
                <tr><td colSpan={5} className="console__empty">No CRM customers yet: import a CSV export.</td></tr>
              )}
            </tbody>
          </table>
          {view && <CustomerRecord view={view} note={note} setNote={setNote} onNote={(text) => {
            if (!view.customer) return;
            client.call('care.customers.note', { customerId: view.customer.id, text, by: loadOperatorName() }).then(setView, (e: unknown) => setMessage(errorMessage(e)));
            setNote('');
          }} />}
        </div>
      </section>
    </ConsoleFrame>
  );
}

function CustomerRecord({ view, note, setNote, onNote }: { view: CareResults['care.customers.get']; note: string; setNote: (v: string) => void; onNote: (text: string) => void }) {
  const c = view.customer;
  const first = view.conversations[0];
  const maxAbs = Math.max(0.01, ...view.sentimentByDay.map((d) => Math.abs(d.mean)));
  return (
    <article className="customer" data-testid="customer-record">
      <h3>{c ? c.name : `@${first?.authorHandle ?? ''}`}</h3>
      <p className="customer__facts">
        {c ? `${c.tier} · lifetime value ${c.lifetimeValue.toLocaleString()} · brand score ${c.brandScore} · ` : 'not in the CRM · '}
        clout {Math.round(view.clout)} · segment {view.segment ?? '—'} · {view.conversations.length} conversations · {view.mentions.length} posts
      </p>
      <h4>Sentiment over time (mean per day, −1…1)</h4>
      <ol className="customer__sentiment" data-testid="customer-sentiment">
        {view.sentimentByDay.map((d) => (
          <li key={d.day} title={`${formatDay(d.day)}: ${d.mean} over ${d.count} posts`}>
            <span className="customer__day">{formatDay(d.day)}</span>
            <span className={`customer__bar customer__bar--${d.mean < 0 ? 'neg' : 'pos'}`} style={{ width: `${(Math.abs(d.mean) / maxAbs) * 8}rem` }} />
            <span>{d.mean.toFixed(2)}</span>
          </li>
        ))}
      </ol>
      <h4>Conversations</h4>
      <ul className="customer__conversations">
        {view.conversations.map((cv) => (
          <li key={cv.id}>
            <PlatformBadge platform={cv.platform} /> <span className={`status status--${cv.status}`}>{cv.status}</span> {cv.assignee ?? 'unassigned'} · {formatDay(cv.lastActivityAt)} — {cv.preview}
          </li>
        ))}
      </ul>
      <h4>Posts</h4>
      <ul className="customer__posts">
        {view.mentions.slice(0, 100).map((m) => (
          <li key={m.id} className={`post post--${m.sentiment}`}>
            <span className="post__time">{formatDay(m.publishedAt)} {formatHM(m.publishedAt)}</span>
            <PlatformBadge platform={m.platform} />
            <p className="post__text">{m.text}</p>
          </li>
        ))}
      </ul>
      {c && (
        <>
          <h4>Notes</h4>
          <ul>
            {view.notes.map((n, i) => (
              <li key={i}>{n.author}: {n.text}</li>
            ))}
          </ul>
          <textarea value={note} maxLength={4000} rows={2} onChange={(e) => setNote(e.currentTarget.value)} placeholder="A note about this customer (Ctrl+Enter)" onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && note.trim() && onNote(note.trim())} />
        </>
      )}
    </article>
  );
}
