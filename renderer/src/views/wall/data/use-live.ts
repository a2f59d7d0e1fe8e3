/**
 * One widget's data: a snapshot fetched on every (re)connection, then deltas from pushes, with the
 * server time it was last current. Each widget owns its query (Grafana-style), so two widgets of
 * the same type with different options never fight over a global store.
 */
import { useEffect, useRef, useState } from 'react';
import type { EventPayloads, EventTopic } from '../../../../../shared/contract/events';
import type { RpcClient } from '../../../../../shared/rpc/client';
import { useClient } from '../../../lib/client-context';

/** Dispatched on `window` when a wall should fetch fresh snapshots (time jump, tab visible again). */
export const RESYNC_EVENT = 'earshot:resync';
const RETRY_MS = 5_000;

export interface Live<T> {
  data: T | null;
  /** Server time the data was last known current (snapshot or delta); null before the first. */
  updatedAt: number | null;
  error: string | null;
}

export type Delta<T> = {
  [K in EventTopic]: { topic: K; apply: (current: T | null, payload: EventPayloads[K], now: number) => T | null };
}[EventTopic];

export interface LiveSpec<T> {
  /** Changes when the query's options change: the widget starts over. */
  key: string;
  load: (client: RpcClient) => Promise<T>;
  deltas?: ReadonlyArray<Delta<T>>;
  /** Re-load this often while connected (for data without pushes). */
  refreshMs?: number;
  /**
   * Apply pushed deltas at most this often (batched). A per-minute chart gains nothing from
   * redrawing on every batch, and on a busy wall PC each redraw is a long task.
   */
  coalesceMs?: number;
}

export function useLive<T>(spec: LiveSpec<T>): Live<T> {
  const client = useClient();
  const [state, setState] = useState<Live<T>>({ data: null, updatedAt: null, error: null });
  const specRef = useRef(spec);
  specRef.current = spec;

  useEffect(() => {
    let alive = true;
    let round = 0;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let pending: Array<(s: Live<T>) => Live<T>> = [];
    let flushTimer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      flushTimer = null;
      const steps = pending;
      pending = [];
      if (alive && steps.length > 0) setState((s) => steps.reduce((acc, step) => step(acc), s));
    };
    const enqueue = (step: (s: Live<T>) => Live<T>) => {
      const coalesceMs = specRef.current.coalesceMs;
      if (!coalesceMs) return setState(step);
      pending.push(step);
      flushTimer ??= setTimeout(flush, coalesceMs);
    };
    setState({ data: null, updatedAt: null, error: null });
    const load = () => {
      const mine = ++round;
      if (retry !== null) clearTimeout(retry);
      specRef.current
        .load(client)
        .then((data) => {
          if (!alive || mine !== round) return;
          // Deltas queued before the snapshot answered are older than it: the snapshot wins.
          pending = [];
          setState({ data, updatedAt: client.serverNow(), error: null });
        })
        .catch((error: unknown) => {
          if (!alive || mine !== round) return;
          setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
          // A slow or failed answer is retried while connected; a reconnect reloads anyway.
          retry = setTimeout(() => {
            if (alive && mine === round && client.connectionState === 'open') load();
          }, RETRY_MS);
        });
    };
    const disposers = (specRef.current.deltas ?? []).map((delta) =>
      client.subscribe(delta.topic as EventTopic, (payload: unknown) => {
        if (!alive) return;
        const now = client.serverNow();
        enqueue((s) => {
          const data = (delta.apply as (c: T | null, p: unknown, n: number) => T | null)(s.data, payload, now);
          return data === s.data ? { ...s, updatedAt: now } : { data, updatedAt: now, error: null };
        });
      }),
    );
    disposers.push(client.onHello(load));
    // After a machine sleep or a long hidden tab the wall asks everything again (see wall-recovery.ts).
    const resync = () => {
      if (client.connectionState === 'open') load();
    };
    window.addEventListener(RESYNC_EVENT, resync);
    disposers.push(() => window.removeEventListener(RESYNC_EVENT, resync));
    const refreshMs = specRef.current.refreshMs;
    const timer = refreshMs ? setInterval(() => client.connectionState === 'open' && load(), refreshMs) : null;
    return () => {
      alive = false;
      if (retry !== null) clearTimeout(retry);
      if (flushTimer !== null) clearTimeout(flushTimer);
      for (const dispose of disposers) dispose();
      if (timer) clearInterval(timer);
    };
  }, [client, spec.key]);

  return state;
}
