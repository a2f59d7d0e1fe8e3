/** The record: what is kept, rows and disk per table, and the retention setting. */
import { useEffect, useState } from 'react';
import type { RecordSummary } from '../../../../shared/domain/review';
import { formatCompact } from '../../../../shared/logic/format';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { loadOperatorName } from '../../lib/operator-name';
import { formatReplayShort } from '../../replay/format';
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
  const [summary, setSummary] = useState<RecordSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [keepAll, setKeepAll] = useState(true);
  const [days, setDays] = useState('90');
  const [saved, setSaved] = useState<string | null>(null);

  const apply = (s: RecordSummary) => {
    setSummary(s);
    setKeepAll(s.retention.mentionDays === null);
    if (s.retention.mentionDays !== null) setDays(String(s.retention.mentionDays));
  };
  useEffect(() => {
    const load = () =>
      client.call('record.summary', {}).then(apply, (e: unknown) => setError(errorMessage(e)));
    return client.onHello(load);
  }, [client]);

  const dayCount = Number(days);
  const daysValid = Number.isInteger(dayCount) && dayCount >= 1 && dayCount <= 3650;
  return (
    <section className="console__section review" data-testid="record-panel">
      <h2>The record</h2>
      <p>
        Everything the war room saw and did is kept with its time: mentions, alerts and their history, care actions, wall takeovers, annotations. Replays read it
        back.
      </p>
      {error && (
        <p className="review__error" role="alert">
          {error}
        </p>
      )}
      {summary && (
        <>
          <p data-testid="record-totals">
            Database {formatBytes(summary.databaseBytes)} (+ {formatBytes(summary.walBytes)} write-ahead log). Mentions from{' '}
            {summary.oldestMentionAt !== null ? formatReplayShort(summary.oldestMentionAt) : '—'} to {summary.newestMentionAt !== null ? formatReplayShort(summary.newestMentionAt) : '—'}.
          </p>
          <table className="review__table" data-testid="record-groups">
            <thead>
              <tr>
                <th scope="col">What is kept</th>
                <th scope="col">Rows</th>
                <th scope="col">Disk</th>
              </tr>
            </thead>
            <tbody>
              {groupRecordTables(summary.tables).map((g) => (
                <tr key={g.label} data-testid="record-group">
                  <td>
                    <strong>{g.label}</strong> <span className="review__what">{g.what}</span>
                  </td>
                  <td title={String(g.rows)}>{formatCompact(g.rows)}</td>
                  <td>{formatBytes(g.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <details className="review__tables">
            <summary>Database tables ({summary.tables.length}), for an administrator</summary>
          <table className="review__table">
            <thead>
              <tr>
                <th>Table</th>
                <th>Rows</th>
                <th>Disk</th>
              </tr>
            </thead>
            <tbody>
              {summary.tables.map((t) => (
                <tr key={t.name} data-testid="record-table" data-table={t.name} data-rows={t.rows}>
                  <td>{t.name}</td>
                  <td title={String(t.rows)}>{formatCompact(t.rows)}</td>
                  <td>{formatBytes(t.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </details>
          <form
            className="review__form"
            onSubmit={(e) => {
              e.preventDefault();
              setError(null);
              setSaved(null);
              client.call('record.setRetention', { mentionDays: keepAll ? null : dayCount, by: loadOperatorName() }).then(
                (s) => {
                  apply(s);
                  setSaved(s.retention.mentionDays === null ? 'Saved: everything is kept.' : `Saved: mentions older than ${s.retention.mentionDays} days are removed.`);
                },
                (err: unknown) => setError(errorMessage(err)),
              );
            }}
          >
            <fieldset>
              <legend>Retention</legend>
              <label>
                <input type="radio" name="retention" checked={keepAll} onChange={() => setKeepAll(true)} data-testid="retention-keep-all" /> keep everything
              </label>
              <label>
                <input type="radio" name="retention" checked={!keepAll} onChange={() => setKeepAll(false)} data-testid="retention-limited" /> remove mentions older than{' '}
                <input type="number" min={1} max={3650} value={days} disabled={keepAll} onChange={(e) => setDays(e.target.value)} data-testid="retention-days" aria-label="Days to keep" /> days
              </label>
            </fieldset>
            <button type="submit" disabled={!keepAll && !daysValid} data-testid="retention-save">
              Save retention
            </button>
            {saved && <span data-testid="retention-saved">{saved}</span>}
          </form>
        </>
      )}
    </section>
  );
}
