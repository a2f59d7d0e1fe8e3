import type { z } from 'zod';
import type { OutboundGuard } from '../net/outbound-guard';

/**
 * A source adapter does one thing: turn a platform's data into mention inputs and report where it
 * got to. The scheduler owns intervals, timeouts, backoff and health for every adapter, once.
 */
export interface PollContext {
  /** Where the previous successful poll ended; null on the first poll. */
  cursor: string | null;
  now: number;
  /** Aborted when the poll times out or the source stops; pass it to every request. */
  signal: AbortSignal;
  /** The HTTP client to use: the outbound guard's fetch (every connection and redirect checked). */
  fetch: typeof fetch;
  /** The same guard, for connections opened by other clients (a WebSocket). */
  outbound: OutboundGuard;
}

export interface PollResult {
  /** Raw items; the pipeline checks each one, so adapters need not be perfect. */
  items: unknown[];
  cursor: string | null;
  /** The source has nothing more to deliver, ever (a finished replay). */
  done?: boolean;
  /** Ask to be polled again sooner than the interval (a replay catching up). */
  moreAvailable?: boolean;
}

export interface SourceAdapter {
  poll(context: PollContext): Promise<PollResult>;
  /**
   * Releases what the adapter holds between polls (a stream's open connection, a file handle).
   * The scheduler calls it when the source is paused, deleted or re-configured, when the core
   * stops, and after a "test connection". After a pause the same adapter is polled again on resume,
   * so one that holds a connection reopens it on its next poll.
   */
  close?(): void | Promise<void>;
}

/**
 * The platform said "slow down" (HTTP 429, or a rate-limit header at zero). The scheduler waits
 * `retryAfterMs` (from Retry-After or a reset header) before the next poll instead of its backoff.
 */
export class RateLimitError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'RateLimitError';
  }
}

/** A source's settings are invalid; the message names the source and the setting. */
export class SourceConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceConfigError';
  }
}

/** Checks a source's stored settings against its schema, naming the source and the setting. */
export function parseSourceConfig<S extends z.ZodType>(schema: S, sourceId: string, json: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new SourceConfigError(`source ${sourceId}: its stored settings are not valid JSON`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SourceConfigError(`source ${sourceId}: ${issue?.path.join('.') || 'config'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
