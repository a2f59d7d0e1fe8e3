import { useRef } from 'react';

/**
 * The newest data a query has answered, kept while it reloads after a change of its key (an
 * action taken, a save), so a table or a detail does not blink empty between two answers.
 */
export function useKept<T>(data: T | null): T | null {
  const kept = useRef<T | null>(null);
  if (data !== null) kept.current = data;
  return data ?? kept.current;
}
