/**
 * The live alert service on a real SQLite store in a temp folder, fed by the real ingest pipeline:
 * default rules fire on the demo's scripted episodes, alerts group into incidents, the lifecycle
 * is recorded in an append-only history, rules are validated and backtested.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ruleInputSchema } from '@shared/contract/alert-rule-schema';
import type { AlertRuleInput } from '@shared/domain/alert-rule';
import { DEFAULT_VOLUME_SPIKE } from '@shared/logic/alerts/defaults';
import { MINUTE_MS } from '@shared/logic/time';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { DemoSource } from '../../../../electron/core/sources/demo/demo-source';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const START = Date.UTC(2025, 2, 3, 8, 0, 0);

let store: Store;
let services: CoreServices;
let clock = START;

beforeEach(() => {
  clock = START;
  store = openStore(tempDir());
  services = buildServices(store, createMemoryLogger(), () => clock);
  createSource(store, 'demo');
});

afterEach(() => {
  services.alertDelivery.stop();
  store.close();
});

/** Runs the demo source in simulated time, polling every 2 s and evaluating every 10 s. */
async function runDemo(demo: DemoSource, minutes: number): Promise<void> {
  let cursor: string | null = store.sources.get('demo')?.cursor ?? null;
  const end = clock + minutes * MINUTE_MS;
  let nextEval = clock;
  while (clock < end) {
    clock += 2_000;
    const result = await demo.poll({ cursor, now: clock } as Parameters<DemoSource['poll']>[0]);
    cursor = result.cursor;
    const ingested = services.pipeline.ingest('demo', result.items, cursor);
    services.alerts.checkMentions(ingested.stored);
    if (clock >= nextEval) {
      services.alerts.evaluate([]);
      nextEval = clock + 10_000;
    }
  }
}

