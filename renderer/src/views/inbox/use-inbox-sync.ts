/**
 * Keeps the inbox live: the first page (again after every reconnection or filter change), more
 * pages on demand, pushed conversation changes and presence, the open conversation's detail, this
 * agent's own presence (refreshed every 10 s), and the KPIs (after the agent's actions, and every 30 s).
 */
import { useCallback, useEffect, useRef } from 'react';
import type { RpcClient } from '../../../../shared/rpc/client';
import { errorMessage } from '../../lib/error-message';
import { careActions, useCareStore } from '../../stores/care';

export const PAGE_SIZE = 100;
export const KPI_WINDOW_MS = 7 * 24 * 60 * 60_000;
const PRESENCE_REFRESH_MS = 10_000;
const KPI_REFRESH_MS = 30_000;

export function useInboxSync(client: RpcClient, operator: string, replying: boolean): { loadMore: () => void; reload: () => void; refreshKpis: () => void; refreshDetail: () => void } {
  const filter = useCareStore((s) => s.filter);
  const sort = useCareStore((s) => s.sort);
  const selectedId = useCareStore((s) => s.selectedId);
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    careActions.loading(true);
    client.call('care.inbox', { filter, sort, limit: PAGE_SIZE, cursor: null }).then(
      (page) => mine === generation.current && careActions.firstPage(page.items, page.total, page.nextCursor),
      (error: unknown) => mine === generation.current && careActions.failed(errorMessage(error)),
    );
  }, [client, filter, sort]);

  const loadMore = useCallback(() => {
    const { nextCursor, loading } = useCareStore.getState();
    if (nextCursor === null || loading) return;
    const mine = generation.current;
    careActions.loading(true);
    client.call('care.inbox', { filter, sort, limit: PAGE_SIZE, cursor: nextCursor }).then(
      (page) => mine === generation.current && careActions.nextPage(page.items, page.nextCursor),
      (error: unknown) => mine === generation.current && careActions.failed(errorMessage(error)),
    );
  }, [client, filter, sort]);

  const refreshKpis = useCallback(() => {
    const now = client.serverNow();
    client.call('care.kpis', { from: now - KPI_WINDOW_MS, to: now + 60_000 }).then(careActions.kpis, () => undefined);
  }, [client]);

  const refreshDetail = useCallback(() => {
    const id = useCareStore.getState().selectedId;
    if (id === null) return;
    client.call('care.conversation.get', { id }).then(
      (detail) => useCareStore.getState().selectedId === id && careActions.detail(detail),
      (error: unknown) => careActions.notice('error', errorMessage(error)),
    );
  }, [client]);

  // Snapshot on every (re)connection and filter change; pushes after.
  useEffect(() => {
    const offHello = client.onHello(() => {
      reload();
      refreshKpis();
      client.call('care.presence.list', {}).then((r) => careActions.presence(r.entries), () => undefined);
    });
    return offHello;
  }, [client, reload, refreshKpis]);

  // KPIs read every conversation of the period, so they refresh on a timer and after this agent's
  // own actions, not on every pushed change (a busy stream pushes several times a second).
  useEffect(() => {
    const offConversations = client.subscribe('care.conversations', (p) => careActions.upsert(p.conversations));
    const offPresence = client.subscribe('care.presence', (p) => careActions.presence(p.entries));
    const every = setInterval(refreshKpis, KPI_REFRESH_MS);
    return () => {
      offConversations();
      offPresence();
      clearInterval(every);
    };
  }, [client, refreshKpis]);

  // The open conversation: its detail, and where this agent is.
  useEffect(() => {
    if (selectedId === null) {
      careActions.detail(null);
      return;
    }
    refreshDetail();
  }, [selectedId, refreshDetail]);

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

  return { loadMore, reload, refreshKpis, refreshDetail };
}
