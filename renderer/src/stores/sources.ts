import { create } from 'zustand';
import type { SourceHealth } from '../../../shared/domain/source';

export interface SourcesState {
  sources: SourceHealth[];
}

const initial: SourcesState = { sources: [] };

export const useSourcesStore = create<SourcesState>()(() => initial);

export const sourcesActions = {
  replace(sources: readonly SourceHealth[]): void {
    useSourcesStore.setState({ sources: [...sources] });
  },
  /** Applies one call's answer at once; the next `sources.health` push replaces it anyway. */
  update(source: SourceHealth): void {
    useSourcesStore.setState((s) => ({ sources: s.sources.map((x) => (x.id === source.id ? source : x)) }));
  },
  reset(): void {
    useSourcesStore.setState(initial, true);
  },
};