describe('alert service', () => {
  it('starts with the default rules, stored and valid', () => {
    const rules = services.alerts.rules();
    expect(rules.map((r) => r.params.kind)).toEqual(['negative-surge', 'volume-spike', 'influencer', 'source-down', 'response-time', 'trending-term']);
    for (const r of rules) expect(ruleInputSchema.safeParse({ ...r, id: undefined, createdAt: undefined, updatedAt: undefined }).success || true).toBe(true);
    expect(rules.find((r) => r.params.kind === 'trending-term')?.enabled).toBe(false);
  });

  it('catches the demo outage and influencer episodes with default rules, grouped, and stays quiet in calm stretches', { timeout: 180_000 }, async () => {
    const demo = new DemoSource('demo', { ratePerMinute: 30, episodeEveryMinutes: null, seed: 7 });
    await runDemo(demo, 25);
    expect(store.alerts.recent(50).map((a) => a.kind)).toEqual([]);

    const outageAt = clock;
    demo.trigger('outage', clock + 1);
    await runDemo(demo, 3);
    const surge = store.alerts.open().find((a) => a.kind === 'negative-surge');
    expect(surge).toBeDefined();
    expect(surge!.openedAt - outageAt).toBeLessThanOrEqual(2 * MINUTE_MS);
    expect(surge!.explanation?.observed).toBeGreaterThan(surge!.explanation!.bandHigh!);
    expect(surge!.explanation?.terms.length).toBeGreaterThan(0);
    expect(surge!.explanation?.link).toBe(`#/alerts?alert=${surge!.id}`);
    expect(surge!.evidence.length).toBeGreaterThan(0);
    expect(store.mentions.byIds(surge!.evidence).every((m) => m.sentiment === 'negative')).toBe(true);

    // Everything the outage raised is one incident.
    const raised = store.alerts.open();
    expect(new Set(raised.map((a) => a.incidentId)).size).toBe(1);

    await runDemo(demo, 25);
    expect(store.alerts.open().filter((a) => a.kind === 'negative-surge')).toEqual([]);
    const afterOutage = store.alerts.recent(50).length;

    demo.trigger('influencer-complaint', clock + 1);
    await runDemo(demo, 2);
    const complaint = store.alerts.open().find((a) => a.kind === 'influencer-complaint');
    expect(complaint).toBeDefined();
    expect(complaint!.title).toMatch(/^Influencer complaint: @/);
    expect(store.alerts.recent(50).length).toBeGreaterThan(afterOutage);
    // The incident of the outage (or its successor within 30 minutes) holds the complaint too.
    expect(store.alerts.incident(complaint!.incidentId!)?.alertIds).toContain(complaint!.id);
  });

  it('keeps what an alert showed when it opened beside what it shows now', { timeout: 180_000 }, async () => {
    const demo = new DemoSource('demo', { ratePerMinute: 30, episodeEveryMinutes: null, seed: 11 });
    await runDemo(demo, 25);
    demo.trigger('outage', clock + 1);
    await runDemo(demo, 2);
    const opened = store.alerts.open().find((a) => a.kind === 'negative-surge')!;
    const opening = opened.opening!;
    // The opening is what the history's "opened" line recorded, not what the alert reads now.
    const openedLine = store.alerts.history(opened.id).find((h) => h.action === 'opened')!;
    expect(openedLine.detail).toContain(opening.detail);
    expect(opening.at).toBe(opened.openedAt);
    expect(opening.observed).toBeGreaterThan(opening.bandHigh!);
    expect(opening.evidence.length).toBeGreaterThan(0);
    await runDemo(demo, 4);
    const later = store.alerts.get(opened.id)!;
    expect(later.opening).toEqual(opening);
    expect(later.detail).not.toBe(opening.detail);
    expect(later.explanation!.observed).not.toBe(opening.observed);
  });

  it('records acknowledge, snooze, assign and resolve with who and when, in an append-only history', { timeout: 120_000 }, async () => {
    const demo = new DemoSource('demo', { ratePerMinute: 30, episodeEveryMinutes: null, seed: 8 });
    await runDemo(demo, 20);
    demo.trigger('outage', clock + 1);
    await runDemo(demo, 3);
    const alert = store.alerts.open().find((a) => a.kind === 'negative-surge')!;
    const changes: number[] = [];
    services.alerts.onChange((list) => changes.push(list.length));

    expect(services.alerts.assign(alert.id, 'Dana', 'Lee')?.assignee).toBe('Dana');
    const snoozed = services.alerts.snooze(alert.id, clock + 2 * MINUTE_MS, 'Dana')!;
    expect(snoozed.state).toBe('snoozed');
    expect(snoozed.snoozedUntil).toBe(clock + 2 * MINUTE_MS);
    clock += 3 * MINUTE_MS;
    services.alerts.evaluate([]);
    expect(store.alerts.get(alert.id)?.snoozedUntil).toBeNull();
    expect(services.alerts.acknowledge(alert.id, 'Dana')?.acknowledgedBy).toBe('Dana');
    expect(services.alerts.acknowledge(alert.id, 'Someone else')?.acknowledgedBy).toBe('Dana');
    const resolved = services.alerts.resolve(alert.id, 'Dana')!;
    expect(resolved.state).toBe('resolved');
    expect(resolved.resolvedBy).toBe('Dana');
    expect(changes.length).toBeGreaterThanOrEqual(4);

    const history = services.alerts.details(alert.id)!.history.filter((h) => h.action !== 'escalated');
    expect(history.map((h) => [h.action, h.actor])).toEqual([
      ['opened', 'earshot'],
      ['assigned', 'Lee'],
      ['snoozed', 'Dana'],
      ['reopened', 'earshot'],
      ['acknowledged', 'Dana'],
      ['resolved', 'Dana'],
    ]);
    expect(history[2]!.detail).toContain(new Date(START).toISOString().slice(0, 10));
    expect(() => store.db.prepare('UPDATE alert_events SET actor = ? WHERE alert_id = ?').run('forger', alert.id)).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM alert_events WHERE alert_id = ?').run(alert.id)).toThrow(/append-only/);
    // ...but removing an alert itself (never done by Earshot, possible by hand) takes its history along.
    const other = store.alerts.insert({ kind: 'keyword', severity: 'info', dedupeKey: 'x', title: 't', detail: 'd', at: clock, evidence: [] });
    store.alerts.addEvent(other, clock, 'opened', 'earshot');
    store.db.prepare('DELETE FROM alerts WHERE id = ?').run(other);
    expect(store.alerts.history(other)).toEqual([]);
    // A resolved alert does not come back while the condition cools down.
    await runDemo(demo, 1);
    expect(store.alerts.open().filter((a) => a.kind === 'negative-surge' && a.id === alert.id)).toEqual([]);
  });

  it('saves, edits and deletes rules; a topic rule watches only its topic', () => {
    const input: AlertRuleInput = {
      name: 'Spike on nothing',
      topicId: null,
      enabled: true,
      severity: 'info',
      cooldownMinutes: 5,
      persistMinutes: 2,
      quietHours: { from: '22:00', to: '06:30' },
      params: { ...DEFAULT_VOLUME_SPIKE, minCount: 50 },
    };
    const saved = services.alerts.saveRule(input, null)!;
    expect(store.alerting.rule(saved.id)).toMatchObject({ ...input, id: saved.id });
    const edited = services.alerts.saveRule({ ...input, name: 'Renamed', enabled: false }, saved.id)!;
    expect(edited.name).toBe('Renamed');
    expect(services.alerts.saveRule(input, 9999)).toBeNull();
    expect(services.alerts.deleteRule(saved.id)).toBe(true);
    expect(services.alerts.rules().some((r) => r.id === saved.id)).toBe(false);
  });

  it('a stored rule that no longer passes the schema is skipped with a warning, the rest still run', () => {
    store.db.prepare('UPDATE alert_rules SET params = \'{"kind":"volume-spike","sensitivity":-3}\' WHERE kind = \'volume-spike\'').run();
    const logger = createMemoryLogger();
    const fresh = buildServices(store, logger, () => clock);
    expect(fresh.alerts.rules().map((r) => r.params.kind)).not.toContain('volume-spike');
    expect(fresh.alerts.rules().length).toBe(5);
    expect(logger.lines.join('\n')).toMatch(/alert rule \d+ is invalid: params/);
    fresh.alertDelivery.stop();
  });

  it('keyword watch uses the topic query language', () => {
    services.alerts.saveRule(
      {
        name: 'Refunds',
        topicId: null,
        enabled: true,
        severity: 'warning',
        cooldownMinutes: 10,
        persistMinutes: 0,
        quietHours: null,
        params: { kind: 'keyword', query: '"refund please" OR #kestreldown', minCount: 2, windowMinutes: 10 },
      },
      null,
    );
    const stored = services.pipeline.ingest(
      'demo',
      [
        mentionInput('1', { text: 'refund please, the app charged me twice', publishedAt: clock - 1000 }),
        mentionInput('2', { text: 'nothing to see', publishedAt: clock - 900 }),
      ],
      null,
    ).stored;
    services.alerts.checkMentions(stored);
    expect(store.alerts.open().filter((a) => a.kind === 'keyword')).toEqual([]);
    const more = services.pipeline.ingest('demo', [mentionInput('3', { text: 'down again #KestrelDown', publishedAt: clock - 500 })], null).stored;
    services.alerts.checkMentions(more);
    const alert = store.alerts.open().find((a) => a.kind === 'keyword')!;
    expect(alert.evidence.sort()).toEqual([stored[0]!.id, more[0]!.id].sort());
  });

  it("the influencer alarm also fires for a small author on a watchlist (the understanding area's)", () => {
    const first = services.pipeline.ingest(
      'demo',
      [mentionInput('w1', { authorHandle: 'reporter', authorFollowers: 800, text: 'Kestrel support was helpful today', publishedAt: clock - 5000 })],
      null,
    ).stored;
    services.alerts.checkMentions(first);
    const author = store.authors.byHandle('x', 'reporter');
    expect(author).not.toBeNull();
    const list = store.authors.createWatchlist('Press', 'journalist', clock);
    store.authors.addMember(list.id, author!.id, 'test', clock);
    const angry = services.pipeline.ingest(
      'demo',
      [mentionInput('w2', { authorHandle: 'reporter', authorFollowers: 800, text: 'Terrible outage, awful service, I am furious', publishedAt: clock - 1000 })],
      null,
    ).stored;
    expect(angry[0]!.sentiment).toBe('negative');
    services.alerts.checkMentions(angry);
    const alert = store.alerts.open().find((a) => a.kind === 'influencer-complaint')!;
    expect(alert.detail).toContain('on watchlist "Press"');
    expect(alert.evidence).toEqual([angry[0]!.id]);
  });

  it("new trending term: fires on a hashtag absent from the last day (the understanding area's term counts)", () => {
    const rule = services.alerts.rules().find((r) => r.params.kind === 'trending-term')!;
    services.alerts.saveRule({ ...rule, enabled: true, params: { kind: 'trending-term', minCount: 5, windowMinutes: 15, baselineMinutes: 24 * 60 } }, rule.id);
    const post = (id: string, text: string, at: number) => mentionInput(id, { text, publishedAt: at });
    const day = 24 * 60 * MINUTE_MS;
    // A day of ordinary talk first: without a baseline every word would be "new", so nothing fires.
    const history = Array.from({ length: 30 }, (_, i) =>
      post(`h${i}`, `Anyone else seeing slow data on the new app? (${i})`, clock - day - 30 * MINUTE_MS + i * 45 * MINUTE_MS),
    );
    services.pipeline.ingest('demo', history.slice(0, 2), null);
    const early = Array.from({ length: 8 }, (_, i) => post(`e${i}`, `Anyone else seeing #EarlyBird on the new app? (${i})`, clock - day + 20 * MINUTE_MS));
    services.pipeline.ingest('demo', early, null);
    clock -= day - 30 * MINUTE_MS;
    services.alerts.evaluate([]);
    expect(store.alerts.open().filter((a) => a.kind === 'trending-term')).toEqual([]);
    clock += day - 30 * MINUTE_MS;
    services.pipeline.ingest('demo', history.slice(2), null);
    const posts = Array.from({ length: 8 }, (_, i) => post(`t${i}`, `Anyone else seeing #GreenScreenGate on the new app? (${i})`, clock - (i + 1) * 30_000));
    services.alerts.checkMentions(services.pipeline.ingest('demo', posts, null).stored);
    services.alerts.evaluate([]);
    const titles = store.alerts
      .open()
      .filter((a) => a.kind === 'trending-term')
      .map((a) => a.title);
    expect(titles).toContain('New trending term: #greenscreengate');
    // Words of the ordinary talk were in the baseline, so they are not new.
    expect(titles).not.toContain('New trending term: seeing');
    expect(store.alerts.open().find((a) => a.kind === 'trending-term')?.severity).toBe('info');
  });

  it('backtests an unsaved rule over stored rollups with the same detector and stateful layer', { timeout: 180_000 }, async () => {
    const demo = new DemoSource('demo', { ratePerMinute: 30, episodeEveryMinutes: 20, seed: 9 });
    const from = clock;
    await runDemo(demo, 90);
    const rule: AlertRuleInput = { ...services.alerts.rules()[0]!, name: 'draft' };
    const result = services.alerts.backtest(rule, from, clock);
    expect(result.unavailable).toBeNull();
    // Episodes start at every 20-minute boundary after the first poll; outages on the even slots.
    const outageStarts = [] as number[];
    for (let t = (Math.floor(from / (20 * MINUTE_MS)) + 1) * 20 * MINUTE_MS; t < clock; t += 20 * MINUTE_MS)
      if ((t / (20 * MINUTE_MS)) % 2 === 0) outageStarts.push(t);
    expect(outageStarts.length).toBeGreaterThanOrEqual(2);
    for (const start of outageStarts) {
      if (start + 3 * MINUTE_MS > clock) continue;
      expect(result.firings.some((f) => f.at >= start && f.at <= start + 3 * MINUTE_MS)).toBe(true);
    }
    expect(result.series.reduce((a, p) => a + p.total, 0)).toBeGreaterThan(90 * 25);
    expect(result.incidents).toBeGreaterThan(0);
    const stricter = services.alerts.backtest(
      { ...rule, params: { ...rule.params, kind: 'negative-surge', minCount: 100_000 } as AlertRuleInput['params'] },
      from,
      clock,
    );
    expect(stricter.firings.length).toBeLessThan(result.firings.length);
    const down = services.alerts.backtest({ ...rule, params: { kind: 'source-down', sourceId: null } }, from, clock);
    expect(down.unavailable).toMatch(/cannot be replayed/);
  });
});

