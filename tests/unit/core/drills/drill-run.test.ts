/**
 * A drill against the real core on a real SQLite file: its posts reach the walls' volume, never the
 * care KPIs, reports or bundles; the report times what the team did; stopping removes every trace
 * and leaves the real rollups exactly as they were.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DrillRunState } from '@shared/contract/areas/drills';
import { newRuleOfKind } from '@shared/logic/alerts/defaults';
import { DrillService } from '../../../../electron/core/drills/drill-service';
import { openHarness, post, T0, type Harness } from '../care/care-harness';
import { countRows, useTempDirs } from '../../../support/core-helpers';
import { testScenario } from './drill-fixtures';

const tempDir = useTempDirs();
let h: Harness | null = null;
afterEach(() => {
  h?.close();
  h = null;
});

const MIN = 60_000;

/** The rollup tables and derived rows a drill must leave exactly as they were. */
function snapshot(harness: Harness) {
  const db = harness.services.store.db;
  const all = (sql: string) => db.prepare(sql).all();
  return {
    volume: all('SELECT * FROM volume_minute ORDER BY minute, source_id'),
    topics: all('SELECT * FROM volume_topic_minute ORDER BY minute, topic_id'),
    terms: all('SELECT * FROM term_minute ORDER BY topic_id, minute, term'),
    emotions: all('SELECT * FROM emotion_minute ORDER BY topic_id, minute'),
    authorHours: all('SELECT * FROM author_hour ORDER BY hour, platform, handle'),
    stories: all('SELECT id, size, reposts, reach, positive, neutral, negative, last_at FROM stories ORDER BY id'),
    authors: all(
      'SELECT platform, handle, mentions, positive, neutral, negative, likes, reposts, replies, engagement, first_seen, last_seen FROM authors ORDER BY platform, handle',
    ),
    mentions: harness.services.store.mentions.count(),
    fts: db.prepare("SELECT COUNT(*) FROM mentions_fts WHERE mentions_fts MATCH 'terrible'").pluck().get(),
    conversations: countRows(harness.services.store, 'care_conversations'),
    careEvents: countRows(harness.services.store, 'care_events'),
    alerts: countRows(harness.services.store, 'alerts'),
    incidents: countRows(harness.services.store, 'incidents'),
  };
}

function setUp(): Harness {
  const harness = openHarness(tempDir());
  // As start-core wires it: per-post alert rules look at every stored batch.
  harness.services.pipeline.onBatch((_s, r) => harness.services.alerts.checkMentions(r.stored));
  harness.services.topics.create({ name: 'Outage', kind: 'brand', query: 'outage OR terrible' });
  // Real posts in the minutes the drill will use, so real and drill rows share rollup rows.
  harness.ingest([
    post('real-1', { publishedAt: T0 + 30_000, text: 'terrible outage in the north, no signal', authorHandle: 'real_ann' }),
    post('real-2', { publishedAt: T0 + 2 * MIN + 5_000, text: 'outage fixed for me, thanks', authorHandle: 'real_bob' }),
    post('real-3', { publishedAt: T0 + 4 * MIN + 1_000, text: 'terrible support queue today', authorHandle: 'real_ann' }),
  ]);
  return harness;
}

