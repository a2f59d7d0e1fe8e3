/**
 * The wire: small JSON frames, the same over Electron IPC and over WebSocket. The call layer
 * (`shared/rpc`) sits on top; transports only move strings.
 */
import { z } from 'zod';
import { EVENT_TOPICS } from './events';
import type { Identity } from './access';

export const PROTOCOL_VERSION = 1;
export { MAX_FRAME_BYTES } from './limits';

export const clientFrameSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('req'), id: z.number().int().nonnegative(), method: z.string().min(1).max(100), params: z.unknown().optional() }).strict(),
  z.object({ t: z.literal('sub'), topic: z.enum(EVENT_TOPICS) }).strict(),
  z.object({ t: z.literal('unsub'), topic: z.enum(EVENT_TOPICS) }).strict(),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export interface RpcError {
  /**
   * `bad-frame`, `bad-params`, `unknown-method`, `forbidden` (outside the caller's role),
   * `signed-out` (the session expired or was revoked), `not-found`, `conflict` or `internal`.
   */
  code: string;
  message: string;
}

/**
 * The core sends every window a tick this often, so a window can tell a quiet core from a dead
 * connection (a silently dropped network keeps a WebSocket "open" until TCP gives up).
 */
export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A window that has heard nothing for this long treats its connection as dead and reconnects. */
export const HEARTBEAT_TIMEOUT_MS = 3 * HEARTBEAT_INTERVAL_MS;

export type ServerFrame =
  /** `dataDir` is empty for anyone but an admin: where the hub keeps its files is not everyone's business. */
  | { t: 'hello'; protocol: number; version: string; serverTime: number; dataDir: string; identity: Identity }
  | { t: 'tick'; serverTime: number }
  | { t: 'res'; id: number; ok: true; result: unknown }
  | { t: 'res'; id: number | null; ok: false; error: RpcError }
  | { t: 'evt'; topic: string; payload: unknown };

/** The only thing a transport must provide: send a string, deliver strings, report connection state. */
export interface FramePipe {
  send(frame: string): void;
  onFrame(listener: (frame: string) => void): () => void;
  onState(listener: (state: PipeState) => void): () => void;
  readonly state: PipeState;
}
export type PipeState = 'connecting' | 'open' | 'closed';
