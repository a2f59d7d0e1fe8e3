import { useState } from 'react';
import type { TopicShare } from '../../../../shared/contract/areas/topics';
import type { Topic } from '../../../../shared/domain/topic';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { topicsActions } from '../../stores/topics';
import { topicColour } from './topic-colour';

export interface TopicRowProps {
  topic: Topic;
  share: TopicShare | undefined;
  onEdit(): void;
}

/** One topic: what it listens for, how much it heard in the last hour, and its controls. */
export function TopicRow({ topic: t, share, onEdit }: TopicRowProps) {
  const client = useClient();
  const toggle = useAction<unknown>();
  const remove = useAction<unknown>();
  const [confirming, setConfirming] = useState(false);

  const onToggle = () =>
    toggle.run(async () => {
      const r = await client.call('topics.update', { id: t.id, enabled: !t.enabled });
      topicsActions.upsert(r.topic);
      return r;
    });
  const onDelete = () =>
    remove.run(async () => {
      const r = await client.call('topics.delete', { id: t.id });
      topicsActions.remove(t.id);
      return r;
    });

  return (
    <tr data-testid="topic-row" data-topic-id={t.id} data-topic-name={t.name} data-enabled={String(t.enabled)} className={t.enabled ? undefined : 'topics-table__row--paused'}>
      <th scope="row">
        <span className="topic-swatch" style={{ background: topicColour(t) }} aria-hidden="true" />
        <span className="topic-name">{t.name}</span>
        {!t.enabled && <span className="topic-paused"> (paused)</span>}
      </th>
      <td>{t.kind}</td>
      <td className="topic-query">
        <code title={t.query}>{t.query}</code>
      </td>
      <td className="num" data-testid="topic-hour-total" data-total={share?.total ?? 0}>
        {(share?.total ?? 0).toLocaleString()}
        <div className="source-sub">{share && share.total > 0 ? `${Math.round(share.share * 100)}% of topic mentions` : '—'}</div>
      </td>
      <td className="topics-table__actions">
        <button type="button" className="btn" data-testid="topic-edit" onClick={onEdit}>
          Edit
        </button>
        <button type="button" className={`btn ${t.enabled ? '' : 'btn--primary'}`} data-testid="topic-toggle" aria-pressed={t.enabled} disabled={toggle.pending} onClick={onToggle}>
          {t.enabled ? 'Pause' : 'Resume'}
        </button>
        {confirming ? (
          <span className="topic-confirm" role="group" aria-label={`Confirm deleting ${t.name}`}>
            Delete “{t.name}”? Its tags and topic volume go; the mentions stay.{' '}
            <button type="button" className="btn btn--danger" data-testid="topic-delete-confirm" disabled={remove.pending} onClick={onDelete}>
              Delete
            </button>{' '}
            <button type="button" className="btn" data-testid="topic-delete-cancel" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="btn" data-testid="topic-delete" onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
        {(toggle.error ?? remove.error) && (
          <div className="call-error" role="alert">
            {toggle.error ?? remove.error}
          </div>
        )}
      </td>
    </tr>
  );
}
