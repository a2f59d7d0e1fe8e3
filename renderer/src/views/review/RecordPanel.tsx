/** The record: what is kept, rows and disk per table, and the retention setting. */
import { useState } from 'react';
import type { RecordSummary } from '@shared/domain/review';
import { formatCompact } from '@shared/logic/format';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { Button, DataTable, ErrorNotice, Time } from '../../ui';
import { loadOperatorName } from '../../lib/operator-name';
import { groupRecordTables } from './record-groups';

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function RecordPanel() {
  const client = useClient();
  const stored = useQuery('record.summary', {});
  const saving = useAction<RecordSummary>();
  const summary = saving.result ?? stored.data;
  // Until the person picks, the form shows the stored retention.
  const [typedKeepAll, setKeepAll] = useState<boolean | null>(null);
  const [typedDays, setDays] = useState<string | null>(null);
  const keepAll = typedKeepAll ?? summary?.retention.mentionDays === null;
  const days = typedDays ?? String(summary?.retention.mentionDays ?? 90);
  const saved =
    saving.result &&
    (saving.result.retention.mentionDays === null
      ? 'Saved: everything is kept.'
      : `Saved: mentions older than ${saving.result.retention.mentionDays} days are removed.`);

  const dayCount = Number(days);
  const daysValid = Number.isInteger(dayCount) && dayCount >= 1 && dayCount <= 3650;
  return (
    <section className="console__section review" data-testid="record-panel">
      <h2>The record</h2>
      <p>
        Everything the war room saw and did is kept with its time: mentions, alerts and their history, care actions, wall takeovers, annotations. Replays read
        it back.
      </p>
      <ErrorNotice error={saving.error ?? stored.error} />
      {summary && (
        <>
          <p data-testid="record-totals">
            Database {formatBytes(summary.databaseBytes)} (+ {formatBytes(summary.walBytes)} write-ahead log). Mentions from{' '}
            {summary.oldestMentionAt !== null ? <Time ms={summary.oldestMentionAt} style="dayTime" /> : '—'} to{' '}
            {summary.newestMentionAt !== null ? <Time ms={summary.newestMentionAt} style="dayTime" /> : '—'}.
          </p>
          <DataTable
            className="review__table"
            testId="record-groups"
            rows={groupRecordTables(summary.tables)}
            rowKey={(g) => g.label}
            rowTestId={() => 'record-group'}
            columns={[
              {
                key: 'what',
                header: 'What is kept',
                cell: (g) => (
                  <>
                    <strong>{g.label}</strong> <span className="review__what">{g.what}</span>
                  </>
                ),
              },
              { key: 'rows', header: 'Rows', numeric: true, cell: (g) => <span title={String(g.rows)}>{formatCompact(g.rows)}</span> },
              { key: 'disk', header: 'Disk', numeric: true, cell: (g) => formatBytes(g.bytes) },
            ]}
          />
          {/* The storage engine's own table names mean little to a reviewer: the totals come first, the breakdown on request. */}
          <details className="review__tables">
            <summary>Database tables ({summary.tables.length}, largest first), for an administrator</summary>
            <DataTable
              className="review__table"
              rows={[...summary.tables].sort((x, y) => (y.bytes ?? 0) - (x.bytes ?? 0))}
              rowKey={(t) => t.name}
              rowTestId={() => 'record-table'}
              rowData={(t) => ({ 'data-table': t.name, 'data-rows': t.rows })}
              columns={[
                { key: 'table', header: 'Table', cell: (t) => t.name },
                { key: 'rows', header: 'Rows', numeric: true, cell: (t) => <span title={String(t.rows)}>{formatCompact(t.rows)}</span> },
                { key: 'disk', header: 'Disk', numeric: true, cell: (t) => formatBytes(t.bytes) },
              ]}
            />
          </details>
          <form
            className="review__form"
            onSubmit={(e) => {
              e.preventDefault();
              saving.run(() => client.call('record.setRetention', { mentionDays: keepAll ? null : dayCount, by: loadOperatorName() }));
            }}
          >
            <fieldset>
              <legend>Retention</legend>
              <label>
                <input type="radio" name="retention" checked={keepAll} onChange={() => setKeepAll(true)} data-testid="retention-keep-all" /> keep everything
              </label>
              <label>
                <input type="radio" name="retention" checked={!keepAll} onChange={() => setKeepAll(false)} data-testid="retention-limited" /> remove mentions
                older than{' '}
                <input
                  type="number"
                  min={1}
                  max={3650}
                  value={days}
                  disabled={keepAll}
                  onChange={(e) => setDays(e.target.value)}
                  data-testid="retention-days"
                  aria-label="Days to keep"
                />{' '}
                days
              </label>
            </fieldset>
            <Button type="submit" variant="primary" disabled={!keepAll && !daysValid} busy={saving.pending} data-testid="retention-save">
              Save retention
            </Button>
            {saved && <span data-testid="retention-saved">{saved}</span>}
          </form>
        </>
      )}
    </section>
  );
}
