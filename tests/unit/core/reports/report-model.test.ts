/**
 * The incident report model on a real SQLite store fed through the real ingest pipeline, with a
 * hand-checkable fixture: known mentions at known minutes, an incident and its alerts created
 * through the store's own query functions, annotations (one deleted), a care reply, and drill
 * mentions, alerts and conversations that must never show.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportTargetSchema, type ReportTarget } from '@shared/contract/areas/reports';
import { MINUTE_MS } from '@shared/logic/time';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { ApiError } from '../../../../electron/core/api/api-error';
import { CSV_COLUMNS } from '../../../../electron/core/reports/report-service';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
/** 2025-03-03 08:00 UTC: the incident's first alert fires at 08:40. */
const T0 = Date.UTC(2025, 2, 3, 8, 0, 0);
const at = (minute: number, second = 0): number => T0 + minute * MINUTE_MS + second * 1000;

let store: Store;
let services: CoreServices;
let clock = at(120);

const target = (p: Partial<ReportTarget>): ReportTarget => reportTargetSchema.parse(p);

beforeEach(() => {
  clock = at(120);
  store = openStore(tempDir());
  services = buildServices(store, createMemoryLogger(), () => clock);
  createSource(store, 'feed');
});

afterEach(() => {
  services.alertDelivery.stop();
  services.workspaces.closeAll();
  store.close();
});

const NEGATIVE = 'Total outage again, no signal all morning. Terrible service, I am furious and want a refund #KestrelDown';
const POSITIVE = 'Love the new plan, great coverage and friendly support, thank you!';

/** Ingests mentions at given minutes (relative to T0); returns the stored ids. */
function ingest(
  items: Array<{ id: string; minute: number; second?: number; text?: string; handle?: string; followers?: number }>,
  drillRunId?: number,
): number[] {
  const inputs = items.map((i) =>
    mentionInput(i.id, {
      publishedAt: at(i.minute, i.second ?? 0),
      text: i.text ?? `plain post ${i.id}`,
      authorHandle: i.handle ?? `author_${i.id}`,
      authorFollowers: i.followers ?? 100,
    }),
  );
  const result = services.pipeline.ingest('feed', inputs, null, drillRunId === undefined ? {} : { drillRunId });
  return result.stored.map((m) => m.id);
}

function sentimentOf(id: number): string {
  return (store.db.prepare('SELECT sentiment FROM mentions WHERE id = ?').get(id) as { sentiment: string }).sentiment;
}

