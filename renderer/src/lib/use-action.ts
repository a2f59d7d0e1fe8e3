import { useCallback, useState } from 'react';
import { errorMessage } from './error-message';

export interface ActionState<T> {
  pending: boolean;
  result: T | null;
  error: string | null;
  run(action: () => Promise<T>): void;
}

/** One button's call: whether it is running, what it answered, or why it failed. */
export function useAction<T>(): ActionState<T> {
  const [state, setState] = useState<{ pending: boolean; result: T | null; error: string | null }>({ pending: false, result: null, error: null });
  const run = useCallback((action: () => Promise<T>) => {
    setState({ pending: true, result: null, error: null });
    action().then(
      (result) => setState({ pending: false, result, error: null }),
      (error: unknown) => setState({ pending: false, result: null, error: errorMessage(error) }),
    );
  }, []);
  return { ...state, run };
}
