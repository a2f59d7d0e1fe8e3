import { create } from 'zustand';
import { TOP_AUTHORS_WINDOW_MINUTES } from '../../../shared/contract/events';
import type { TopAuthor } from '../../../shared/domain/volume';

/** How many authors the wall lists. */
export const TOP_AUTHORS_LIMIT = 8;

export interface AuthorsState {
  authors: TopAuthor[];
  windowMinutes: number;
}

const initial: AuthorsState = { authors: [], windowMinutes: TOP_AUTHORS_WINDOW_MINUTES };

export const useAuthorsStore = create<AuthorsState>()(() => initial);

export const authorsActions = {
  replace(authors: readonly TopAuthor[], windowMinutes: number): void {
    useAuthorsStore.setState({ authors: authors.slice(0, TOP_AUTHORS_LIMIT), windowMinutes });
  },
  reset(): void {
    useAuthorsStore.setState(initial, true);
  },
};
