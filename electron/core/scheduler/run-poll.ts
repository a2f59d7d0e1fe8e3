/**
 * One poll of one adapter with a deadline: the scheduler's every poll and the settings screen's
 * "test connection" both go through here, so a test behaves exactly like the real thing.
 */
import type { OutboundGuard } from '../net/outbound-guard';
import type { PollResult, SourceAdapter } from '../sources/adapter';

export interface RunPollOptions {
  cursor: string | null;
  now: number;
  outbound: OutboundGuard;
  timeoutMs: number;
  /** Aborted on timeout; the caller may abort it too (the source was paused or deleted). */
  abort: AbortController;
}

export async function runPoll(adapter: SourceAdapter, options: RunPollOptions): Promise<PollResult> {
  const { abort, timeoutMs } = options;
  let timeout: ReturnType<typeof setTimeout> | undefined;
  try {
    const result = await Promise.race([
      adapter.poll({ cursor: options.cursor, now: options.now, signal: abort.signal, fetch: options.outbound.fetch, outbound: options.outbound }),
      new Promise<never>((_, reject) => {
        timeout = setTimeout(() => {
          abort.abort();
          reject(new Error(`no answer within ${formatSeconds(timeoutMs)} (timed out)`));
        }, timeoutMs);
      }),
    ]);
    if (!result || !Array.isArray(result.items)) throw new Error('the source returned no list of items');
    return result;
  } finally {
    clearTimeout(timeout);
  }
}

/** An error in plain words, without stack traces or anything that could hold a secret. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 300) || 'unknown error';
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
