import { create } from 'zustand';
import type { Mention } from '../../../shared/domain/mention';
import { mergeMentions } from '../../../shared/logic/mention-feed';

/** The newest mentions, newest first, for the ticker. */
export interface MentionsState {
  mentions: Mention[];
}

const initial: MentionsState = { mentions: [] };

export const useMentionsStore = create<MentionsState>()(() => initial);

export const mentionsActions = {
  /** Snapshots and `mentions.new` deltas fold the same way: dedupe by id, newest first, capped. */
  add(incoming: readonly Mention[]): void {
    if (incoming.length === 0) return;
    useMentionsStore.setState((s) => ({ mentions: mergeMentions(s.mentions, incoming) }));
  },
  /** A replay's feed, in the order the record gives (newest published first), as it is. */
  replace(mentions: readonly Mention[]): void {
    useMentionsStore.setState({ mentions: [...mentions] });
  },
  reset(): void {
    useMentionsStore.setState(initial, true);
  },
};
