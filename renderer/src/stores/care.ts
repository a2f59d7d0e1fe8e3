/**
 * The inbox's state: the loaded pages of the triage queue, the selection, the open conversation,
 * who is where (presence), and the KPI figures. Changed only through `careActions`.
 */
import { create } from 'zustand';
import type { CareKpis, InboxFilterParams } from '../../../shared/contract/areas/care';
import type { ConversationDetail, ConversationSummary, PresenceEntry } from '../../../shared/domain/care';

export type InboxSort = 'urgency' | 'newest' | 'waiting';

export interface CareState {
  filter: InboxFilterParams;
  sort: InboxSort;
  items: ConversationSummary[];
  total: number;
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
  /** Conversations pushed since the list was loaded that are not in it (shown as "N new"). */
  unseen: number[];
  selectedId: number | null;
  detail: ConversationDetail | null;
  presence: PresenceEntry[];
  kpis: CareKpis | null;
  /** Conversations ticked for a bulk action (shift-click ticks a range). */
  checked: number[];
  /** The last ticked row, where a shift-click range starts. */
  checkAnchor: number | null;
  /** The last action's outcome, shown to the agent (e.g. "bo has it"). */
  notice: { kind: 'ok' | 'error'; text: string } | null;
}

const initial: CareState = {
  // The default queue: what needs a reply (q switches to the rest).
  filter: { needsReply: true },
  sort: 'urgency',
  items: [],
  total: 0,
  nextCursor: null,
  loading: false,
  error: null,
  unseen: [],
  selectedId: null,
  detail: null,
  presence: [],
  kpis: null,
  notice: null,
  checked: [],
  checkAnchor: null,
};

export const useCareStore = create<CareState>(() => ({ ...initial }));

export const careActions = {
  reset(): void {
    useCareStore.setState({ ...initial });
  },
  setQuery(filter: InboxFilterParams, sort: InboxSort): void {
    useCareStore.setState({ filter, sort, items: [], total: 0, nextCursor: null, unseen: [], error: null });
  },
  loading(loading: boolean): void {
    useCareStore.setState({ loading });
  },
  failed(error: string): void {
    useCareStore.setState({ loading: false, error });
  },
  firstPage(items: ConversationSummary[], total: number, nextCursor: string | null): void {
    const { selectedId } = useCareStore.getState();
    const keep = selectedId !== null && items.some((c) => c.id === selectedId);
    useCareStore.setState({ items, total, nextCursor, loading: false, error: null, unseen: [], selectedId: keep ? selectedId : (items[0]?.id ?? null) });
  },
  nextPage(items: ConversationSummary[], nextCursor: string | null): void {
    const { items: current } = useCareStore.getState();
    const known = new Set(current.map((c) => c.id));
    useCareStore.setState({ items: [...current, ...items.filter((c) => !known.has(c.id))], nextCursor, loading: false });
  },
  /** A push: replace loaded rows in place; count the others as new. */
  upsert(conversations: ConversationSummary[]): void {
    const state = useCareStore.getState();
    const byId = new Map(conversations.map((c) => [c.id, c]));
    let changed = false;
    const items = state.items.map((c) => {
      const next = byId.get(c.id);
      if (!next) return c;
      changed = true;
      byId.delete(c.id);
      return next;
    });
    const unseen = [...new Set([...state.unseen, ...[...byId.values()].filter((c) => c.status !== 'resolved').map((c) => c.id)])];
    const detail = state.detail && conversations.find((c) => c.id === state.detail!.conversation.id);
    useCareStore.setState({
      ...(changed ? { items } : {}),
      unseen,
      ...(detail ? { detail: { ...state.detail!, conversation: detail } } : {}),
    });
  },
  /** Ticks or unticks one row; with shift, ticks every loaded row from the last ticked one to this one. */
  toggleCheck(id: number, range: boolean): void {
    const { items, checked, checkAnchor } = useCareStore.getState();
    if (range && checkAnchor !== null) {
      const a = items.findIndex((c) => c.id === checkAnchor);
      const b = items.findIndex((c) => c.id === id);
      if (a !== -1 && b !== -1) {
        const span = items.slice(Math.min(a, b), Math.max(a, b) + 1).map((c) => c.id);
        useCareStore.setState({ checked: [...new Set([...checked, ...span])], checkAnchor: id });
        return;
      }
    }
    useCareStore.setState({ checked: checked.includes(id) ? checked.filter((x) => x !== id) : [...checked, id], checkAnchor: id });
  },
  checkMany(ids: readonly number[]): void {
    useCareStore.setState((s) => ({ checked: [...new Set([...s.checked, ...ids])] }));
  },
  clearChecks(): void {
    useCareStore.setState({ checked: [], checkAnchor: null });
  },
  select(id: number | null): void {
    useCareStore.setState({ selectedId: id });
  },
  move(delta: number): void {
    const { items, selectedId } = useCareStore.getState();
    if (items.length === 0) return;
    const index = items.findIndex((c) => c.id === selectedId);
    const next = Math.max(0, Math.min(items.length - 1, (index === -1 ? -1 : index) + delta));
    useCareStore.setState({ selectedId: items[next]!.id });
  },
  detail(detail: ConversationDetail | null): void {
    useCareStore.setState((s) => ({
      detail,
      items: detail ? s.items.map((c) => (c.id === detail.conversation.id ? detail.conversation : c)) : s.items,
    }));
  },
  conversation(conversation: ConversationSummary): void {
    useCareStore.setState((s) => ({
      items: s.items.map((c) => (c.id === conversation.id ? conversation : c)),
      detail: s.detail && s.detail.conversation.id === conversation.id ? { ...s.detail, conversation } : s.detail,
    }));
  },
  presence(entries: PresenceEntry[]): void {
    useCareStore.setState({ presence: entries });
  },
  kpis(kpis: CareKpis): void {
    useCareStore.setState({ kpis });
  },
  notice(kind: 'ok' | 'error', text: string): void {
    useCareStore.setState({ notice: { kind, text } });
  },
  clearNotice(): void {
    useCareStore.setState({ notice: null });
  },
};
