/**
 * A `FramePipe` over a WebSocket that reconnects by itself, for browsers in serve mode. Walls run
 * unattended for days, so a core restart or a network blip must heal without anyone touching
 * the screen; the RPC client re-subscribes and re-fetches when the core says hello again.
 */
import { HEARTBEAT_TIMEOUT_MS, type FramePipe, type PipeState } from '@shared/contract/frames';
import { reconnectDelayMs } from '@shared/logic/backoff';

/** A connection that stayed up this long was healthy: the next drop starts the backoff over. */
const HEALTHY_AFTER_MS = 5_000;
/** The hub ended this browser's sign-in (signed out elsewhere, revoked, unpaired). */
const CLOSE_SIGNED_OUT = 4401;

export class ReconnectingWebSocketPipe implements FramePipe {
  private socket: WebSocket | null = null;
  private current: PipeState = 'connecting';
  private attempt = 0;
  private openedAt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFrameAt = 0;
  private readonly watchdog: ReturnType<typeof setInterval>;
  private disposed = false;
  private readonly frameListeners = new Set<(frame: string) => void>();
  private readonly stateListeners = new Set<(state: PipeState) => void>();

  constructor(private readonly url: string) {
    // Coming back online is a better moment to retry than whatever the backoff says.
    window.addEventListener('online', this.retryNow);
    // The core ticks every few seconds; silence means the line is dead even if the socket
    // still says open (a pulled cable, a sleeping laptop, a NAT that forgot us).
    this.watchdog = setInterval(() => this.checkAlive(), HEARTBEAT_TIMEOUT_MS / 3);
    this.connect();
  }

  get state(): PipeState {
    return this.current;
  }

  send(frame: string): void {
    // Frames sent while down are dropped: calls fail fast in the client and subscriptions are
    // re-sent after the next hello, so nothing needs queueing here.
    if (this.current === 'open' && this.socket?.readyState === WebSocket.OPEN) this.socket.send(frame);
  }

  onFrame(listener: (frame: string) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onState(listener: (state: PipeState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    window.removeEventListener('online', this.retryNow);
    clearInterval(this.watchdog);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.socket?.close();
    this.setState('closed');
  }

  private connect(): void {
    this.retryTimer = null;
    this.setState('connecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.openedAt = Date.now();
      this.lastFrameAt = this.openedAt;
      this.setState('open');
    };
    socket.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return; // The core speaks text frames only.
      this.lastFrameAt = Date.now();
      for (const listener of this.frameListeners) listener(event.data);
    };
    // 'error' is always followed by 'close', so only 'close' drives the state machine.
    socket.onclose = (event: CloseEvent) => {
      if (event.code === CLOSE_SIGNED_OUT) {
        this.signedOut();
        return;
      }
      // A refused upgrade looks like any failed connection; ask whether the sign-in has ended.
      if (this.current !== 'open') void this.checkSignedIn();
      this.lost(socket);
    };
  }

  /** Back to the sign-in (or pairing) page: a reload asks the hub who we are. */
  private signedOut(): void {
    this.dispose();
    window.location.reload();
  }

  private async checkSignedIn(): Promise<void> {
    try {
      const res = await fetch('/api/auth/state', { cache: 'no-store', credentials: 'same-origin' });
      const state = (await res.json()) as { signedIn?: boolean };
      if (state.signedIn === false && !this.disposed) this.signedOut();
    } catch {
      // The hub is down: keep retrying the socket.
    }
  }

  private lost(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.socket = null;
    if (this.current === 'open' && Date.now() - this.openedAt >= HEALTHY_AFTER_MS) this.attempt = 0;
    this.setState('closed');
    this.scheduleRetry();
  }

  private checkAlive(): void {
    const socket = this.socket;
    if (!socket || this.current !== 'open' || Date.now() - this.lastFrameAt < HEARTBEAT_TIMEOUT_MS) return;
    // Give up on it now: close() on a dead line may not report back until TCP times out.
    this.lost(socket);
    socket.close();
  }

  private scheduleRetry(): void {
    if (this.disposed || this.retryTimer !== null) return;
    const delay = reconnectDelayMs(this.attempt);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private readonly retryNow = (): void => {
    if (this.disposed || this.socket !== null || this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.connect();
  };

  private setState(next: PipeState): void {
    if (next === this.current) return;
    this.current = next;
    for (const listener of this.stateListeners) listener(next);
  }
}

/** `ws://host/ws` on the page's own origin, `wss:` when the page came over https. */
export function coreSocketUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
