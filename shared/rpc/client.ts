/**
 * The renderer's side of the call layer: typed calls and subscriptions over any `FramePipe`.
 * It re-subscribes after a reconnect and tells listeners, so views can fetch a fresh snapshot.
 */
import type { ApiMethod, ApiParams, ApiResult } from '../contract/api';
import type { EventPayloads, EventTopic } from '../contract/events';
import type { FramePipe, PipeState, RpcError, ServerFrame } from '../contract/frames';
import type { Identity } from '../contract/access';

export class RpcCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RpcCallError';
  }
}

/**
 * Timers exist wherever this runs (browser, Node, Electron) but belong to no ES lib, and shared/
 * gets neither DOM nor Node types; this is the one typed handle onto them.
 */
type TimerHandle = { readonly __timer: unique symbol };
const timers = globalThis as unknown as {
  setTimeout(handler: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
};

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: TimerHandle;
}

export interface ServerHello {
  version: string;
  serverTime: number;
  dataDir: string;
  /** Who this connection acts as (a signed-in person, a paired wall, the local owner). */
  identity: Identity;
  /** serverTime minus local time when the hello arrived; add to Date.now() for server time. */
  clockOffsetMs: number;
}

export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventTopic, Set<(payload: never) => void>>();
  private readonly helloListeners = new Set<(hello: ServerHello) => void>();
  private readonly stateListeners = new Set<(state: PipeState) => void>();
  private hello: ServerHello | null = null;

  constructor(
    private readonly pipe: FramePipe,
    private readonly callTimeoutMs = 15_000,
  ) {
    pipe.onFrame((raw) => this.receive(raw));
    pipe.onState((state) => {
      if (state === 'closed') this.failPending('the connection to the Earshot core was lost');
      // Subscriptions are re-sent when the server says hello, so they land on the new session.
      for (const listener of this.stateListeners) listener(state);
    });
  }

  get connectionState(): PipeState {
    return this.pipe.state;
  }

  get serverHello(): ServerHello | null {
    return this.hello;
  }

  /** Server time now, corrected for the offset between this machine's clock and the core's. */
  serverNow(): number {
    return Date.now() + (this.hello?.clockOffsetMs ?? 0);
  }

  call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
    if (this.pipe.state !== 'open') {
      return Promise.reject(new RpcCallError('disconnected', 'not connected to the Earshot core'));
    }
    const id = this.nextId++;
    return new Promise<ApiResult<M>>((resolve, reject) => {
      const timer = timers.setTimeout(() => {
        this.pending.delete(id);
        reject(new RpcCallError('timeout', `${method} did not answer within ${this.callTimeoutMs} ms`));
      }, this.callTimeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.pipe.send(JSON.stringify({ t: 'req', id, method, params }));
    });
  }

  subscribe<T extends EventTopic>(topic: T, listener: (payload: EventPayloads[T]) => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
      if (this.pipe.state === 'open') this.pipe.send(JSON.stringify({ t: 'sub', topic }));
    }
    set.add(listener as (payload: never) => void);
    return () => {
      const current = this.listeners.get(topic);
      if (!current) return;
      current.delete(listener as (payload: never) => void);
      if (current.size === 0) {
        this.listeners.delete(topic);
        if (this.pipe.state === 'open') this.pipe.send(JSON.stringify({ t: 'unsub', topic }));
      }
    };
  }

  /** Called on every (re)connection once the core has greeted us: the moment to fetch snapshots. */
  onHello(listener: (hello: ServerHello) => void): () => void {
    this.helloListeners.add(listener);
    if (this.hello && this.pipe.state === 'open') listener(this.hello);
    return () => this.helloListeners.delete(listener);
  }

  onConnectionState(listener: (state: PipeState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private receive(raw: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(raw) as ServerFrame;
    } catch {
      return; // The core only sends JSON; a broken frame is dropped rather than crashing the view.
    }
    switch (frame.t) {
      case 'hello': {
        this.hello = {
          version: frame.version,
          serverTime: frame.serverTime,
          dataDir: frame.dataDir,
          identity: frame.identity,
          clockOffsetMs: frame.serverTime - Date.now(),
        };
        for (const topic of this.listeners.keys()) this.pipe.send(JSON.stringify({ t: 'sub', topic }));
        for (const listener of this.helloListeners) listener(this.hello);
        return;
      }
      case 'tick': {
        // Keeps the clock offset honest over days of uptime (and proves the line is alive).
        if (this.hello) this.hello = { ...this.hello, clockOffsetMs: frame.serverTime - Date.now() };
        return;
      }
      case 'res': {
        if (frame.id === null) return;
        const pending = this.pending.get(frame.id);
        if (!pending) return;
        this.pending.delete(frame.id);
        timers.clearTimeout(pending.timer);
        if (frame.ok) pending.resolve(frame.result);
        else pending.reject(toError(frame.error));
        return;
      }
      case 'evt': {
        const set = this.listeners.get(frame.topic as EventTopic);
        if (!set) return;
        for (const listener of set) (listener as (payload: unknown) => void)(frame.payload);
        return;
      }
    }
  }

  private failPending(reason: string): void {
    for (const [id, pending] of this.pending) {
      timers.clearTimeout(pending.timer);
      pending.reject(new RpcCallError('disconnected', reason));
      this.pending.delete(id);
    }
  }
}

function toError(error: RpcError): RpcCallError {
  return new RpcCallError(error.code, error.message);
}
