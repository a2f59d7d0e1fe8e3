/**
 * A source's condition at a moment, from its recorded events (review): the replay of the source
 * health widget. Pure, so the rule is tested without a store.
 */
import type { SourceEvent, SourceRunState } from '../../domain/source';

export interface SourceConditionAt {
  /** null when nothing was recorded by then: the caller falls back to "delivered or not". */
  state: SourceRunState | null;
  enabled: boolean;
  lastError: string | null;
  lastErrorAt: number | null;
  consecutiveFailures: number;
  rateLimitedUntil: number | null;
}

/**
 * `events` are the source's events in time order (any span); `enabledToday` is used when no pause or
 * resume is recorded on either side of `at`. A pause or resume after `at` tells the state before it.
 * Only a recorded pause makes the state `paused`: a source paused before the record began keeps
 * the "delivered or not" state the caller falls back to.
 */
export function sourceConditionAt(events: readonly SourceEvent[], at: number, enabledToday: boolean): SourceConditionAt {
  const out: SourceConditionAt = { state: null, enabled: enabledToday, lastError: null, lastErrorAt: null, consecutiveFailures: 0, rateLimitedUntil: null };
  const nextToggle = events.find((e) => e.at > at && (e.kind === 'paused' || e.kind === 'resumed'));
  if (nextToggle) {
    out.enabled = nextToggle.kind === 'paused';
    if (!out.enabled) out.state = 'paused';
  }
  for (const e of events) {
    if (e.at > at) break;
    switch (e.kind) {
      case 'failed':
        out.state = 'error';
        out.lastError = e.error;
        out.lastErrorAt = e.at;
        out.consecutiveFailures = e.consecutiveFailures;
        out.rateLimitedUntil = null;
        break;
      case 'rate-limited':
        out.state = 'rate-limited';
        out.lastError = e.error;
        out.lastErrorAt = e.at;
        out.rateLimitedUntil = e.rateLimitedUntil;
        break;
      case 'recovered':
        out.state = 'ok';
        out.consecutiveFailures = 0;
        out.rateLimitedUntil = null;
        break;
      case 'paused':
        out.enabled = false;
        out.state = 'paused';
        break;
      case 'resumed':
        out.enabled = true;
        out.state = out.state === 'paused' ? null : out.state;
        break;
      case 'finished':
        out.state = 'done';
        break;
    }
  }
  // The wait was over by `at`: the next poll's outcome (if any) is a later event.
  if (out.state === 'rate-limited' && out.rateLimitedUntil !== null && out.rateLimitedUntil <= at) {
    out.state = null;
    out.rateLimitedUntil = null;
  }
  return out;
}
