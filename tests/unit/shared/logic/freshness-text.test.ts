import { describe, expect, it } from 'vitest';
import type { SourceHealth } from '@shared/domain/source';
import { sourceFreshness } from '@shared/logic/freshness';
import { freshnessText } from '@shared/logic/freshness-text';

const NOW = 1_700_000_000_000;

function source(patch: Partial<SourceHealth>): SourceHealth {
  return {
    id: 'demo',
    name: 'Demo',
    kind: 'demo',
    enabled: true,
    state: 'ok',
    intervalMs: 1000,
    lastPollAt: NOW - 3000,
    lastSuccessAt: NOW - 3000,
    lastDeliveryAt: NOW - 3000,
    lastError: null,
    lastErrorAt: null,
    consecutiveFailures: 0,
    nextPollAt: NOW + 1000,
    itemsTotal: 10,
    itemsSkipped: 0,
    itemsPerMinute: 0,
    newestPublishedAt: null,
    lagMs: null,
    rateLimitedUntil: null,
    ...patch,
  };
}

function text(s: SourceHealth): string {
  return freshnessText(s, sourceFreshness(s, NOW), NOW);
}

describe('freshnessText', () => {
  it('says how long ago a live source succeeded', () => {
    expect(text(source({}))).toBe('live · 3 s ago');
  });

  it('says how long a stale source has been silent', () => {
    expect(text(source({ lastSuccessAt: NOW - 120_000, lastPollAt: NOW - 1000 }))).toBe('STALE · no data for 2 min');
  });

  it('gives the error in plain words for a failing source', () => {
    expect(text(source({ state: 'error', lastError: 'HTTP 503 from api', lastErrorAt: NOW - 1000 }))).toBe('FAILING: HTTP 503 from api');
    expect(text(source({ state: 'error', lastError: null, lastErrorAt: NOW - 1000 }))).toBe('FAILING: unknown error');
  });

  it('names paused, finished and starting sources', () => {
    expect(text(source({ enabled: false }))).toBe('paused');
    expect(text(source({ state: 'done' }))).toBe('finished');
    expect(text(source({ lastSuccessAt: null, lastPollAt: null, state: 'idle' }))).toBe('starting…');
  });
});
