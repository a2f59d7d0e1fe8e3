/**
 * One widget's data: a snapshot fetched on every (re)connection, then deltas from pushes, with the
 * server time it was last current. Each widget owns its query (Grafana-style), so two widgets of
 * the same type with different options never fight over a global store.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EventPayloads, EventTopic } from '@shared/contract/events';
import type { RpcClient } from '@shared/rpc/client';
import { useClient } from '../lib/client-context';
import { currentReplay, REPLAY_LOAD_GAP_MS, useTimeContext } from '../replay/time-context';

/** Dispatched on `window` when a wall should fetch fresh snapshots (time jump, tab visible again). */
export const RESYNC_EVENT = 'earshot:resync';
const RETRY_MS = 5_000;
const RELOAD_BURST_MS = 150;

/** Where a replaying query reads: the workspace and the moment. */
export interface ReplayAt {
  workspace: string;
  at: number;
}

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
   * Pushes that mean "what you hold is out of date" without carrying the new answer (a list
   * changed): each reloads the snapshot, several arriving together reload once.
   */
  reloadOn?: ReadonlyArray<EventTopic>;
  /** False while the query cannot be asked yet (nothing picked): no call, data stays null. */
  enabled?: boolean;
  /**
   * When the key changes, keep showing the previous answer until the new one lands (a search box
   * or a filter: the list should not blink empty on every keystroke).
   */
  keepPrevious?: boolean;
  /**
   * Apply pushed deltas at most this often (batched). A per-minute chart gains nothing from
   * redrawing on every batch, and on a busy wall PC each redraw is a long task.
   */
  coalesceMs?: number;
  /**
   * In replay: the same data as the war room saw it at `at` (a `review.*` call); pushes are then
   * ignored. A query without it is configuration (layouts, displays) and stays live in replay.
   */
  replay?: (client: RpcClient, at: ReplayAt) => Promise<T>;
}

export interface LiveQuery<T> extends Live<T> {
  /** Ask again now (after this window changed the data itself); answers to older asks are dropped. */
  reload: () => void;
  /**
   * Change the held answer locally: a further page appended, or a write's answer applied before
   * its push arrives. The next snapshot replaces it, as it replaces everything.
   */
  update: (change: (current: T | null) => T | null) => void;
}

export function useLive<T>(spec: LiveSpec<T>): LiveQuery<T> {
  const client = useClient();
  const [state, setState] = useState<Live<T>>({ data: null, updatedAt: null, error: null });
  const specRef = useRef(spec);
  specRef.current = spec;
  const reloadRef = useRef<() => void>(() => undefined);
  const replayWorkspace = useTimeContext((s) => (s.mode === 'replay' && spec.replay ? s.workspace : null));
  const enabled = spec.enabled !== false;

  useEffect(() => {
    if (!enabled) {
      setState({ data: null, updatedAt: null, error: null });
      return;
    }
    if (replayWorkspace !== null) return replayQuery(client, replayWorkspace, specRef, setState, reloadRef);
    let alive = true;
    let round = 0;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let pending: Array<(s: Live<T>) => Live<T>> = [];
    let flushTimer: ReturnType<typeof setTimeout> | null = null;
    const keep = specRef.current.keepPrevious === true;
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
    setState((s) => (keep ? { ...s, error: null } : { data: null, updatedAt: null, error: null }));
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
    // A burst of change pushes (one per saved row) is one reload, not one per push.
    let reloadTimer: ReturnType<typeof setTimeout> | null = null;
    for (const topic of specRef.current.reloadOn ?? []) {
      disposers.push(
        client.subscribe(topic, () => {
          reloadTimer ??= setTimeout(() => {
            reloadTimer = null;
            if (alive && client.connectionState === 'open') load();
          }, RELOAD_BURST_MS);
        }),
      );
    }
    disposers.push(() => {
      if (reloadTimer !== null) clearTimeout(reloadTimer);
    });
    reloadRef.current = () => {
      if (alive && client.connectionState === 'open') load();
    };
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
  }, [client, spec.key, replayWorkspace, enabled]);

  const reload = useCallback(() => reloadRef.current(), []);
  const update = useCallback((change: (current: T | null) => T | null) => {
    setState((s) => {
      const data = change(s.data);
      return data === s.data ? s : { ...s, data };
    });
  }, []);
  return useMemo(() => ({ ...state, reload, update }), [state, reload, update]);
}

/** A query in replay: loads for the current `at`, again whenever it moves (throttled), no pushes. */
function replayQuery<T>(
  client: RpcClient,
  workspace: string,
  specRef: { current: LiveSpec<T> },
  setState: (s: Live<T>) => void,
  reloadRef: { current: () => void },
): () => void {
  let alive = true;
  let inFlight = false;
  let loadedAt: number | null = null;
  let lastStart = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  setState({ data: null, updatedAt: null, error: null });
  const kick = (): void => {
    if (!alive || inFlight || timer !== null || client.connectionState !== 'open') return;
    const replay = currentReplay();
    const load = specRef.current.replay;
    if (!replay || !load || replay.at === loadedAt) return;
    const wait = REPLAY_LOAD_GAP_MS - (Date.now() - lastStart);
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = null;
        kick();
      }, wait);
      return;
    }
    const at = replay.at;
    inFlight = true;
    lastStart = Date.now();
    load(client, { workspace, at }).then(
      (data) => {
        inFlight = false;
        if (!alive) return;
        loadedAt = at;
        setState({ data, updatedAt: at, error: null });
        kick();
      },
      (error: unknown) => {
        inFlight = false;
        if (!alive) return;
        setState({ data: null, updatedAt: null, error: error instanceof Error ? error.message : String(error) });
        timer = setTimeout(() => {
          timer = null;
          kick();
        }, RETRY_MS);
      },
    );
  };
  const reload = (): void => {
    loadedAt = null;
    kick();
  };
  reloadRef.current = reload;
  const disposers = [useTimeContext.subscribe(() => kick()), client.onHello(reload)];
  window.addEventListener(RESYNC_EVENT, reload);
  kick();
  return () => {
    alive = false;
    if (timer !== null) clearTimeout(timer);
    for (const dispose of disposers) dispose();
    window.removeEventListener(RESYNC_EVENT, reload);
  };
}
