/**
 * Team and routing (pure rules, then at ingest), claims between two windows, presence, escalation
 * with its trail back, and the full life of a conversation as the KPIs see it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent, RoutingRule } from '@shared/domain/care';
import { route, ruleMatches, type RoutableConversation } from '@shared/logic/care/routing';
import { useTempDirs } from '../../../support/core-helpers';
import { openHarness, post, T0, type Harness } from './care-harness';

const tempDir = useTempDirs();
let h: Harness;
afterEach(() => h?.close());

const conversation: RoutableConversation = { topicIds: [3], intents: ['complaint'], lang: 'en-GB', segment: null, clout: 20, sentiment: 'negative' };
const agent = (name: string, patch: Partial<Agent> = {}): Agent => ({ name, role: 'agent', teamId: 1, capacity: 5, active: true, load: 0, ...patch });
const rule = (patch: Partial<RoutingRule>): RoutingRule => ({
  id: 1,
  name: 'r',
  position: 0,
  enabled: true,
  match: {},
  strategy: 'round-robin',
  teamId: 1,
  ...patch,
});

describe('routing rules (pure)', () => {
  it('every condition given must match', () => {
    expect(ruleMatches({}, conversation)).toBe(true);
    expect(ruleMatches({ topicIds: [3, 4] }, conversation)).toBe(true);
    expect(ruleMatches({ topicIds: [4] }, conversation)).toBe(false);
    expect(ruleMatches({ intents: ['question'] }, conversation)).toBe(false);
    expect(ruleMatches({ languages: ['en'] }, conversation)).toBe(true);
    expect(ruleMatches({ languages: ['de'] }, conversation)).toBe(false);
    expect(ruleMatches({ segments: ['vip'] }, conversation)).toBe(false);
    expect(ruleMatches({ segments: ['vip'] }, { ...conversation, segment: 'vip' })).toBe(true);
    expect(ruleMatches({ minClout: 50 }, conversation)).toBe(false);
    expect(ruleMatches({ minClout: 20, sentiments: ['negative'] }, conversation)).toBe(true);
    expect(ruleMatches({ topicIds: [3], sentiments: ['positive'] }, conversation)).toBe(false);
  });

  it('the first enabled rule by position wins', () => {
    const rules = [
      rule({ id: 1, position: 5, teamId: 1 }),
      rule({ id: 2, position: 1, teamId: 2, match: { minClout: 90 } }),
      rule({ id: 3, position: 2, teamId: 2, enabled: false }),
    ];
    const agents = [agent('ana'), agent('zed', { teamId: 2 })];
    expect(route(conversation, rules, agents, () => null)).toMatchObject({ ruleId: 1, agent: 'ana' });
    expect(route({ ...conversation, clout: 95 }, rules, agents, () => null)).toMatchObject({ ruleId: 2, agent: 'zed' });
    expect(route(conversation, [rule({ match: { topicIds: [99] } })], agents, () => null)).toBeNull();
  });

  it('round-robin takes the next agent by name after the last one picked, skipping the full and the away', () => {
    const agents = [agent('ana'), agent('bo', { load: 5 }), agent('cy'), agent('di', { active: false })];
    const r = [rule({ strategy: 'round-robin' })];
    expect(route(conversation, r, agents, () => null)?.agent).toBe('ana');
    expect(route(conversation, r, agents, () => 'ana')?.agent).toBe('cy');
    expect(route(conversation, r, agents, () => 'cy')?.agent).toBe('ana');
  });

  it('least-load picks the emptiest queue; lead goes to a lead; nobody free leaves it unassigned', () => {
    const agents = [agent('ana', { load: 3 }), agent('bo', { load: 1 }), agent('lee', { role: 'lead', load: 4 }), agent('pat', { role: 'pr-legal' })];
    expect(route(conversation, [rule({ strategy: 'least-load' })], agents, () => null)?.agent).toBe('bo');
    expect(route(conversation, [rule({ strategy: 'lead' })], agents, () => null)?.agent).toBe('lee');
    const full = route(conversation, [rule({ strategy: 'least-load' })], [agent('ana', { capacity: 1, load: 1 })], () => null);
    expect(full).toMatchObject({ agent: null, teamId: 1 });
    expect(full?.reason).toMatch(/capacity/);
  });
});

describe('routing at ingest', () => {
  it('round-robins a team’s agents, sends influencers to the lead, and records why', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    const { id: front } = await w.call('care.team.saveTeam', { name: 'Front line' });
    for (const name of ['ana', 'bo']) await w.call('care.team.saveAgent', { name, role: 'agent', teamId: front, capacity: 10 });
    await w.call('care.team.saveAgent', { name: 'lee', role: 'lead', teamId: front, capacity: 10 });
    // Clout is the understanding area's score of the author: probe it, then set the bar between.
    h.ingest([
      post('probe-star', { authorHandle: 'probe_star', authorFollowers: 5_000_000, authorVerified: true }),
      post('probe', { authorHandle: 'probe_plain' }),
    ]);
    const probes = (await w.call('care.inbox', { filter: {}, sort: 'newest', limit: 10 })).items;
    const starClout = probes.find((c) => c.authorHandle === 'probe_star')!.clout;
    const plainClout = probes.find((c) => c.authorHandle === 'probe_plain')!.clout;
    expect(starClout).toBeGreaterThan(plainClout);
    await w.call('care.routing.save', {
      name: 'Influencers to the lead',
      position: 0,
      match: { minClout: (starClout + plainClout) / 2 },
      strategy: 'lead',
      teamId: front,
    });
    await w.call('care.routing.save', { name: 'Everyone else', position: 1, match: {}, strategy: 'round-robin', teamId: front });

    h.ingest([post('m1', { authorHandle: 'a' }), post('m2', { authorHandle: 'b' }), post('m3', { authorHandle: 'c' })]);
    h.ingest([post('star', { authorHandle: 'celebrity', authorFollowers: 5_000_000, authorVerified: true })]);
    const items = (await w.call('care.inbox', { filter: {}, sort: 'newest', limit: 10 })).items;
    const byAuthor = new Map(items.map((c) => [c.authorHandle, c]));
    expect(['a', 'b', 'c'].map((a) => byAuthor.get(a)!.assignee)).toEqual(['ana', 'bo', 'ana']);
    expect(byAuthor.get('celebrity')!.assignee).toBe('lee');
    expect(byAuthor.get('probe_star')!.assignee).toBeNull();
    const detail = await w.call('care.conversation.get', { id: byAuthor.get('b')!.id });
    expect(detail.events.find((e) => e.kind === 'routed')?.detail).toMatch(/to bo \(rule "Everyone else": round-robin\)/);
    const team = await w.call('care.team.get', {});
    expect(team.agents.find((a) => a.name === 'ana')?.load).toBe(2);
  });

  it('routes by the segment of the understanding area’s author profile', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    h.ingest([post('seg1', { authorHandle: 'regular' })]);
    const profile = h.services.store.authors.byHandle('x', 'regular');
    expect(profile).not.toBeNull();
    const conv = (await w.call('care.inbox', { filter: {} })).items[0]!;
    expect(conv.segment).toBe(profile!.segment);
    expect((await w.call('care.inbox', { filter: { segment: profile!.segment } })).total).toBe(1);

    const { id: team } = await w.call('care.team.saveTeam', { name: 'Segment team' });
    await w.call('care.team.saveAgent', { name: 'sid', role: 'agent', teamId: team, capacity: 5 });
    await w.call('care.routing.save', { name: 'By segment', position: 0, match: { segments: [profile!.segment] }, strategy: 'least-load', teamId: team });
    h.ingest([post('seg3', { authorHandle: 'newcomer' })]);
    const items = (await w.call('care.inbox', { filter: {}, sort: 'newest' })).items;
    const newcomer = items.find((c) => c.authorHandle === 'newcomer')!;
    const segmentNow = h.services.store.authors.byHandle('x', 'newcomer')!.segment;
    expect(newcomer.segment).toBe(segmentNow);
    expect(newcomer.assignee).toBe(segmentNow === profile!.segment ? 'sid' : null);
  });

  it('refuses rules and agents for a team that does not exist', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    await expect(w.call('care.routing.save', { name: 'x', position: 0, match: {}, strategy: 'least-load', teamId: 42 })).rejects.toThrow(
      /team 42 does not exist/,
    );
    await expect(w.call('care.team.saveAgent', { name: 'x', role: 'agent', teamId: 42, capacity: 1 })).rejects.toThrow(/team 42 does not exist/);
    await expect(w.call('care.routing.save', { name: 'x', position: 0, match: { minClout: 500 }, strategy: 'least-load', teamId: 1 } as never)).rejects.toThrow(
      /match.minClout/,
    );
  });
});

describe('settings and bad input', () => {
  it('validates settings and call parameters at the boundary, naming what is wrong', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    expect((await w.call('care.settings.get', {})).settings).toMatchObject({ responseTargetMinutes: 60, groupingWindowMinutes: 1440, leaderboard: false });
    const saved = await w.call('care.settings.save', {
      responseTargetMinutes: 30,
      businessHours: { days: [1, 2, 3], startHour: 8, endHour: 18, utcOffsetMinutes: 60 },
    });
    expect(saved.settings).toMatchObject({ responseTargetMinutes: 30, businessHours: { startHour: 8, utcOffsetMinutes: 60 } });
    await expect(w.call('care.settings.save', { businessHours: { days: [1], startHour: 18, endHour: 8, utcOffsetMinutes: 0 } })).rejects.toThrow(
      /end must be after the start/,
    );
    await expect(w.call('care.settings.save', { responseTargetMinutes: 0 })).rejects.toThrow(/responseTargetMinutes/);
    h.ingest([post('b1')]);
    const id = (await w.call('care.inbox', { filter: {} })).items[0]!.id;
    await expect(w.call('care.conversation.survey', { id, by: 'ana' })).rejects.toThrow(/CSAT or an NPS/);
    await expect(w.call('care.conversation.survey', { id, csat: 6, by: 'ana' })).rejects.toThrow(/csat/);
    await expect(w.call('care.conversation.claim', { id: 999, agent: 'ana' })).rejects.toThrow(/conversation 999 does not exist/);
    await expect(w.call('care.kpis', { from: 10, to: 5 })).rejects.toThrow(/"to" must be after "from"/);
    await expect(w.call('care.accounts.save', { platform: 'mastodon', name: 'x', baseUrl: 'javascript:alert(1)', identifier: 'x' })).rejects.toThrow(
      /http\(s\) URL/,
    );
    // The KPIs use the saved target.
    expect((await w.call('care.kpis', { from: T0 - 3_600_000, to: T0 + 60_000 })).breaches.targetMinutes).toBe(30);
  });
});

describe('two agents, one conversation', () => {
  it('claiming is atomic: the second agent is told who has it', async () => {
    h = openHarness(tempDir());
    h.ingest([post('c1')]);
    const ana = h.window();
    const bo = h.window();
    const [{ items }] = [await ana.call('care.inbox', { filter: {} })];
    const id = items[0]!.id;
    const [first, second] = await Promise.all([
      ana.call('care.conversation.claim', { id, agent: 'ana' }),
      bo.call('care.conversation.claim', { id, agent: 'bo' }),
    ]);
    expect(first).toMatchObject({ claimed: true, holder: 'ana' });
    expect(second).toMatchObject({ claimed: false, holder: 'ana' });
    // Claiming again by the holder is fine; releasing by someone else is refused.
    expect(await ana.call('care.conversation.claim', { id, agent: 'ana' })).toMatchObject({ claimed: true });
    await expect(bo.call('care.conversation.release', { id, agent: 'bo' })).rejects.toThrow(/ana holds conversation/);
    await ana.call('care.conversation.release', { id, agent: 'ana' });
    expect(await bo.call('care.conversation.claim', { id, agent: 'bo' })).toMatchObject({ claimed: true, holder: 'bo' });
    const kinds = (await ana.call('care.conversation.get', { id })).events.map((e) => `${e.actor}:${e.kind}`);
    expect(kinds).toEqual(['system:opened', 'ana:claimed', 'ana:released', 'bo:claimed']);
  });

  it('the claim holds across two connections to the same database file', () => {
    h = openHarness(tempDir());
    h.ingest([post('c1')]);
    const id = h.services.care.inbox({ filter: { statuses: [] }, sort: 'urgency', cursor: null, limit: 1 }).items[0]!.id;
    // A second connection, as a second process would have.
    const second = new (h.services.store.db.constructor as new (file: string) => import('better-sqlite3').Database)(h.services.store.db.name);
    try {
      second.pragma('busy_timeout = 2000');
      const claimSql = "UPDATE care_conversations SET assignee = ? WHERE id = ? AND status <> 'resolved' AND (assignee IS NULL OR assignee = ?)";
      expect(second.prepare(claimSql).run('bo', id, 'bo').changes).toBe(1);
      expect(h.services.care.claim(id, 'ana')).toMatchObject({ claimed: false, holder: 'bo' });
    } finally {
      second.close();
    }
  });

  it('presence is pushed to other windows and expires when a window goes quiet', async () => {
    h = openHarness(tempDir());
    h.ingest([post('c1')]);
    const ana = h.window();
    const bo = h.window();
    bo.subscribe('care.presence');
    const id = (await ana.call('care.inbox', { filter: {} })).items[0]!.id;
    await ana.call('care.presence.set', { id, agent: 'ana', activity: 'viewing' });
    await ana.call('care.presence.set', { id, agent: 'ana', activity: 'replying' });
    const pushed = bo.events<{ entries: { agent: string; activity: string; conversationId: number }[] }>('care.presence');
    expect(pushed.at(-1)!.entries).toEqual([expect.objectContaining({ conversationId: id, agent: 'ana', activity: 'replying' })]);
    h.clock.now += 31_000;
    h.services.care.expirePresence();
    expect(bo.events<{ entries: unknown[] }>('care.presence').at(-1)!.entries).toEqual([]);
    expect((await bo.call('care.presence.list', {})).entries).toEqual([]);
  });
});

describe('a conversation’s life', () => {
  it('assign, tag, note, escalate and hand back, move to private, resolve; KPIs follow', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    const { id: team } = await w.call('care.team.saveTeam', { name: 'Care' });
    await w.call('care.team.saveAgent', { name: 'ana', role: 'agent', teamId: team, capacity: 5 });
    await w.call('care.team.saveAgent', { name: 'pat', role: 'pr-legal', teamId: team, capacity: 5 });
    h.ingest([post('q1', { authorHandle: 'kim', text: 'I want a refund now', publishedAt: T0 - 10 * 60_000 })]);
    const id = (await w.call('care.inbox', { filter: {} })).items[0]!.id;
    const before = await w.call('care.kpis', { from: T0 - 3_600_000, to: T0 + 3_600_000 });
    expect(before.backlog.open).toBe(1);
    expect(before.firstResponse.all.count).toBe(0);

    await w.call('care.conversation.assign', { id, to: 'ana', by: 'lee' });
    await expect(w.call('care.conversation.assign', { id, to: 'nobody', by: 'lee' })).rejects.toThrow(/not on the team/);
    await w.call('care.conversation.tag', { id, tag: 'Refund', by: 'ana' });
    await w.call('care.conversation.note', { id, text: 'asked twice already', by: 'ana' });
    const escalated = await w.call('care.conversation.escalate', { id, to: 'pr-legal', reason: 'threatens to sue', by: 'ana' });
    expect(escalated.conversation).toMatchObject({ status: 'escalated', assignee: 'pat' });
    const back = await w.call('care.conversation.deEscalate', { id, note: 'fine to refund', by: 'pat' });
    expect(back.conversation).toMatchObject({ status: 'assigned', assignee: 'ana' });

    h.clock.now = T0 + 5 * 60_000;
    await w.call('care.conversation.movePrivate', { id, channel: 'dm', by: 'ana', note: 'sent a DM for the order number' });
    h.clock.now = T0 + 20 * 60_000;
    const resolved = await w.call('care.conversation.resolve', { id, by: 'ana' });
    expect(resolved.conversation).toMatchObject({ status: 'resolved', resolution: 'private', privateChannel: 'dm', tags: ['refund'] });
    await w.call('care.conversation.survey', { id, csat: 5, by: 'ana' });

    const detail = await w.call('care.conversation.get', { id });
    expect(detail.events.map((e) => e.kind)).toEqual([
      'opened',
      'assigned',
      'tagged',
      'note',
      'escalated',
      'de-escalated',
      'moved-private',
      'resolved',
      'survey',
    ]);
    expect(detail.events.find((e) => e.kind === 'escalated')).toMatchObject({ actor: 'ana', detail: expect.stringContaining('threatens to sue') });
    expect(detail.events.find((e) => e.kind === 'de-escalated')?.detail).toBe('pat handed it back to ana: fine to refund');

    const after = await w.call('care.kpis', { from: T0 - 3_600_000, to: T0 + 3_600_000 });
    expect(after.backlog.open).toBe(0);
    expect(after.firstResponse.all).toEqual({ count: 1, median: 15, p90: 15 });
    expect(after.resolution.all.median).toBe(30);
    expect(after.resolutionRatio).toMatchObject({ resolved: 1, private: 1, publicShare: 0 });
    expect(after.surveys.csat).toBe(100);
    expect(after.perAgent).toEqual([expect.objectContaining({ key: 'ana', resolved: 1 })]);
    expect(after.perTeam).toEqual([expect.objectContaining({ key: 'Care', conversations: 1 })]);
    await expect(w.call('care.conversation.resolve', { id, by: 'ana' })).rejects.toThrow(/already resolved/);
  });

  it('waiting customers are handed to alerting, longest first, until answered', async () => {
    h = openHarness(tempDir());
    // Only posts that need a reply make a customer wait: a question does, a plain remark does not.
    const ask = '@brand my order never came, can you help?';
    h.ingest([
      post('w1', { authorHandle: 'old', publishedAt: T0 - 90 * 60_000, text: ask }),
      post('w2', { authorHandle: 'new', publishedAt: T0 - 5 * 60_000, text: ask }),
      post('w3', { authorHandle: 'remark', publishedAt: T0 - 60 * 60_000, text: 'saw the new shop sign today' }),
    ]);
    const waiting = h.services.care.waiting(T0);
    expect(waiting.map((w) => w.authorHandle)).toEqual(['old', 'new']);
    expect(waiting[0]).toMatchObject({ waitingSince: T0 - 90 * 60_000, topicIds: [] });
    await h.window().call('care.replies.send', { conversationId: waiting[0]!.conversationId, author: 'ana', text: 'Sorry! Looking into it.' });
    expect(h.services.care.waiting(T0).map((w) => w.authorHandle)).toEqual(['new']);
  });
});
