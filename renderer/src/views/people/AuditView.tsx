/**
 * The audit log (`#/audit`, admins): every change anyone made, newest first, filtered by person,
 * call (or area, e.g. "care") and time; exported as CSV; kept for its own number of days.
 */
import { useState, type FormEvent } from 'react';
import type { AuditEntry } from '@shared/domain/people';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { useClient } from '../../lib/client-context';
import { downloadText } from '../../lib/download';
import { Button, DataTable, ErrorNotice, Time } from '../../ui';
import { ConsoleFrame } from '../common/ConsoleFrame';
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
  const [filter, setFilter] = useState<Filter>({});
  return (
    <ConsoleFrame current="audit">
      <div className="people" data-testid="audit-view">
        {/* Keyed by the filter: a new filter starts from its newest page. */}
        <AuditLog key={JSON.stringify(filter)} filter={filter} onFilter={setFilter} />
        <RetentionSection />
      </div>
    </ConsoleFrame>
  );
}

function AuditLog({ filter, onFilter }: { filter: Filter; onFilter: (filter: Filter) => void }) {
  const client = useClient();
  const newest = useQuery('audit.list', { filter, limit: PAGE });
  // Older pages fetched by "Older entries", after the newest page.
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const olderPage = useAction<AuditEntry[]>();
  const exporting = useAction<{ rows: number }>();
  const entries = [...(newest.data?.entries ?? []), ...older];
  const lastPage = older.length > 0 ? olderPage.result : newest.data?.entries;
  const more = (lastPage?.length ?? 0) === PAGE;

  const loadOlder = () => {
    const last = entries[entries.length - 1];
    if (last)
      olderPage.run(
        async () => (await client.call('audit.list', { filter, beforeId: last.id, limit: PAGE })).entries,
        (page) => setOlder((o) => [...o, ...page]),
      );
  };
  const exportCsv = () =>
    exporting.run(async () => {
      const r = await client.call('audit.exportCsv', { filter });
      downloadText(r.fileName, r.csv, 'text/csv;charset=utf-8');
      return r;
    });

  return (
    <section className="console__section">
      <ErrorNotice error={newest.error ?? olderPage.error ?? exporting.error} testId="audit-message" />
      {exporting.result && (
        <p className="people__ok" role="status" data-testid="audit-message">
          {exporting.result.rows} entries exported
        </p>
      )}
      <h2>Audit log</h2>
      <form
        className="people__form"
        onSubmit={(e) => {
          e.preventDefault();
          onFilter(readFilter(e.currentTarget));
        }}
        data-testid="audit-filter"
      >
        <label>
          Person
          <input name="actor" maxLength={100} defaultValue={filter.actor} data-testid="audit-actor" />
        </label>
        <label>
          Call or area
          <input name="method" maxLength={100} placeholder="care, people.add…" defaultValue={filter.method} data-testid="audit-method" />
        </label>
        <label>
          From
          <input name="from" type="datetime-local" />
        </label>
        <label>
          To
          <input name="to" type="datetime-local" />
        </label>
        <Button type="submit" variant="primary" data-testid="audit-apply">
          Filter
        </Button>
        <Button busy={exporting.pending} onClick={exportCsv} data-testid="audit-export">
          Export CSV
        </Button>
      </form>
      <DataTable
        testId="audit-table"
        stickyHeader
        rows={entries}
        rowKey={(e) => e.id}
        rowTestId={() => 'audit-row'}
        empty={newest.data ? 'No entries match.' : undefined}
        columns={[
          { key: 'when', header: 'When', cell: (e) => <Time ms={e.at} style="full" /> },
          { key: 'who', header: 'Who', cell: (e) => <bdi>{e.actorName}</bdi> },
          { key: 'role', header: 'Role', cell: (e) => e.role ?? '—' },
          { key: 'call', header: 'Call', cell: (e) => e.method },
          {
            key: 'outcome',
            header: 'Outcome',
            cell: (e) => (
              <span className={e.outcome === 'ok' ? undefined : 'people__refused'} title={e.message}>
                {e.outcome}
              </span>
            ),
          },
          { key: 'params', header: 'Parameters', cell: (e) => <span className="people__params">{e.params}</span> },
        ]}
      />
      {more && (
        <Button busy={olderPage.pending} onClick={loadOlder}>
          Older entries
        </Button>
      )}
    </section>
  );
}

function RetentionSection() {
  const client = useClient();
  const stored = useQuery('audit.settings.get', {});
  const saving = useAction<number>();
  const retention = saving.result ?? stored.data?.settings.retentionDays ?? null;
  const save = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const days = Number(new FormData(e.currentTarget).get('days'));
    saving.run(async () => (await client.call('audit.settings.save', { retentionDays: days })).settings.retentionDays);
  };
  return (
    <section className="console__section">
      <h2>Retention</h2>
      <ErrorNotice error={saving.error ?? stored.error} />
      {saving.result !== null && (
        <p className="people__ok" role="status">
          The audit log keeps {saving.result} days
        </p>
      )}
      <form className="people__form" onSubmit={save} key={retention ?? 'loading'}>
        <label>
          Keep entries for (days)
          <input name="days" type="number" min={7} max={3650} defaultValue={retention ?? 400} required />
        </label>
        <Button type="submit" busy={saving.pending}>
          Save
        </Button>
      </form>
      <p className="people__hint">Kept apart from the mentions' retention; older entries are deleted every hour.</p>
    </section>
  );
}