function fixture(): { incidentId: number; firstAlert: number } {
  // Background before the incident: 2 posts at minute 10, 1 at 35.
  ingest([
    { id: 'b1', minute: 10, text: POSITIVE },
    { id: 'b2', minute: 10, second: 30 },
    { id: 'b3', minute: 35 },
  ]);
  // The wave: 3 angry posts at 41, 2 at 42 (one by a big account), 1 at 50.
  ingest([
    { id: 'w1', minute: 41, text: NEGATIVE, handle: 'angry_ann', followers: 2_000 },
    { id: 'w2', minute: 41, second: 10, text: NEGATIVE, handle: 'angry_bob', followers: 50 },
    { id: 'w3', minute: 41, second: 20, text: NEGATIVE, handle: 'angry_ann', followers: 2_000 },
    { id: 'w4', minute: 42, text: NEGATIVE, handle: 'big_news', followers: 900_000 },
    { id: 'w5', minute: 42, second: 5, text: NEGATIVE, handle: 'angry_cat', followers: 10 },
    { id: 'w6', minute: 50, text: POSITIVE, handle: 'fan_dan', followers: 300 },
  ]);
  // A crisis drill injecting into the same minutes: never in a report.
  ingest(
    [
      { id: 'd1', minute: 41, text: NEGATIVE, handle: 'drill_actor', followers: 5_000_000 },
      { id: 'd2', minute: 39, text: 'drill first post', handle: 'drill_first' },
    ],
    7,
  );

  const incidentId = store.alerts.createIncident(null, 'Kestrel outage, 3 March', 'critical', at(40));
  const firstAlert = store.alerts.insert({
    kind: 'negative-surge',
    severity: 'critical',
    dedupeKey: 'neg',
    title: 'Negative surge',
    detail: '5 negative in 2 min',
    at: at(40, 30),
    evidence: [],
    incidentId,
  });
  store.alerts.insert({
    kind: 'influencer-complaint',
    severity: 'warning',
    dedupeKey: 'inf',
    title: 'Influencer: @big_news',
    detail: '900k followers',
    at: at(42, 10),
    evidence: [],
    incidentId,
  });
  store.alerts.touchIncident(incidentId, at(42, 10), 'critical');
  store.alerts.acknowledge(firstAlert, 'Dana', at(44));
  // A drill alert in the same incident and minute: left out.
  const drillAlert = store.alerts.insert({
    kind: 'volume-spike',
    severity: 'info',
    dedupeKey: 'drill',
    title: 'Drill spike',
    detail: '',
    at: at(41),
    evidence: [],
    incidentId,
  });
  store.db.prepare('UPDATE alerts SET drill_run_id = 7 WHERE id = ?').run(drillAlert);

  store.record.addAnnotation({ at: at(45), kind: 'external', text: 'Status page updated', author: 'Dana', topicId: null, incidentId, createdAt: at(45) });
  const gone = store.record.addAnnotation({
    at: at(46),
    kind: 'note',
    text: 'typo, deleted',
    author: 'Dana',
    topicId: null,
    incidentId: null,
    createdAt: at(46),
  });
  store.db.prepare('UPDATE annotations SET deleted_at = ?, deleted_by = ? WHERE id = ?').run(at(47), 'Dana', gone.id);
  // Far outside the period but tied to the incident: still in its report.
  store.record.addAnnotation({ at: at(300), kind: 'decision', text: 'Post-mortem scheduled', author: 'Lee', topicId: null, incidentId, createdAt: at(300) });
  return { incidentId, firstAlert };
}

