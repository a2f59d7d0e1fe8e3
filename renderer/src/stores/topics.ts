import { create } from 'zustand';
import type { Topic } from '../../../shared/domain/topic';

export interface TopicsState {
  /** Every topic, enabled or not, by name (as `topics.list` and `topics.changed` give them). */
  topics: Topic[];
  /** False until the first list arrived, so "no topics yet" is not shown while loading. */
  loaded: boolean;
}

const initial: TopicsState = { topics: [], loaded: false };

export const useTopicsStore = create<TopicsState>()(() => initial);

const byName = (a: Topic, b: Topic): number => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id - b.id;

export const topicsActions = {
  replace(topics: readonly Topic[]): void {
    useTopicsStore.setState({ topics: [...topics].sort(byName), loaded: true });
  },
  /** Applies one call's answer at once; the `topics.changed` push that follows replaces the list anyway. */
  upsert(topic: Topic): void {
    useTopicsStore.setState((s) => ({ topics: [...s.topics.filter((t) => t.id !== topic.id), topic].sort(byName) }));
  },
  remove(id: number): void {
    useTopicsStore.setState((s) => ({ topics: s.topics.filter((t) => t.id !== id) }));
  },
  reset(): void {
    useTopicsStore.setState(initial, true);
  },
};
