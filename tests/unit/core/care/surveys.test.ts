/**
 * Satisfaction asked rather than typed, end to end on the real core and a local server speaking
 * Mastodon's statuses API: a resolve posts the approved question once (never again on a second
 * resolve), the customer's numeric reply arriving through ingest is recorded without reopening the
 * conversation, a reply without a number records nothing, and the KPIs give the response rate
 * beside the score. Refused settings name the field.
 */
import { afterEach, expect, it } from 'vitest';
import { startMastodonStatusesServer, type MastodonStatusesServer } from '../../../support/mastodon-statuses-server';
import { useTempDirs } from '../../../support/core-helpers';
import { openHarness, post, T0, type Harness } from './care-harness';

const tempDir = useTempDirs();
const TOKEN = 'survey-token-1';
const QUESTION = 'Thanks {{name}}! How did we do? Reply with a number from 1 (poor) to 5 (great).';
let h: Harness;
let mastodon: MastodonStatusesServer | undefined;
afterEach(async () => {
  h?.close();
  await mastodon?.close();
  mastodon = undefined;
});

it('resolve asks once; a numeric reply is recorded as an asked answer; a reply without one is not; KPIs show rate and score', async () => {
  mastodon = await startMastodonStatusesServer(TOKEN);
  h = openHarness(tempDir());
  const w = h.window();
  await w.call('care.team.saveAgent', { name: 'lee', role: 'lead', teamId: null, capacity: 5 });
  await w.call('care.accounts.save', { platform: 'mastodon', name: 'Kestrel care', baseUrl: mastodon.url, identifier: '@care', secret: TOKEN });
  const { id: templateId } = await w.call('care.templates.save', { name: 'CSAT', body: QUESTION });
  await expect(w.call('care.settings.save', { survey: { kind: 'csat', templateId, windowDays: 7 } })).rejects.toThrow(/survey\.templateId: .*not approved/);
  await w.call('care.templates.approve', { id: templateId, by: 'lee' });
  await w.call('care.settings.save', { survey: { kind: 'csat', templateId, windowDays: 7 } });

  h.ingest([
    post('110000000000000001', {
      platform: 'mastodon',
      authorHandle: 'amira',
      authorName: 'Amira Haddad',
      text: '@care no signal since this morning, can you help?',
      publishedAt: T0 - 600_000,
    }),
    post('110000000000000002', {
      platform: 'mastodon',
      authorHandle: 'ben',
      authorName: 'Ben Ode',
      text: '@care my bill is wrong, please fix it',
      publishedAt: T0 - 500_000,
    }),
  ]);
  const { items } = await w.call('care.inbox', { filter: {}, sort: 'newest', cursor: null, limit: 10 });
  const amira = items.find((c) => c.authorHandle === 'amira')!;
  const ben = items.find((c) => c.authorHandle === 'ben')!;

  await w.call('care.conversation.resolve', { id: amira.id, by: 'lee' });
  await w.call('care.conversation.resolve', { id: ben.id, by: 'lee' });
  expect(mastodon.posted.map((p) => [p.inReplyToId, p.status])).toEqual([
    ['110000000000000001', 'Thanks Amira! How did we do? Reply with a number from 1 (poor) to 5 (great).'],
    ['110000000000000002', 'Thanks Ben! How did we do? Reply with a number from 1 (poor) to 5 (great).'],
  ]);
  // Reopened and resolved again: the question is not asked a second time.
  await w.call('care.conversation.setStatus', { id: amira.id, status: 'new', by: 'lee' });
  await w.call('care.conversation.resolve', { id: amira.id, by: 'lee' });
  expect(mastodon.posted).toHaveLength(2);
  const [toAmira, toBen] = mastodon.posted;

  h.clock.now = T0 + 3_600_000;
  h.ingest([
    post('110000000000000003', {
      platform: 'mastodon',
      authorHandle: 'amira',
      authorName: 'Amira Haddad',
      text: '@care 4/5',
      replyTo: toAmira!.id,
      publishedAt: T0 + 3_000_000,
    }),
    post('110000000000000004', {
      platform: 'mastodon',
      authorHandle: 'ben',
      authorName: 'Ben Ode',
      text: '@care thanks, the bill is right now',
      replyTo: toBen!.id,
      publishedAt: T0 + 3_100_000,
    }),
  ]);

  const a = await w.call('care.conversation.get', { id: amira.id });
  expect(a.conversation.status).toBe('resolved');
  expect(a.conversation.waitingSince).toBeNull();
  expect(a.mentions.map((m) => m.text)).toContain('@care 4/5');
  expect(a.events.filter((e) => e.kind === 'survey-asked')).toHaveLength(1);
  expect(a.events.find((e) => e.kind === 'survey')?.detail).toMatch(/answered the CSAT question: 4\/5/);
  // Ben wrote again without a number: nothing recorded, and as any customer writing again, it reopens.
  const b = await w.call('care.conversation.get', { id: ben.id });
  expect(b.events.some((e) => e.kind === 'survey')).toBe(false);
  expect(b.conversation.status).not.toBe('resolved');

  const kpis = await w.call('care.kpis', { from: T0 - 86_400_000, to: T0 + 86_400_000 });
  expect(kpis.surveys).toMatchObject({ asked: 2, answered: 1, responseRate: 50, csatResponses: 1, csat: 100 });

  // A later number in the thread is conversation, not a second answer.
  h.ingest([post('110000000000000005', { platform: 'mastodon', authorHandle: 'amira', text: '@care 1', replyTo: toAmira!.id, publishedAt: T0 + 3_200_000 })]);
  expect((await w.call('care.kpis', { from: T0 - 86_400_000, to: T0 + 86_400_000 })).surveys).toMatchObject({ answered: 1, csat: 100 });
});

