import { useSyncExternalStore } from 'react';

/** `#/wall?display=lobby-tv&x=1` → the query part's parameters. */
export function hashQuery(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashParam(name: string): string | null {
  return useSyncExternalStore(subscribe, () => hashQuery(window.location.hash).get(name));
}
