/**
 * The inbox in replay: the care queue and each conversation's thread as they stood at the replayed
 * moment, read-only. It reloads when the moment moves (at most every REPLAY_LOAD_GAP_MS, one
 * request in flight, as every replaying widget) and ignores live pushes; nothing here can act.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApiResult } from '@shared/contract/api';
import { CONVERSATION_STATUSES, type ConversationDetail, type ConversationStatus } from '@shared/domain/care';
import { RpcCallError } from '@shared/rpc/client';
import { formatFull } from '../../../ui/time-format';
import { replayActions, useTimeContext } from '../../../replay/time-context';
import { ConsoleFrame } from '../../common/ConsoleFrame';
import { useLive } from '../../../data/use-live';
import { ConversationList } from '../ConversationList';
import { ConversationPane } from '../ConversationPane';
import '../inbox.css';
import './inbox-replay.css';
import { Button, Options } from '../../../ui';

type Queue = ApiResult<'review.careQueue'>;
type StatusChoice = 'open' | 'all' | ConversationStatus;
type Sort = 'urgency' | 'newest' | 'waiting';

/** The queue shows at most this many conversations of the moment (the count says how many matched). */
const QUEUE_LIMIT = 500;
const EMPTY_QUEUE: Queue = { items: [], total: 0, serverTime: 0 };
const NO_PRESENCE: never[] = [];
const noop = (): void => undefined;

function statusesOf(choice: StatusChoice): ConversationStatus[] | undefined {
  if (choice === 'open') return undefined;
  return choice === 'all' ? [...CONVERSATION_STATUSES] : [choice];
}

export function ReplayInbox() {
  const at = useTimeContext((s) => (s.mode === 'replay' ? s.at : null));
  const [status, setStatus] = useState<StatusChoice>('open');
  const [sort, setSort] = useState<Sort>('urgency');
  const [selectedId, setSelectedId] = useState<number | null>(null);

  const queue = useLive<Queue>({
    key: `replay-care-queue:${status}:${sort}`,
    load: async () => EMPTY_QUEUE,
    replay: (client, { workspace, at: moment }) => {
      const statuses = statusesOf(status);
      return client.call('review.careQueue', { workspace, at: moment, filter: statuses ? { statuses } : {}, sort, limit: QUEUE_LIMIT });
    },
  });
  const detail = useLive<ConversationDetail | null>({
    key: `replay-care-conversation:${selectedId ?? 'none'}`,
    load: async () => null,
    replay: async (client, { workspace, at: moment }) => {
      if (selectedId === null) return null;
      try {
        return await client.call('review.careConversation', { workspace, at: moment, id: selectedId });
      } catch (error) {
        // Not heard of yet at this moment (the scrubber moved before it was): nothing to show.
        if (error instanceof RpcCallError && error.code === 'not-found') return null;
        throw error;
      }
    },
  });

  const items = useMemo(() => queue.data?.items ?? [], [queue.data]);
  // j / k move through the queue as in the live inbox; every acting key is absent here.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (el && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA'))) return;
      const step = e.key === 'j' || e.key === 'ArrowDown' ? 1 : e.key === 'k' || e.key === 'ArrowUp' ? -1 : 0;
      if (step === 0 || items.length === 0) return;
      e.preventDefault();
      const index = items.findIndex((c) => c.id === selectedId);
      const next = items[Math.min(items.length - 1, Math.max(0, index < 0 ? 0 : index + step))];
      if (next) setSelectedId(next.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, selectedId]);

  const shown = detail.data && detail.data.conversation.id === selectedId ? detail.data : null;

  return (
    <ConsoleFrame current="inbox">
      <div className="inbox inbox--replay" data-testid="inbox-replay">
        <p className="inbox-replay__hint" data-testid="inbox-replay-hint">
          Replay: read-only — back to live to act.{' '}
          <Button onClick={() => replayActions.stop()} data-testid="inbox-replay-live">
            Back to live
          </Button>
        </p>
        <form className="inbox-filters" onSubmit={(e) => e.preventDefault()} aria-label="Inbox filters">
          <label>
            Status
            <select value={status} onChange={(e) => setStatus(e.currentTarget.value as StatusChoice)} data-testid="replay-filter-status">
              <option value="open">not resolved</option>
              <option value="all">all</option>
              <Options items={CONVERSATION_STATUSES} value={(s) => s} />
            </select>
          </label>
          <label>
            Order
            <select value={sort} onChange={(e) => setSort(e.currentTarget.value as Sort)} data-testid="replay-sort">
              <option value="urgency">most urgent</option>
              <option value="waiting">waiting longest</option>
              <option value="newest">newest</option>
            </select>
          </label>
        </form>
        <div className="inbox__status" role="status">
          <span data-testid="inbox-total">{(queue.data?.total ?? 0).toLocaleString()}</span> {queue.data?.total === 1 ? 'conversation' : 'conversations'}
          {at !== null && <> at {formatFull(at)}</>}
          {queue.data && queue.data.total > items.length ? ` (the first ${items.length.toLocaleString()} shown)` : ''}
          {queue.data === null && !queue.error ? ' · loading…' : ''}
          {queue.error && <span className="inbox__error">{queue.error}</span>}
        </div>
        <div className="inbox__main">
          <ConversationList
            items={items}
            selectedId={selectedId}
            presence={NO_PRESENCE}
            operator=""
            hasMore={false}
            onSelect={setSelectedId}
            onNearEnd={noop}
            {...(at !== null ? { waitingAt: at } : {})}
          />
          <div className="inbox__detail">
            {shown ? (
              <ConversationPane detail={shown} presence={NO_PRESENCE} operator="" onRetry={noop} onApprove={noop} readOnly />
            ) : (
              <p className="console__empty" data-testid="inbox-replay-empty">
                {detail.error
                  ? detail.error
                  : selectedId !== null && detail.data === null && detail.updatedAt !== null
                    ? 'This conversation had not started yet at this moment.'
                    : items.length === 0 && queue.data !== null
                      ? 'Nothing in this queue at this moment.'
                      : 'Select a conversation (j / k).'}
              </p>
            )}
          </div>
        </div>
      </div>
    </ConsoleFrame>
  );
}
