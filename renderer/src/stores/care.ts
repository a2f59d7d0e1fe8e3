/**
 * The inbox's UI state: the query (filter and sort), the selection, the ticked rows and the last
 * action's notice. The queue, the open conversation, presence and KPIs are data: they come from
 * the query hooks in `views/inbox/use-inbox-data.ts`. Changed only through `careActions`.
 */
import { create } from 'zustand';
import type { InboxFilterParams } from '@shared/contract/areas/care';

export type InboxSort = 'urgency' | 'newest' | 'waiting';

export interface CareState {
  filter: InboxFilterParams;
  sort: InboxSort;
  selectedId: number | null;
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
  selectedId: null,
  notice: null,
  checked: [],
  checkAnchor: null,
};

export const useCareStore = create<CareState>(() => ({ ...initial }));

/** Rows as the list holds them; only their ids and order matter here. */
type Rows = ReadonlyArray<{ id: number }>;

export const careActions = {
  reset(): void {
    useCareStore.setState({ ...initial });
  },
  setQuery(filter: InboxFilterParams, sort: InboxSort): void {
    useCareStore.setState({ filter, sort });
  },
  /** Ticks or unticks one row; with shift, ticks every loaded row from the last ticked one to this one. */
  toggleCheck(id: number, range: boolean, items: Rows): void {
    const { checked, checkAnchor } = useCareStore.getState();
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
  move(delta: number, items: Rows): void {
    const { selectedId } = useCareStore.getState();
    if (items.length === 0) return;
    const index = items.findIndex((c) => c.id === selectedId);
    const next = Math.max(0, Math.min(items.length - 1, (index === -1 ? -1 : index) + delta));
    useCareStore.setState({ selectedId: items[next]!.id });
  },
  notice(kind: 'ok' | 'error', text: string): void {
    useCareStore.setState({ notice: { kind, text } });
  },
  clearNotice(): void {
    useCareStore.setState({ notice: null });
  },
};
