/**
 * Customers (`#/customers`, `#/customers/<id>`, `#/customers/<platform>/<handle>`): the CRM list
 * with each customer's brand score (formula shown), the CSV import, and one person's whole record:
 * every conversation and post across sources, sentiment over time, segment, clout and notes.
 */
import { useState, useSyncExternalStore } from 'react';
import type { CareResults } from '@shared/contract/areas/care';
import { PLATFORMS, type Platform } from '@shared/domain/mention';
import { BRAND_SCORE_FORMULA } from '@shared/logic/care/brand-score';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { DataTable, ErrorNotice } from '../../ui';
import { loadOperatorName } from '../../lib/operator-name';
import { formatDay, formatHM } from '../../ui/time-format';
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
  const list = useQuery('care.customers.list', { limit: 500 });
  const customers = list.data?.customers ?? [];
  const record = useQuery('care.customers.get', target);
  const importing = useAction<CareResults['care.customers.import']>();
  const noting = useAction<CareResults['care.customers.get']>();
  const [tooBig, setTooBig] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const view = target ? record.data : null;
  const imported = importing.result;

  const onFile = (file: File) => {
    setTooBig(
      file.size > MAX_IMPORT_BYTES
        ? `That file is ${Math.round(file.size / 1024)} KB; import at most ${MAX_IMPORT_BYTES / 1000} KB at a time (split larger exports).`
        : null,
    );
    if (file.size > MAX_IMPORT_BYTES) return;
    importing.run(async () => client.call('care.customers.import', { csv: await file.text(), by: loadOperatorName() }), list.reload);
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
          <input type="file" accept=".csv,text/csv" data-testid="crm-file" onChange={(e) => e.currentTarget.files?.[0] && onFile(e.currentTarget.files[0])} />
        </label>
        <ErrorNotice error={tooBig ?? importing.error ?? noting.error ?? list.error ?? record.error} testId="customers-message" />
        {imported && !tooBig && (
          <p role="status" data-testid="customers-message">
            Imported {imported.imported} customers; {imported.linkedConversations} conversations linked by handle
            {imported.errors.length > 0 ? `; ${imported.errors.length} rows skipped` : ''}.
          </p>
        )}
        {imported && imported.errors.length > 0 && (
          <ul className="customers__errors" data-testid="crm-errors">
            {imported.errors.map((e) => (
              <li key={e.line}>
                line {e.line}: {e.message}
              </li>
            ))}
          </ul>
        )}
        <div className="customers__layout">
          <DataTable
            className="customers__table"
            testId="customers-table"
            rows={customers}
            rowKey={(c) => c.id}
            rowData={(c) => ({ 'aria-selected': String(target !== null && 'customerId' in target && target.customerId === c.id) })}
            empty={list.data ? 'No CRM customers yet: import a CSV export.' : undefined}
            columns={[
              { key: 'name', header: 'Name', cell: (c) => <a href={`#/customers/${c.id}`}>{c.name}</a> },
              { key: 'tier', header: 'Tier', cell: (c) => c.tier },
              { key: 'value', header: 'Lifetime value', numeric: true, cell: (c) => c.lifetimeValue.toLocaleString() },
              { key: 'handles', header: 'Handles', cell: (c) => c.handles.map((h) => `@${h}`).join(' ') },
              { key: 'score', header: 'Brand score', title: BRAND_SCORE_FORMULA, numeric: true, cell: (c) => c.brandScore },
            ]}
          />
          {view && (
            <CustomerRecord
              view={view}
              note={note}
              setNote={setNote}
              onNote={(text) => {
                if (!view.customer) return;
                const customerId = view.customer.id;
                noting.run(
                  () => client.call('care.customers.note', { customerId, text, by: loadOperatorName() }),
                  (next) => record.update(() => next),
                );
                setNote('');
              }}
            />
          )}
        </div>
      </section>
    </ConsoleFrame>
  );
}

function CustomerRecord({
  view,
  note,
  setNote,
  onNote,
}: {
  view: CareResults['care.customers.get'];
  note: string;
  setNote: (v: string) => void;
  onNote: (text: string) => void;
}) {
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
            <PlatformBadge platform={cv.platform} /> <span className={`status status--${cv.status}`}>{cv.status}</span> {cv.assignee ?? 'unassigned'} ·{' '}
            {formatDay(cv.lastActivityAt)} — {cv.preview}
          </li>
        ))}
      </ul>
      <h4>Posts</h4>
      <ul className="customer__posts">
        {view.mentions.slice(0, 100).map((m) => (
          <li key={m.id} className={`post post--${m.sentiment}`}>
            <span className="post__time">
              {formatDay(m.publishedAt)} {formatHM(m.publishedAt)}
            </span>
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
              <li key={i}>
                {n.author}: {n.text}
              </li>
            ))}
          </ul>
          <textarea
            value={note}
            maxLength={4000}
            rows={2}
            onChange={(e) => setNote(e.currentTarget.value)}
            placeholder="A note about this customer (Ctrl+Enter)"
            onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && note.trim() && onNote(note.trim())}
          />
        </>
      )}
    </article>
  );
}
