import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../lib/error-message';

export interface ActionState<T> {
  pending: boolean;
  result: T | null;
  error: string | null;
  /**
   * Runs one write. `onDone` gets the answer (to reload a query, close a form); a failure lands in
   * `error`. A second run while one is pending is refused, so a double click never writes twice.
   */
  run(action: () => Promise<T>, onDone?: (result: T) => void): void;
  /** Forget the last answer or failure (the form was edited again). */
  reset(): void;
}

/** A view's writes: whether one is running, what it answered, or why it failed. Reads use `useQuery`. */
export function useAction<T>(): ActionState<T> {
  const [state, setState] = useState<{ pending: boolean; result: T | null; error: string | null }>({ pending: false, result: null, error: null });
  const running = useRef(false);
  const run = useCallback((action: () => Promise<T>, onDone?: (result: T) => void) => {
    if (running.current) return;
    running.current = true;
    setState({ pending: true, result: null, error: null });
    action().then(
      (result) => {
        running.current = false;
        setState({ pending: false, result, error: null });
        onDone?.(result);
      },
      (error: unknown) => {
        running.current = false;
        setState({ pending: false, result: null, error: errorMessage(error) });
      },
    );
  }, []);
  const reset = useCallback(() => setState({ pending: false, result: null, error: null }), []);
  return { ...state, run, reset };
}