describe('incident report model', () => {
  it('covers the incident from 30 minutes before its opening to 15 after its last alert, per minute', () => {
    const { incidentId } = fixture();
    const report = services.reports.build(target({ incidentId }));
    expect(report.subject).toMatchObject({ kind: 'incident', incidentId, title: 'Kestrel outage, 3 March', severity: 'critical', workspace: 'live' });
    expect(report.from).toBe(at(10));
    expect(report.to).toBe(at(58));
    expect(report.bucketMinutes).toBe(1);
    expect(report.timeline).toHaveLength(48);
    expect(report.timeline[0]!.at).toBe(at(10));
    const byMinute = new Map(report.timeline.map((b) => [Math.round((b.at - T0) / MINUTE_MS), b]));
    // Drill posts at minutes 39 and 41 are not counted.
    expect(byMinute.get(10)!.total).toBe(2);
    expect(byMinute.get(35)!.total).toBe(1);
    expect(byMinute.get(39)!.total).toBe(0);
    expect(byMinute.get(41)!.total).toBe(3);
    expect(byMinute.get(42)!.total).toBe(2);
    expect(byMinute.get(50)!.total).toBe(1);
    expect(report.totals.mentions).toBe(9);
    expect(report.totals.peak).toBe(3);
    expect(report.totals.peakAt).toBe(at(41));
    // The sentiment split follows what the analysis stored for each mention.
    const negativeAt41 = ['w1', 'w2', 'w3'].filter((x) => sentimentOf(storedId(x)) === 'negative').length;
    expect(byMinute.get(41)!.negative).toBe(negativeAt41);
    expect(negativeAt41).toBe(3);
    expect(byMinute.get(41)!.net).toBe(-100);
    expect(byMinute.get(20)!.net).toBeNull();
  });

  it("starts an incident's report where the record starts when that is less than 30 minutes before it", () => {
    ingest([
      { id: 'late1', minute: 37, second: 30 },
      { id: 'late2', minute: 39, text: NEGATIVE },
    ]);
    const incidentId = store.alerts.createIncident(null, 'Fresh start', 'warning', at(40));
    const report = services.reports.build(target({ incidentId }));
    expect(report.from).toBe(at(37));
    expect(report.timeline[0]!.total).toBe(1);
  });

  it("lists the incident's alerts and its annotations, never drill alerts or deleted annotations", () => {
    const { incidentId, firstAlert } = fixture();
    const report = services.reports.build(target({ incidentId }));
    expect(report.alerts.map((a) => a.title)).toEqual(['Negative surge', 'Influencer: @big_news']);
    expect(report.alerts[0]).toMatchObject({ id: firstAlert, at: at(40, 30), acknowledgedAt: at(44), acknowledgedBy: 'Dana' });
    expect(report.annotations.map((a) => a.text)).toEqual(['Status page updated', 'Post-mortem scheduled']);
  });

  it('shows the first mentions in order and ranks authors by clout and followers', () => {
    const { incidentId } = fixture();
    const report = services.reports.build(target({ incidentId }));
    expect(report.firstMentions.map((m) => m.authorHandle)).toEqual([
      'author_b1',
      'author_b2',
      'author_b3',
      'angry_ann',
      'angry_bob',
      'angry_ann',
      'big_news',
      'angry_cat',
      'fan_dan',
    ]);
    expect(report.firstMentions.some((m) => m.authorHandle.startsWith('drill'))).toBe(false);
    expect(report.authors[0]!.handle).toBe('big_news');
    const ann = report.authors.find((a) => a.handle === 'angry_ann')!;
    expect(ann).toMatchObject({ mentions: 2, negative: 2, negativeShare: 1, followers: 2_000 });
    expect(report.authors.some((a) => a.handle === 'drill_actor')).toBe(false);
    // Clout never goes down the list.
    for (let i = 1; i < report.authors.length; i += 1) expect(report.authors[i]!.clout).toBeLessThanOrEqual(report.authors[i - 1]!.clout);
    expect(report.totals.authors).toBe(8);
  });

  it("finds the wave's words as top terms", () => {
    const { incidentId } = fixture();
    const report = services.reports.build(target({ incidentId }));
    const terms = report.terms.map((t) => t.term);
    expect(terms).toContain('outage');
    expect(terms).toContain('#kestreldown');
    const outage = report.terms.find((t) => t.term === 'outage')!;
    expect(outage.count).toBe(5);
    expect(outage.isNew).toBe(true);
  });

  it("measures the team's response over the period's conversations with care's formulas, and lists replies", async () => {
    const { incidentId } = fixture();
    const conversations = store.db.prepare('SELECT id, opened_at FROM care_conversations ORDER BY opened_at').all() as Array<{ id: number; opened_at: number }>;
    const annConversation = (store.db.prepare("SELECT id FROM care_conversations WHERE author_handle = 'angry_ann'").get() as { id: number }).id;
    // Drill conversations are tagged by the drill helper's ingest; mark ours so the exclusion is tested here.
    store.db.prepare("UPDATE care_conversations SET drill_run_id = 7 WHERE author_handle LIKE 'drill%'").run();
    clock = at(47);
    services.care.saveAgent({ name: 'Lee', role: 'lead', teamId: null, capacity: 5, active: true });
    const template = services.care.saveTemplate(null, 'Outage apology', 'Sorry, we are on it.');
    services.care.approveTemplate(template.id, 'Lee');
    await services.care.reply({ conversationId: annConversation, author: 'Dana', text: 'Sorry, we are on it.', templateId: template.id, accountId: null });
    clock = at(120);
    const report = services.reports.build(target({ incidentId }));
    // One conversation per author in the period (Ann's two posts are one), plus two drill ones left out.
    expect(conversations.filter((c) => c.opened_at >= report.from && c.opened_at < report.to)).toHaveLength(10);
    expect(report.response.conversations).toBe(8);
    expect(report.response.answered).toBe(1);
    expect(report.response.answeredShare).toBe(0.125);
    // Ann first wrote at 08:41:00 and was answered at 08:47: 6 minutes.
    expect(report.response.firstResponse).toEqual({ count: 1, median: 6, p90: 6 });
    // Target 60 min: the answer was in time; the unanswered ones waited at most 48 min by the period's end.
    expect(report.response.breaches).toMatchObject({ targetMinutes: 60, count: 0, of: 1 });
    expect(report.replies).toHaveLength(1);
    expect(report.replies[0]).toMatchObject({
      author: 'Dana',
      template: 'Outage apology',
      channel: 'manual',
      status: 'sent-by-hand',
      conversationId: annConversation,
      at: at(47),
    });
    // Ann's reply answers her latest post (41:20): 5 min 40 s → 5.7 min.
    expect(report.replies[0]!.responseMinutes).toBe(5.7);
  });

  it('reports a period with a topic, and refuses unknown incidents and topics clearly', () => {
    fixture();
    const report = services.reports.build(target({ from: at(40), to: at(45) }));
    expect(report.subject.kind).toBe('period');
    expect(report.totals.mentions).toBe(5);
    expect(report.alerts.map((a) => a.title)).toEqual(['Negative surge', 'Influencer: @big_news']);
    expect(() => services.reports.build(target({ incidentId: 999 }))).toThrowError(ApiError);
    expect(() => services.reports.build(target({ incidentId: 999 }))).toThrow(/no incident 999/);
    expect(() => services.reports.build(target({ from: at(0), to: at(60), topicId: 42 }))).toThrow(/no topic 42/);
    expect(() => services.reports.build(target({ incidentId: 1, workspace: 'nope' }))).toThrowError(ApiError);
    expect(reportTargetSchema.safeParse({ workspace: 'live' }).success).toBe(false);
    expect(reportTargetSchema.safeParse({ from: at(10), to: at(5) }).success).toBe(false);
  });

  it('uses coarser buckets for long periods', () => {
    fixture();
    const report = services.reports.build(target({ from: T0, to: T0 + 3 * 24 * 60 * MINUTE_MS }));
    expect(report.bucketMinutes).toBe(30);
    expect(report.timeline).toHaveLength(144);
    // 08:00–08:30 holds b1, b2; 08:30–09:00 holds b3 and the six wave posts (drill posts left out).
    expect(report.timeline[0]!.total).toBe(2);
    expect(report.timeline[1]!.total).toBe(7);
  });

  it('exports the mentions as CSV into the data folder, drill rows left out', () => {
    const { incidentId } = fixture();
    const file = services.reports.exportCsv(target({ incidentId }));
    expect(file.fileName).toMatch(/^earshot-report-incident-\d+-\d{8}-\d{6}-[0-9a-f]{6}\.csv$/);
    expect(file.rows).toBe(9);
    expect(file.downloadPath).toBe(`/exports/${file.fileName}`);
    const path = services.reports.exportPath(file.fileName)!;
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(file.bytes).toBe(Buffer.byteLength(text));
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 9 + 1);
    expect(lines.at(-1)).toBe('');
    expect(text).not.toContain('drill_actor');
    expect(services.reports.exportPath('../earshot.db')).toBeNull();
    expect(services.reports.exportPath('earshot-report-x.exe')).toBeNull();
  });

  it('without a page printer, a PDF export fails with a clear message that is also pushed to the asking window', async () => {
    const { incidentId } = fixture();
    const frames: string[] = [];
    services.hub.subscribe('reports.exported', { send: (frame) => frames.push(frame) });
    await expect(services.reports.exportPdf({ ...target({ incidentId }), requestId: 'pdf-1' })).rejects.toThrow(/PDF export is not available/);
    expect(frames.map((f) => JSON.parse(f) as unknown)).toEqual([
      { t: 'evt', topic: 'reports.exported', payload: { requestId: 'pdf-1', file: null, error: expect.stringMatching(/not available/) as unknown } },
    ]);
    // An unknown incident is refused before anything is printed.
    await expect(services.reports.exportPdf(target({ incidentId: 999 }))).rejects.toThrow(/no incident 999/);
  });

  function storedId(externalId: string): number {
    return (store.db.prepare('SELECT id FROM mentions WHERE external_id = ?').get(externalId) as { id: number }).id;
  }
});
