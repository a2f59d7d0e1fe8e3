/**
 * The inbox's data, each on the one query hook (asked on every reconnection, then kept by pushes):
 * the triage queue (first page per filter and sort, further pages on demand, pushed changes
 * applied in place, conversations that are not loaded counted as new), the open conversation, who
 * is where, and the KPIs. Also this agent's own presence, announced every 10 s.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxFilterParams } from '@shared/contract/areas/care';
import type { ConversationDetail } from '@shared/domain/care';
import { useLive, type LiveQuery } from '../../data/use-live';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import type { InboxSort } from '../../stores/care';
import { appendPage, applyConversations, type Queue } from './queue';

export const PAGE_SIZE = 100;
export const KPI_WINDOW_MS = 7 * 24 * 60 * 60_000;
const PRESENCE_REFRESH_MS = 10_000;
const KPI_REFRESH_MS = 30_000;

let snapshots = 0;

export interface InboxQueue extends LiveQuery<Queue> {
  loadMore: () => void;
  loadingMore: boolean;
}

export function useInboxQueue(filter: InboxFilterParams, sort: InboxSort): InboxQueue {
  const queue = useLive<Queue>({
    key: `care.inbox ${JSON.stringify({ filter, sort })}`,
    load: async (client) => {
      const page = await client.call('care.inbox', { filter, sort, limit: PAGE_SIZE, cursor: null });
      return {
        items: page.items,
        total: page.total,
        totalIsLowerBound: page.totalIsLowerBound,
        nextCursor: page.nextCursor,
        unseen: [],
        snapshot: ++snapshots,
      };
    },
    deltas: [{ topic: 'care.conversations', apply: (current, p) => (current ? applyConversations(current, p.conversations) : current) }],
  });
  const more = useNextPage(filter, sort, queue);
  return { ...queue, ...more, error: queue.error ?? more.error };
}

/** The next page of the same query, appended to what the queue holds. */
function useNextPage(
  filter: InboxFilterParams,
  sort: InboxSort,
  queue: LiveQuery<Queue>,
): { loadMore: () => void; loadingMore: boolean; error: string | null } {
  const client = useClient();
  const [state, setState] = useState<{ loadingMore: boolean; error: string | null }>({ loadingMore: false, error: null });
  const running = useRef(false);
  const { update } = queue;
  const cursor = queue.data?.nextCursor ?? null;
  const loadMore = useCallback(() => {
    if (cursor === null || running.current) return;
    running.current = true;
    setState({ loadingMore: true, error: null });
    client.call('care.inbox', { filter, sort, limit: PAGE_SIZE, cursor }).then(
      (page) => {
        running.current = false;
        setState({ loadingMore: false, error: null });
        // Only onto the list this page continues (a new first page may have replaced it meanwhile).
        update((q) => (q ? appendPage(q, cursor, page.items, page.nextCursor) : q));
      },
      (error: unknown) => {
        running.current = false;
        setState({ loadingMore: false, error: errorMessage(error) });
      },
    );
  }, [client, cursor, filter, sort, update]);
  return { loadMore, ...state };
}

/** The open conversation, kept current by the same pushes as the queue. */
export function useConversation(id: number | null): LiveQuery<ConversationDetail> {
  return useLive<ConversationDetail>({
    key: `care.conversation.get ${id}`,
    enabled: id !== null,
    load: (client) => client.call('care.conversation.get', { id: id! }),
    deltas: [
      {
        topic: 'care.conversations',
        apply: (current, p) => {
          const changed = current && p.conversations.find((c) => c.id === current.conversation.id);
          return changed ? { ...current, conversation: changed } : current;
        },
      },
    ],
  });
}

export function usePresence() {
  return useLive({
    key: 'care.presence.list',
    load: async (client) => (await client.call('care.presence.list', {})).entries,
    deltas: [{ topic: 'care.presence', apply: (_current, p) => p.entries }],
  });
}

/**
 * KPIs read every conversation of the period, so they refresh on a timer and after this agent's
 * own actions (`reload`), not on every pushed change (a busy stream pushes several times a second).
 */
export function useCareKpis() {
  return useLive({
    key: 'care.kpis',
    load: (client) => {
      const now = client.serverNow();
      return client.call('care.kpis', { from: now - KPI_WINDOW_MS, to: now + 60_000 });
    },
    refreshMs: KPI_REFRESH_MS,
  });
}

/** Tells the team which conversation this agent has open, and whether they are typing a reply. */
export function useAnnouncePresence(selectedId: number | null, operator: string, replying: boolean): void {
  const client = useClient();
  useEffect(() => {
    if (selectedId === null || !operator) return;
    const activity = replying ? 'replying' : 'viewing';
    const announce = () => void client.call('care.presence.set', { id: selectedId, agent: operator, activity }).catch(() => undefined);
    const leave = () => void client.call('care.presence.set', { id: selectedId, agent: operator, activity: null }).catch(() => undefined);
    announce();
    const timer = setInterval(announce, PRESENCE_REFRESH_MS);
    // Best effort when the window closes; otherwise the core forgets it after 30 s of silence.
    window.addEventListener('pagehide', leave);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [client, selectedId, operator, replying]);
}
