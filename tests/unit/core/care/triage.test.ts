/**
 * Triage inside the real ingest: each conversation opens with its "needs a reply" verdict and
 * reason, the default queue holds only what needs one, an agent's correction teaches the author's
 * next posts, authorless imports never become one customer, and the breach alert and the KPI tile
 * count the same waiting customers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { detectResponseTime } from '@shared/logic/alerts/detectors';
import { useTempDirs } from '../../../support/core-helpers';
import { openHarness, post, T0, type Harness } from './care-harness';

const tempDir = useTempDirs();
let h: Harness;
afterEach(() => h?.close());

describe('needs a reply, at ingest', () => {
  it('opens each conversation with its verdict and reason; the queue filters on it', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    await w.call('care.settings.save', { brandHandles: ['@KestrelMobile'], brandTerms: ['kestrel'] });
    h.ingest([
      post('q', { authorHandle: 'amira', text: '@KestrelMobile how do I change my plan?' }),
      post('praise', { authorHandle: 'ben', text: '@KestrelMobile thanks for sorting my bill so quickly! Brilliant support' }),
      post('news', { authorHandle: 'KestrelNews', authorName: 'Kestrel News', text: 'Kestrel Mobile announces 5G rollout in Leeds http://example.com/a' }),
      post('rt', { authorHandle: 'chloe', text: 'RT @speedtest_sam: Three weeks of broken promises from @KestrelMobile' }),
      post('own', { authorHandle: 'KestrelMobile', text: 'We are looking into reports of no signal in Leeds' }),
      post('complaint', { authorHandle: 'dev', text: '@KestrelMobile no signal for 6 hours, this is ridiculous' }),
    ]);
    const all = await w.call('care.inbox', { filter: {}, sort: 'newest', cursor: null, limit: 50 });
    const byHandle = new Map(all.items.map((c) => [c.authorHandle, c]));
    expect(byHandle.get('amira')).toMatchObject({ needsReply: true, triageReason: 'question' });
    expect(byHandle.get('ben')).toMatchObject({ needsReply: false, triageReason: 'praise' });
    expect(byHandle.get('KestrelNews')).toMatchObject({ needsReply: false, triageReason: 'news' });
    expect(byHandle.get('chloe')).toMatchObject({ needsReply: false, triageReason: 'repost' });
    expect(byHandle.get('KestrelMobile')).toMatchObject({ needsReply: false, triageReason: 'own-post' });
    expect(byHandle.get('dev')).toMatchObject({ needsReply: true, triageReason: 'complaint' });
    const queue = await w.call('care.inbox', { filter: { needsReply: true }, sort: 'newest', cursor: null, limit: 50 });
    expect(queue.items.map((c) => c.authorHandle).sort()).toEqual(['amira', 'dev']);
    expect(queue.total).toBe(2);
    const rest = await w.call('care.inbox', { filter: { needsReply: false }, sort: 'newest', cursor: null, limit: 50 });
    expect(rest.total).toBe(4);
  });

  it('a later question in a praise conversation makes it need a reply', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    h.ingest([post('p1', { authorHandle: 'ben', text: '@KestrelMobile love the new speeds, great job', publishedAt: T0 - 120_000 })]);
    h.ingest([post('p2', { authorHandle: 'ben', text: '@KestrelMobile also, when does the offer end?', publishedAt: T0 - 60_000 })]);
    const { items } = await w.call('care.inbox', { filter: {}, sort: 'newest', cursor: null, limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ needsReply: true, triageReason: 'question', mentionCount: 2 });
  });

  it("an agent's correction changes the conversation and teaches the author's next posts", async () => {
    h = openHarness(tempDir());
    const w = h.window();
    h.ingest([post('n1', { authorHandle: 'airportwatch', text: '@KestrelMobile delays at gate 4 again today' })]);
    const [first] = (await w.call('care.inbox', { filter: {}, sort: 'newest', cursor: null, limit: 10 })).items;
    expect(first).toMatchObject({ needsReply: true });
    const { conversation } = await w.call('care.conversation.triage', { id: first!.id, needsReply: false, teach: true, by: 'owner' });
    expect(conversation).toMatchObject({ needsReply: false, triageReason: 'agent' });
    const detail = await w.call('care.conversation.get', { id: first!.id });
    expect(detail.events.at(-1)).toMatchObject({ kind: 'triaged', actor: 'owner' });
    h.clock.now = T0 + 3 * 24 * 3_600_000 + 60_000;
    h.ingest([post('n2', { authorHandle: 'airportwatch', text: '@KestrelMobile delays at gate 9, still stuck', publishedAt: T0 + 3 * 24 * 3_600_000 })]);
    h.ingest([post('n3', { authorHandle: 'someone_else', text: '@KestrelMobile delays at gate 9, still stuck', publishedAt: T0 + 3 * 24 * 3_600_000 })]);
    const later = (await w.call('care.inbox', { filter: {}, sort: 'newest', cursor: null, limit: 10 })).items;
    expect(later.find((c) => c.authorHandle === 'airportwatch' && c.id !== first!.id)).toMatchObject({ needsReply: false, triageReason: 'learned' });
    expect(later.find((c) => c.authorHandle === 'someone_else')).toMatchObject({ needsReply: true });
  });

  it('an import without authors gives each post its own conversation, never one "@unknown" customer', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    h.ingest(['a', 'b', 'c'].map((id) => post(id, { authorHandle: 'unknown', text: `@KestrelMobile my order ${id} never arrived` })));
    const { items } = await w.call('care.inbox', { filter: {}, sort: 'newest', cursor: null, limit: 10 });
    expect(items).toHaveLength(3);
    expect(new Set(items.map((c) => c.id)).size).toBe(3);
  });
});

describe('the breach alert and the KPI tile', () => {
  it('count the same customers waiting on posts that need a reply, praise and news left out', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    await w.call('care.settings.save', { responseTargetMinutes: 60 });
    const posts = [];
    for (let i = 0; i < 620; i++)
      posts.push(post(`c${i}`, { authorHandle: `c${i}`, text: '@KestrelMobile my line is down, can you help?', publishedAt: T0 - (90 + i) * 60_000 }));
    posts.push(post('thanks', { authorHandle: 'fan', text: 'Thanks! Grateful you fly to BTV', publishedAt: T0 - 500 * 60_000 }));
    posts.push(post('news1', { authorHandle: 'JetBlueNews', text: 'JetBlue adds Nantucket service http://example.com/n', publishedAt: T0 - 900 * 60_000 }));
    posts.push(post('fresh', { authorHandle: 'fresh', text: '@KestrelMobile is there coverage in York?', publishedAt: T0 - 10 * 60_000 }));
    h.ingest(posts);
    const kpis = await w.call('care.kpis', { from: T0 - 24 * 3_600_000, to: T0 });
    const alert = detectResponseTime({ kind: 'response-time', targetMinutes: 60 } as never, 'warning', h.services.care.waiting(T0), null, T0);
    expect(kpis.waitingNow).toEqual({ waiting: 621, overTarget: 620, longestMinutes: 709, targetMinutes: 60 });
    expect(alert).toHaveLength(1);
    expect(alert[0]!.detail).toContain('620 customers have waited more than 60 min');
    expect(alert[0]!.detail).toContain('@c619, for 709 min');
    expect(alert[0]!.detail).not.toContain('fan');
    // The period KPIs count only conversations that needed a reply.
    expect(kpis.conversations).toBe(621);
    expect(kpis.breaches.count).toBe(620);
  });
});
