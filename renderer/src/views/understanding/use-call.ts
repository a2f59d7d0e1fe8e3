import { useCallback, useEffect, useState } from 'react';
import type { ApiMethod, ApiParams, ApiResult } from '../../../../shared/contract/api';
import { useClient } from '../../lib/client-context';
import { useConnectionStore } from '../../stores/connection';

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One call's result, fetched once the window is connected, again when `key` changes, after a reconnect, or on `reload()`. */
export function useCall<M extends ApiMethod>(method: M, params: ApiParams<M> | null, key: string): { data: ApiResult<M> | null; error: string | null; reload: () => void } {
  const client = useClient();
  const [data, setData] = useState<ApiResult<M> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const open = useConnectionStore((c) => c.pipe === 'open');
  useEffect(() => {
    if (params === null || !open) return;
    let live = true;
    client.call(method, params).then(
      (result) => {
        if (!live) return;
        setData(result);
        setError(null);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `params`.
  }, [client, method, key, tick, open]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, reload };
}
