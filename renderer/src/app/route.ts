/**
 * Hash routing: every view has its own URL (`#/overview`, `#/sources`) so a wall can be pointed
 * at one view, in Electron and in any browser, without server-side routes.
 */
import { useSyncExternalStore } from 'react';
import { VIEWS, type ViewName } from '@shared/domain/layout';

export const DEFAULT_VIEW: ViewName = 'overview';

/** `#/sources` → 'sources'; anything unknown → null. */
export function viewFromHash(hash: string): ViewName | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : null;
}

/** The URL of a view in this same app, e.g. to open it in another window. */
export function viewUrl(view: ViewName): string {
  // Built from href rather than origin: a file:// page (Electron) has the origin "null".
  const page = window.location.href.split('#')[0] ?? '';
  return `${page}#/${view}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentView(): ViewName {
  return viewFromHash(window.location.hash) ?? DEFAULT_VIEW;
}

export function useView(): ViewName {
  return useSyncExternalStore(subscribe, currentView);
}

/** Rewrites an unknown or empty hash to the default view's, without a history entry. */
export function normaliseHash(): void {
  if (viewFromHash(window.location.hash) === null) {
    window.history.replaceState(null, '', `#/${DEFAULT_VIEW}`);
  }
}
