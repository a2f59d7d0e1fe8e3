import { create } from 'zustand';
import type { SecretsInfo, SourceKindInfo } from '@shared/domain/source-admin';

/** Which source the settings panel is open on, if any. */
export type EditorTarget = { mode: 'create' } | { mode: 'edit'; id: string } | null;

export interface SourceEditorState {
  target: EditorTarget;
  /** Kinds a user can add, fetched once per connection when the panel first opens. */
  kinds: SourceKindInfo[] | null;
  secrets: SecretsInfo | null;
  /** The last thing the panel did, in words ("Saved “X”"), shown until the next action. */
  notice: string | null;
}

const initial: SourceEditorState = { target: null, kinds: null, secrets: null, notice: null };

export const useSourceEditorStore = create<SourceEditorState>()(() => initial);

export const sourceEditorActions = {
  openCreate(): void {
    useSourceEditorStore.setState({ target: { mode: 'create' }, notice: null });
  },
  openEdit(id: string): void {
    useSourceEditorStore.setState({ target: { mode: 'edit', id }, notice: null });
  },
  close(notice: string | null = null): void {
    useSourceEditorStore.setState({ target: null, notice });
  },
  setKinds(kinds: readonly SourceKindInfo[], secrets: SecretsInfo): void {
    useSourceEditorStore.setState({ kinds: [...kinds], secrets });
  },
  notify(notice: string | null): void {
    useSourceEditorStore.setState({ notice });
  },
  reset(): void {
    useSourceEditorStore.setState(initial, true);
  },
};
