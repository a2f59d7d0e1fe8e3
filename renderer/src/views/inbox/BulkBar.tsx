/**
 * Bulk work over the ticked conversations: select all matching the filter or the near-identical
 * posts of the open one, then tag, assign to me, resolve, or reply with one approved response.
 * The core runs the job; this bar shows its progress and lists every conversation that failed.
 */
import { useEffect, useState } from 'react';
import type { ApiParams } from '../../../../shared/contract/api';
import type { BulkJobStatus, InboxFilterParams } from '../../../../shared/contract/areas/care';
import type { ReplyTemplate } from '../../../../shared/domain/care';
import { useClient } from '../../lib/client-context';
import { careActions } from '../../stores/care';

export interface BulkBarProps {
  checked: number[];
  filter: InboxFilterParams;
  total: number;
  openId: number | null;
  operator: string;
  templates: ReplyTemplate[];
  onDone: () => void;
}

const POLL_MS = 400;

export function BulkBar({ checked, filter, total, openId, operator, templates, onDone }: BulkBarProps) {
  const client = useClient();
  const [job, setJob] = useState<BulkJobStatus | null>(null);
  const [tag, setTag] = useState('');
  const [templateId, setTemplateId] = useState<number | ''>('');
  const approved = templates.filter((t) => t.approvedBy !== null);

  useEffect(() => {
    if (!job || job.finished) return;
    const timer = setTimeout(() => {
      client.call('care.bulk.status', { jobId: job.id }).then(
        (next) => {
          setJob(next);
          if (next.finished) onDone();
        },
        (error: unknown) => careActions.notice('error', error instanceof Error ? error.message : String(error)),
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [client, job, onDone]);

  const fail = (error: unknown) => careActions.notice('error', error instanceof Error ? error.message : String(error));
  const run = (action: ApiParams<'care.bulk.start'>['action']) => {
    if (!operator.trim()) return careActions.notice('error', 'Type your name first (top right)');
    client.call('care.bulk.start', { ids: checked, action, by: operator }).then((started) => {
      setJob(started);
      careActions.clearChecks();
    }, fail);
  };

  return (
    <div className="inbox-bulk" data-testid="bulk-bar">
      <span data-testid="bulk-count">{checked.length} selected</span>
      <button type="button" onClick={() => client.call('care.bulk.matching', { filter }).then((r) => careActions.checkMany(r.ids), fail)} data-testid="bulk-select-matching">
        select all {total.toLocaleString()} matching
      </button>
      <button type="button" disabled={openId === null} onClick={() => openId !== null && client.call('care.bulk.similar', { id: openId }).then((r) => careActions.checkMany(r.ids), fail)} data-testid="bulk-select-similar">
        select near-identical to the open one
      </button>
      {checked.length > 0 && (
        <>
          <button type="button" onClick={careActions.clearChecks}>clear</button>
          <span className="inbox-bulk__actions">
            <input value={tag} onChange={(e) => setTag(e.currentTarget.value)} placeholder="tag" size={8} maxLength={50} data-testid="bulk-tag-input" />
            <button type="button" disabled={!tag.trim()} onClick={() => run({ kind: 'tag', tag: tag.trim() })} data-testid="bulk-tag">tag</button>
            <button type="button" onClick={() => run({ kind: 'assign', to: operator })} data-testid="bulk-assign">assign to me</button>
            <button type="button" onClick={() => run({ kind: 'resolve' })} data-testid="bulk-resolve">resolve</button>
            <select value={templateId} onChange={(e) => setTemplateId(e.currentTarget.value === '' ? '' : Number(e.currentTarget.value))} data-testid="bulk-template">
              <option value="">approved response…</option>
              {approved.map((t) => (
                <option key={t.id} value={t.id}>{t.name}</option>
              ))}
            </select>
            <button type="button" disabled={templateId === ''} onClick={() => templateId !== '' && run({ kind: 'reply', templateId })} data-testid="bulk-reply">
              reply to each
            </button>
          </span>
        </>
      )}
      {job && (
        <span className="inbox-bulk__job" role="status" data-testid="bulk-progress" data-done={job.done} data-total={job.total} data-failed={job.failed.length} data-finished={job.finished}>
          <progress max={job.total} value={job.done} /> {job.action}: {job.done}/{job.total}
          {job.failed.length > 0 && ` · ${job.failed.length} failed`}
          {job.finished && ' · done'}
          {job.failed.length > 0 && (
            <details>
              <summary>failures</summary>
              <ul data-testid="bulk-failures">
                {job.failed.map((f) => (
                  <li key={f.conversationId}>
                    <button type="button" onClick={() => careActions.select(f.conversationId)}>#{f.conversationId}</button> {f.error}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </span>
      )}
    </div>
  );
}