describe('a drill run', () => {
  it('reaches the walls while running, never the KPIs, reports or bundles, and leaves no trace after stop', async () => {
    h = setUp();
    const w = h.window();
    w.subscribe('drills.state');
    w.subscribe('alerts.changed');
    const { services, clock } = h;
    const before = snapshot(h);
    const kpisBefore = await w.call('care.kpis', { from: T0 - 60 * MIN, to: T0 + 60 * MIN });
    const realMentions = before.mentions;

    const saved = await w.call('drills.save', { json: JSON.stringify(testScenario()) });
    expect(saved.ok).toBe(true);
    const { run } = await w.call('drills.start', { scenarioId: 'test-drill', by: 'lee', speed: 1 });
    expect(run).toMatchObject({ scenarioName: 'Test drill', startedBy: 'lee', total: 61 });
    await expect(w.call('drills.start', { scenarioId: 'test-drill', by: 'ana' })).rejects.toThrow(/already running/);

    for (let t = 0; t <= 5 * MIN; t += 20_000) {
      clock.now = T0 + t;
      services.drills.tick();
    }
    const state = (await w.call('drills.state', {})).run!;
    expect(state.injected).toBeGreaterThan(20);
    expect(services.store.mentions.count()).toBe(realMentions + state.injected);
    // Walls read volume_minute: the drill's posts are counted there while it runs.
    const wallTotal = services.store.volume.range(T0 - MIN, T0 + 10 * MIN).reduce((n, b) => n + b.total, 0);
    expect(wallTotal).toBe(realMentions + state.injected);
    expect(w.events<{ run: DrillRunState | null }>('drills.state').at(-1)!.run).toMatchObject({ id: run.id });

    // Care grouped the drill's posts into conversations, tagged as the drill's.
    const drillConversations = countRows(services.store, 'care_conversations', 'drill_run_id = ?', run.id);
    expect(drillConversations).toBeGreaterThan(3);
    expect(state.conversations).toBe(drillConversations);
    // …but the KPIs do not count them.
    const kpisDuring = await w.call('care.kpis', { from: T0 - 60 * MIN, to: T0 + 60 * MIN });
    expect(kpisDuring.conversations).toBe(kpisBefore.conversations);
    // The backlog is every open conversation: the real ones only (their ages moved on with the clock).
    expect(kpisDuring.backlog.open).toBe(countRows(services.store, 'care_conversations', "drill_run_id IS NULL AND needs_reply = 1 AND status <> 'resolved'"));
    // The inbox marks the drill's conversations (DRILL on rows and in the pane).
    const listed = await w.call('care.inbox', { filter: { statuses: [] }, sort: 'newest', cursor: null, limit: 200 });
    expect(listed.items.some((c) => c.drillRunId === run.id)).toBe(true);

    // The influencer's post at minute 2 raised an alert, tagged as the drill's.
    const drillAlerts = services.store.db.prepare('SELECT id, opened_at FROM alerts WHERE drill_run_id = ?').all(run.id) as { id: number; opened_at: number }[];
    expect(drillAlerts.length).toBeGreaterThan(0);
    // Marked as a drill wherever an alert is shown or sent (walls, the alerts list, webhooks).
    expect(
      services.store.alerts
        .open()
        .filter((a) => drillAlerts.some((d) => d.id === a.id))
        .every((a) => a.title.startsWith('[DRILL] ')),
    ).toBe(true);
    await Promise.resolve();
    const pushed = w.events<{ alerts: { id: number; title: string }[] }>('alerts.changed').at(-1)!.alerts;
    expect(pushed.filter((a) => drillAlerts.some((d) => d.id === a.id)).map((a) => a.title.slice(0, 8))).toEqual(drillAlerts.map(() => '[DRILL] '));

    // Reports and bundles leave drill rows out.
    const report = await w.call('reports.build', { from: T0 - MIN, to: T0 + 10 * MIN });
    expect(report.report.totals.mentions).toBe(realMentions);
    const bundle = await w.call('bundles.export', { from: T0 - MIN, to: T0 + 10 * MIN });
    expect(bundle.counts.mentions).toBe(realMentions);

    // The team: acknowledges the first alert at 3:00, answers one drill conversation at 4:00.
    const first = drillAlerts.sort((a, b) => a.opened_at - b.opened_at)[0]!;
    clock.now = T0 + 3 * MIN;
    await w.call('alerts.acknowledge', { id: first.id, by: 'ana' });
    const conv = services.store.db
      .prepare('SELECT id, opened_at FROM care_conversations WHERE drill_run_id = ? ORDER BY opened_at, id LIMIT 1')
      .get(run.id) as { id: number; opened_at: number };
    clock.now = T0 + 4 * MIN;
    await w.call('care.replies.send', { conversationId: conv.id, author: 'ben', text: 'Sorry about this, we are on it.' });
    clock.now = T0 + 5 * MIN + 30_000;
    services.drills.tick();

    const stopped = (await w.call('drills.stop', { by: 'lee' })).run;
    expect(stopped).toMatchObject({ status: 'stopped', stoppedBy: 'lee', stoppedAt: T0 + 5 * MIN + 30_000 });
    const r = stopped.report!;
    const reportedFirst = r.alerts.find((a) => a.id === first.id)!;
    expect(reportedFirst).toMatchObject({ firedAfterMs: first.opened_at - T0, acknowledgedAfterMs: 3 * MIN, acknowledgedBy: 'ana' });
    expect(r.conversations.find((c) => c.id === conv.id)).toMatchObject({ firstResponseMs: T0 + 4 * MIN - conv.opened_at, respondedBy: 'ben' });
    expect(r.people.map((p) => p.actor).sort()).toEqual(['ana', 'ben']);
    expect(r.targets.find((t) => t.key === 'ackFirstAlert')).toMatchObject({ met: 3 * MIN - (first.opened_at - T0) <= 5 * MIN });
    expect(r.targets.find((t) => t.key === 'respondedShare')!.met).toBe(1 / r.conversations.length >= 0.5);
    expect(r.injected).toBeGreaterThanOrEqual(state.injected);

    // Every trace is gone and the real counts are exactly as before.
    expect(countRows(services.store, 'mentions', 'drill_run_id IS NOT NULL')).toBe(0);
    expect(snapshot(h)).toEqual(before);
    expect(() => services.store.db.prepare("INSERT INTO mentions_fts(mentions_fts) VALUES ('integrity-check')").run()).not.toThrow();
    expect(w.events<{ run: DrillRunState | null }>('drills.state').at(-1)!.run).toBeNull();
    // The run and its report stay.
    const runs = (await w.call('drills.runs', {})).runs;
    expect(runs[0]).toMatchObject({ id: run.id, status: 'stopped', report: { runId: run.id } });
  });

  it('an alert with no drill post in its evidence stays real and is kept after the stop', () => {
    h = setUp();
    const { services, clock } = h;
    services.alerts.saveRule(
      { ...newRuleOfKind('keyword'), name: 'Lawyers', params: { kind: 'keyword', query: 'lawyer', minCount: 1, windowMinutes: 10 } },
      null,
    );
    expect(services.drills.save(JSON.stringify(testScenario())).ok).toBe(true);
    services.drills.start('test-drill', 'lee');
    clock.now = T0 + 3 * MIN;
    services.drills.tick();
    h.ingest([post('real-lawyer', { publishedAt: T0 + 3 * MIN - 1_000, text: 'my lawyer will call you', authorHandle: 'real_cat' })]);
    services.drills.tick();
    const keyword = services.store.alerts.open().find((a) => a.title.includes('lawyer') || a.kind === 'keyword')!;
    expect(keyword).toBeDefined();
    expect(keyword.title.startsWith('[DRILL]')).toBe(false);
    const drillAlert = services.store.db.prepare('SELECT id FROM alerts WHERE drill_run_id IS NOT NULL').pluck().get() as number | undefined;
    expect(drillAlert).toBeDefined();
    services.drills.stop('lee');
    expect(services.store.alerts.get(keyword.id)).toMatchObject({ id: keyword.id, title: keyword.title });
    expect(services.store.alerts.get(drillAlert!)).toBeNull();
    expect(countRows(services.store, 'mentions', "external_id = 'real-lawyer'")).toBe(1);
  });

  it('ends by itself after the last wave and its grace period', async () => {
    h = setUp();
    const w = h.window();
    await w.call('drills.save', { json: JSON.stringify(testScenario({ durationMinutes: 10, graceMinutes: 1 })) });
    const { run } = await w.call('drills.start', { scenarioId: 'test-drill', by: 'lee', speed: 10 });
    // Ten times faster: 10 scenario minutes + 1 of grace = 66 real seconds.
    expect(run.endsAt).toBe(T0 + 66_000);
    h.clock.now = T0 + 30_000;
    h.services.drills.tick();
    expect(h.services.drills.state()).not.toBeNull();
    h.clock.now = T0 + 66_000;
    h.services.drills.tick();
    expect(h.services.drills.state()).toBeNull();
    const [finished] = (await w.call('drills.runs', {})).runs;
    expect(finished).toMatchObject({ status: 'finished', stoppedBy: 'drill runner', report: { injected: 61 } });
    expect(countRows(h.services.store, 'mentions', 'drill_run_id IS NOT NULL')).toBe(0);
  });

  it('a drill left running by a crash is ended cleanly when the core starts again', () => {
    h = setUp();
    const before = snapshot(h);
    const saved = h.services.drills.save(JSON.stringify(testScenario()));
    expect(saved.ok).toBe(true);
    h.services.drills.start('test-drill', 'lee');
    h.clock.now = T0 + 3 * MIN;
    h.services.drills.tick();
    expect(countRows(h.services.store, 'mentions', 'drill_run_id IS NOT NULL')).toBeGreaterThan(0);
    // A second service on the same store stands for the next start of the core.
    const next = new DrillService({
      store: h.services.store,
      pipeline: h.services.pipeline,
      alerts: h.services.alerts,
      hub: h.services.hub,
      logger: h.logger,
      now: () => h!.clock.now,
    });
    expect(next.endInterrupted()).toBe(1);
    expect(next.runs(1)[0]).toMatchObject({ status: 'interrupted' });
    expect(snapshot(h)).toEqual(before);
  });
});