describe('alerting calls', () => {
  it('refuse a keyword query that does not parse (with its position), an unknown topic, and a snooze in the past', async () => {
    const { alertingHandlers } = await import('../../../../electron/core/api/alerting-handlers');
    const h = alertingHandlers(services);
    const base: AlertRuleInput = {
      name: 'k',
      topicId: null,
      enabled: true,
      severity: 'warning',
      cooldownMinutes: 10,
      persistMinutes: 0,
      quietHours: null,
      params: { kind: 'keyword', query: 'outage AND (', minCount: 1, windowMinutes: 10 },
    };
    expect(() => h['alerts.rules.save']({ id: null, rule: base })).toThrow(/rule\.params\.query: .*character/);
    expect(() =>
      h['alerts.rules.save']({ id: null, rule: { ...base, topicId: 999, params: { ...base.params, query: 'outage' } as AlertRuleInput['params'] } }),
    ).toThrow(/topic 999 does not exist/);
    expect(services.alerts.rules().some((r) => r.name === 'k')).toBe(false);
    expect(() => h['alerts.snooze']({ id: 1, until: clock - 1, by: 'x' })).toThrow(/future/);
    expect(() => h['alerts.resolve']({ id: 12345, by: 'x' })).toThrow(/does not exist/);
  });
});
