/** The stateful layer: persistence, cooldown, quiet hours, resolution, grouping into incidents. */
import { describe, expect, it } from 'vitest';
import { incidentFor, inQuietHours, markClosed, step, type EngineState } from '@shared/logic/alerts/engine';
import type { Signal } from '@shared/logic/alerts/signal';
import { MINUTE_MS } from '@shared/logic/time';

const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);
const utc = { utcOffsetMinutes: () => 0 };

function signal(key = 'all', severity: Signal['severity'] = 'warning'): Signal {
  return {
    key,
    severity,
    title: 'x',
    detail: 'd',
    evidence: [],
    window: null,
    explanation: { rule: 'r', measure: 'm', observed: 1, expected: null, bandLow: null, bandHigh: null, windowMinutes: 5 },
  };
}

const rule = (
  patch: Partial<{
    persistMinutes: number;
    cooldownMinutes: number;
    quietHours: { from: string; to: string } | null;
    kind: 'volume-spike' | 'influencer' | 'source-down';
  }> = {},
) => ({
  kind: 'volume-spike' as const,
  persistMinutes: 0,
  cooldownMinutes: 30,
  quietHours: null,
  ...patch,
});

/** Runs the engine minute by minute; `holds(minute index)` says whether the condition holds. */
function run(r: ReturnType<typeof rule>, minutes: number, holds: (i: number) => Signal[]): Array<[number, string]> {
  const state: EngineState = new Map();
  const out: Array<[number, string]> = [];
  for (let i = 0; i < minutes; i++) for (const d of step(r, holds(i), T0 + i * MINUTE_MS, state, utc)) out.push([i, d.type]);
  return out;
}

describe('engine', () => {
  it('opens once, updates while the condition holds, resolves after 5 quiet minutes', () => {
    expect(run(rule(), 20, (i) => (i >= 2 && i < 6 ? [signal()] : []))).toEqual([
      [2, 'open'],
      [3, 'update'],
      [4, 'update'],
      [5, 'update'],
      [10, 'resolve'],
    ]);
  });

  it('must persist: a blip shorter than the persistence never opens', () => {
    expect(run(rule({ persistMinutes: 3 }), 20, (i) => (i >= 2 && i < 4 ? [signal()] : []))).toEqual([]);
    expect(run(rule({ persistMinutes: 3 }), 20, (i) => (i >= 2 && i < 8 ? [signal()] : [])).slice(0, 1)).toEqual([[5, 'open']]);
  });

  it('cooldown: a condition that returns soon after opening does not open a second alert', () => {
    const decisions = run(rule({ cooldownMinutes: 30 }), 60, (i) => (i === 0 || i === 12 || i === 40 ? [signal()] : []));
    expect(decisions.filter(([, t]) => t === 'open').map(([i]) => i)).toEqual([0, 40]);
  });

  it('a critical signal breaks through the cooldown of a warning, not of another critical', () => {
    const state: EngineState = new Map();
    const r = rule({ cooldownMinutes: 30, kind: 'source-down' });
    expect(step(r, [signal('all', 'warning')], T0, state, utc)[0]!.type).toBe('open');
    step(r, [], T0 + MINUTE_MS, state, utc);
    expect(step(r, [signal('all', 'critical')], T0 + 2 * MINUTE_MS, state, utc)[0]!.type).toBe('open');
    step(r, [], T0 + 3 * MINUTE_MS, state, utc);
    expect(step(r, [signal('all', 'critical')], T0 + 4 * MINUTE_MS, state, utc)).toEqual([]);
  });

  it('quiet hours hold back warnings (reported once) but never critical alerts', () => {
    const quiet = rule({ quietHours: { from: '11:00', to: '13:00' } });
    expect(run(quiet, 5, () => [signal()])).toEqual([[0, 'suppressed']]);
    expect(run(quiet, 2, () => [signal('all', 'critical')])).toEqual([
      [0, 'open'],
      [1, 'update'],
    ]);
  });

  it('quiet hours span midnight and follow the local offset', () => {
    const q = { from: '22:00', to: '07:00' };
    expect(inQuietHours(q, Date.UTC(2025, 0, 6, 23, 30), () => 0)).toBe(true);
    expect(inQuietHours(q, Date.UTC(2025, 0, 6, 6, 59), () => 0)).toBe(true);
    expect(inQuietHours(q, Date.UTC(2025, 0, 6, 7, 0), () => 0)).toBe(false);
    expect(inQuietHours(q, Date.UTC(2025, 0, 6, 20, 30), () => 120)).toBe(true);
    expect(inQuietHours(null, T0)).toBe(false);
  });

  it('keeps keys apart and escalates an open alert when the signal turns critical', () => {
    const state: EngineState = new Map();
    const r = rule({ kind: 'source-down' });
    expect(step(r, [signal('a'), signal('b')], T0, state, utc).map((d) => [d.type, d.key])).toEqual([
      ['open', 'a'],
      ['open', 'b'],
    ]);
    const next = step(r, [signal('a', 'critical')], T0 + MINUTE_MS, state, utc);
    expect(next).toEqual([
      { type: 'update', key: 'a', signal: signal('a', 'critical'), escalated: true },
      { type: 'resolve', key: 'b' },
    ]);
  });

  it('event rules ignore persistence and resolve two hours after the last event', () => {
    const decisions = run(rule({ kind: 'influencer', persistMinutes: 10 }), 200, (i) => (i === 5 ? [signal('author:x:a')] : []));
    expect(decisions).toEqual([
      [5, 'open'],
      [125, 'resolve'],
    ]);
  });

  it('an alert closed by hand is reopened only after the cooldown', () => {
    const state: EngineState = new Map();
    const r = rule({ cooldownMinutes: 10 });
    expect(step(r, [signal()], T0, state, utc)[0]!.type).toBe('open');
    markClosed(state, 'all');
    expect(step(r, [signal()], T0 + 5 * MINUTE_MS, state, utc)).toEqual([]);
    expect(step(r, [signal()], T0 + 10 * MINUTE_MS, state, utc)[0]!.type).toBe('open');
  });

  it('groups a firing into the latest open incident of its topic within 30 minutes', () => {
    const incidents = [
      { id: 1, topicId: null, lastAt: T0 - 40 * MINUTE_MS, resolvedAt: null },
      { id: 2, topicId: null, lastAt: T0 - 10 * MINUTE_MS, resolvedAt: null },
      { id: 3, topicId: 7, lastAt: T0 - MINUTE_MS, resolvedAt: null },
      { id: 4, topicId: null, lastAt: T0, resolvedAt: T0 },
    ];
    expect(incidentFor(incidents, null, T0)?.id).toBe(2);
    expect(incidentFor(incidents, 7, T0)?.id).toBe(3);
    expect(incidentFor(incidents, 8, T0)).toBeNull();
    expect(incidentFor(incidents, null, T0 + 25 * MINUTE_MS)).toBeNull();
  });
});
