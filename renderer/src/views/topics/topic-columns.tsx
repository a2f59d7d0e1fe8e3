import { useState } from 'react';
import type { TopicShare } from '@shared/contract/areas/topics';
import type { Topic } from '@shared/domain/topic';
import { useAction } from '../../data/use-action';
import { useClient } from '../../lib/client-context';
import { Button, ErrorNotice, type Column } from '../../ui';
import { topicColour } from './topic-colour';

/**
 * The topics table: what each topic listens for, how much it heard in the last hour, and its
 * controls. A change is pushed back as `topics.changed`, which redraws the row.
 */
export function topicColumns(shares: ReadonlyMap<number, TopicShare>, onEdit: (topic: Topic) => void): Column<Topic>[] {
  return [
    {
      key: 'topic',
      header: 'Topic',
      cell: (t) => (
        <>
          <span className="topic-swatch" style={{ background: topicColour(t) }} aria-hidden="true" />
          <span className="topic-name">{t.name}</span>
          {!t.enabled && <span className="topic-paused"> (paused)</span>}
        </>
      ),
    },
    { key: 'kind', header: 'Kind', cell: (t) => t.kind },
    {
      key: 'query',
      header: 'Query',
      cell: (t) => (
        <span className="topic-query">
          <code title={t.query}>{t.query}</code>
        </span>
      ),
    },
    {
      key: 'hour',
      header: 'Last hour',
      numeric: true,
      cell: (t) => {
        const share = shares.get(t.id);
        return (
          <span data-testid="topic-hour-total" data-total={share?.total ?? 0}>
            {(share?.total ?? 0).toLocaleString()}
            <span className="topic-share">{share && share.total > 0 ? `${Math.round(share.share * 100)}% of topic mentions` : '—'}</span>
          </span>
        );
      },
    },
    { key: 'actions', header: 'Actions', cell: (t) => <TopicActions topic={t} onEdit={() => onEdit(t)} /> },
  ];
}

function TopicActions({ topic: t, onEdit }: { topic: Topic; onEdit(): void }) {
  const client = useClient();
  const toggle = useAction<unknown>();
  const remove = useAction<unknown>();
  const [confirming, setConfirming] = useState(false);

  return (
    <div className="topics-table__actions">
      <Button data-testid="topic-edit" onClick={onEdit}>
        Edit
      </Button>
      <Button
        variant={t.enabled ? 'default' : 'primary'}
        data-testid="topic-toggle"
        aria-pressed={t.enabled}
        busy={toggle.pending}
        onClick={() => toggle.run(() => client.call('topics.update', { id: t.id, enabled: !t.enabled }))}
      >
        {t.enabled ? 'Pause' : 'Resume'}
      </Button>
      {confirming ? (
        <span className="topic-confirm" role="group" aria-label={`Confirm deleting ${t.name}`}>
          Delete “{t.name}”? Its tags and topic volume go; the mentions stay.{' '}
          <Button
            variant="danger"
            data-testid="topic-delete-confirm"
            busy={remove.pending}
            onClick={() => remove.run(() => client.call('topics.delete', { id: t.id }))}
          >
            Delete
          </Button>{' '}
          <Button data-testid="topic-delete-cancel" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </span>
      ) : (
        <Button data-testid="topic-delete" onClick={() => setConfirming(true)}>
          Delete
        </Button>
      )}
      <ErrorNotice error={toggle.error ?? remove.error} />
    </div>
  );
}