it('off by default: a resolve sends nothing, and a typed score counts toward CSAT but not the response rate', async () => {
  mastodon = await startMastodonStatusesServer(TOKEN);
  h = openHarness(tempDir());
  const w = h.window();
  await w.call('care.accounts.save', { platform: 'mastodon', name: 'Kestrel care', baseUrl: mastodon.url, identifier: '@care', secret: TOKEN });
  expect((await w.call('care.settings.get', {})).settings.survey).toEqual({ kind: 'off', templateId: null, windowDays: 7 });
  h.ingest([post('110000000000000009', { platform: 'mastodon', authorHandle: 'amira', text: '@care no signal, can you help?', publishedAt: T0 - 60_000 })]);
  const [c] = (await w.call('care.inbox', { filter: {}, sort: 'newest', cursor: null, limit: 10 })).items;
  await w.call('care.conversation.resolve', { id: c!.id, by: 'owner' });
  await w.call('care.conversation.survey', { id: c!.id, csat: 5, nps: null, by: 'owner' });
  expect(mastodon.posted).toHaveLength(0);
  expect((await w.call('care.kpis', { from: T0 - 86_400_000, to: T0 + 86_400_000 })).surveys).toMatchObject({
    asked: 0,
    responseRate: null,
    csatResponses: 1,
    csat: 100,
  });
});

it('a question the platform refuses is not counted as asked, and the history says why', async () => {
  mastodon = await startMastodonStatusesServer(TOKEN);
  h = openHarness(tempDir());
  const w = h.window();
  await w.call('care.team.saveAgent', { name: 'lee', role: 'lead', teamId: null, capacity: 5 });
  await w.call('care.accounts.save', { platform: 'mastodon', name: 'Kestrel care', baseUrl: mastodon.url, identifier: '@care', secret: TOKEN });
  const { id: templateId } = await w.call('care.templates.save', { name: 'NPS', body: 'How likely are you to recommend us, 0–10?' });
  await w.call('care.templates.approve', { id: templateId, by: 'lee' });
  await w.call('care.settings.save', { survey: { kind: 'nps', templateId, windowDays: 3 } });
  mastodon.refuse.add('110000000000000021');
  h.ingest([post('110000000000000021', { platform: 'mastodon', authorHandle: 'amira', text: '@care no signal, can you help?', publishedAt: T0 - 60_000 })]);
  const [c] = (await w.call('care.inbox', { filter: {}, sort: 'newest', cursor: null, limit: 10 })).items;
  const { conversation } = await w.call('care.conversation.resolve', { id: c!.id, by: 'lee' });
  expect(conversation.status).toBe('resolved');
  const detail = await w.call('care.conversation.get', { id: c!.id });
  expect(detail.events.at(-1)).toMatchObject({ kind: 'survey-not-asked' });
  expect(detail.events.at(-1)!.detail).toMatch(/not delivered: .*(422|deleted)/);
  expect((await w.call('care.kpis', { from: T0 - 86_400_000, to: T0 + 86_400_000 })).surveys).toMatchObject({ asked: 0, responseRate: null });
});
