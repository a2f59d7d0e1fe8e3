/**
 * Bulk work over the ticked conversations: select all matching the filter or the near-identical
 * posts of the open one, then tag, assign to me, resolve, or reply with one approved response.
 * The core runs the job; this bar shows its progress and lists every conversation that failed.
 */
import { useEffect, useState } from 'react';
import type { ApiParams } from '@shared/contract/api';
import type { BulkJobStatus, InboxFilterParams } from '@shared/contract/areas/care';
import type { ReplyTemplate } from '@shared/domain/care';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { careActions } from '../../stores/care';
import { Button, Options } from '../../ui';

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
  const [started, setStarted] = useState<BulkJobStatus | null>(null);
  const [tag, setTag] = useState('');
  const [templateId, setTemplateId] = useState<number | ''>('');
  const approved = templates.filter((t) => t.approvedBy !== null);
  // The job runs in the core; its progress is asked for every POLL_MS until it has finished.
  const status = useQuery('care.bulk.status', started && !started.finished ? { jobId: started.id } : null, { refreshMs: POLL_MS });
  const job = status.data && status.data.id === started?.id ? status.data : started;
  const finished = job?.finished ?? false;
  useEffect(() => {
    if (finished) onDone();
  }, [finished, onDone]);

  const starting = useAction<BulkJobStatus>();
  const ticking = useAction<{ ids: number[] }>();
  const failure = starting.error ?? ticking.error ?? status.error;
  useEffect(() => {
    if (failure) careActions.notice('error', failure);
  }, [failure]);
  const run = (what: ApiParams<'care.bulk.start'>['action']) => {
    if (!operator.trim()) return careActions.notice('error', 'Type your name first (top right)');
    starting.run(
      () => client.call('care.bulk.start', { ids: checked, action: what, by: operator }),
      (next) => {
        setStarted(next);
        careActions.clearChecks();
      },
    );
  };
  const tick = (ask: () => Promise<{ ids: number[] }>) => ticking.run(ask, (r) => careActions.checkMany(r.ids));

  return (
    <div className="inbox-bulk" data-testid="bulk-bar">
      <span data-testid="bulk-count">{checked.length} selected</span>
      <Button onClick={() => tick(() => client.call('care.bulk.matching', { filter }))} data-testid="bulk-select-matching">
        select all {total.toLocaleString()} matching
      </Button>
      <Button
        disabled={openId === null}
        onClick={() => openId !== null && tick(() => client.call('care.bulk.similar', { id: openId }))}
        data-testid="bulk-select-similar"
      >
        select near-identical to the open one
      </Button>
      {checked.length > 0 && (
        <>
          <Button onClick={careActions.clearChecks}>clear</Button>
          <span className="inbox-bulk__actions">
            <input value={tag} onChange={(e) => setTag(e.currentTarget.value)} placeholder="tag" size={8} maxLength={50} data-testid="bulk-tag-input" />
            <Button disabled={!tag.trim()} onClick={() => run({ kind: 'tag', tag: tag.trim() })} data-testid="bulk-tag">
              tag
            </Button>
            <Button onClick={() => run({ kind: 'assign', to: operator })} data-testid="bulk-assign">
              assign to me
            </Button>
            <Button onClick={() => run({ kind: 'resolve' })} data-testid="bulk-resolve">
              resolve
            </Button>
            <select
              value={templateId}
              onChange={(e) => setTemplateId(e.currentTarget.value === '' ? '' : Number(e.currentTarget.value))}
              data-testid="bulk-template"
            >
              <Options items={approved} value={(t) => t.id} label={(t) => t.name} empty="approved response…" />
            </select>
            <Button disabled={templateId === ''} onClick={() => templateId !== '' && run({ kind: 'reply', templateId })} data-testid="bulk-reply">
              reply to each
            </Button>
          </span>
        </>
      )}
      {job && (
        <span
          className="inbox-bulk__job"
          role="status"
          data-testid="bulk-progress"
          data-done={job.done}
          data-total={job.total}
          data-failed={job.failed.length}
          data-finished={job.finished}
        >
          <progress max={job.total} value={job.done} /> {job.action}: {job.done}/{job.total}
          {job.failed.length > 0 && ` · ${job.failed.length} failed`}
          {job.finished && ' · done'}
          {job.failed.length > 0 && (
            <details>
              <summary>failures</summary>
              <ul data-testid="bulk-failures">
                {job.failed.map((f) => (
                  <li key={f.conversationId}>
                    <Button onClick={() => careActions.select(f.conversationId)}>#{f.conversationId}</Button> {f.error}
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