describe('the scenario library', () => {
  it('built-ins are listed read-only; own scenarios are saved, duplicated and deleted', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    const { scenarios } = await w.call('drills.library', {});
    expect(
      scenarios
        .filter((s) => s.builtIn)
        .map((s) => s.scenario.id)
        .sort(),
    ).toEqual(['bot-burst', 'hashtag-hijack', 'influencer-complaint', 'outage-wave', 'safety-rumour']);
    await expect(w.call('drills.delete', { id: 'outage-wave' })).rejects.toThrow(/built-in/);
    const overwrite = await w.call('drills.save', { json: JSON.stringify({ ...testScenario(), id: 'outage-wave' }) });
    expect(overwrite).toEqual({ ok: false, errors: [{ path: 'id', message: expect.stringMatching(/built-in/) }] });
    const bad = await w.call('drills.save', { json: JSON.stringify({ ...testScenario(), durationMinutes: 0 }) });
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toContain('durationMinutes');

    const copy = await w.call('drills.duplicate', { id: 'outage-wave' });
    expect(copy.entry).toMatchObject({ builtIn: false, scenario: { id: 'outage-wave-copy', name: 'Network outage: a growing wave of complaints (copy)' } });
    const edited = await w.call('drills.save', { json: JSON.stringify({ ...copy.entry.scenario, name: 'Our outage' }) });
    expect(edited.ok).toBe(true);
    const mine = (await w.call('drills.library', {})).scenarios.filter((s) => !s.builtIn);
    expect(mine.map((s) => s.scenario.name)).toEqual(['Our outage']);
    expect((await w.call('drills.delete', { id: 'outage-wave-copy' })).deleted).toBe(true);
    expect((await w.call('drills.library', {})).scenarios.filter((s) => !s.builtIn)).toEqual([]);
  });
});
