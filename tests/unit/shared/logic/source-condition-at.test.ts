import { describe, expect, it } from 'vitest';
import type { SourceEvent } from '@shared/domain/source';
import { sourceConditionAt } from '@shared/logic/sources/condition-at';

let nextId = 1;
const event = (at: number, kind: SourceEvent['kind'], extra: Partial<SourceEvent> = {}): SourceEvent => ({
  id: nextId++,
  at,
  sourceId: 's',
  kind,
  error: null,
  rateLimitedUntil: null,
  consecutiveFailures: 0,
  ...extra,
});

describe('sourceConditionAt', () => {
  it('is unknown (null state) and today’s enabled flag when nothing is recorded', () => {
    expect(sourceConditionAt([], 1_000, true)).toEqual({
      state: null,
      enabled: true,
      lastError: null,
      lastErrorAt: null,
      consecutiveFailures: 0,
      rateLimitedUntil: null,
    });
    // A source paused before the record began is not shown as paused: only recorded pauses are.
    expect(sourceConditionAt([], 1_000, false)).toMatchObject({ state: null, enabled: false });
  });

  it('a rate limit lasts until its time, then the state is unknown again (the next poll decides)', () => {
    const events = [event(100, 'rate-limited', { error: 'rate limited: 429', rateLimitedUntil: 500 })];
    expect(sourceConditionAt(events, 499, true)).toMatchObject({
      state: 'rate-limited',
      rateLimitedUntil: 500,
      lastError: 'rate limited: 429',
      lastErrorAt: 100,
    });
    expect(sourceConditionAt(events, 500, true)).toMatchObject({ state: null, rateLimitedUntil: null, lastError: 'rate limited: 429' });
  });

  it('a recovery clears failures but keeps the last error, as the live view does', () => {
    const events = [
      event(100, 'failed', { error: 'boom', consecutiveFailures: 1 }),
      event(200, 'failed', { error: 'boom 2', consecutiveFailures: 2 }),
      event(300, 'recovered'),
    ];
    expect(sourceConditionAt(events, 250, true)).toMatchObject({ state: 'error', consecutiveFailures: 2, lastError: 'boom 2', lastErrorAt: 200 });
    expect(sourceConditionAt(events, 300, true)).toMatchObject({ state: 'ok', consecutiveFailures: 0, lastError: 'boom 2' });
  });

  it('a pause or resume after the moment tells whether the source was enabled then', () => {
    expect(sourceConditionAt([event(500, 'paused')], 400, false)).toMatchObject({ enabled: true, state: null });
    expect(sourceConditionAt([event(500, 'resumed')], 400, true)).toMatchObject({ enabled: false, state: 'paused' });
    expect(sourceConditionAt([event(100, 'paused'), event(500, 'resumed')], 400, true)).toMatchObject({ enabled: false, state: 'paused' });
    expect(sourceConditionAt([event(100, 'paused'), event(500, 'resumed')], 600, false)).toMatchObject({ enabled: true, state: null });
  });

  it('a finished source is done', () => {
    expect(sourceConditionAt([event(100, 'finished')], 200, true)).toMatchObject({ state: 'done' });
  });
});
