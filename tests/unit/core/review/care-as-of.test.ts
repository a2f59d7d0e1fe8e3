/**
 * The inbox in replay on real SQLite files: conversations created by real ingest and worked through
 * the real care calls at known times, then read back "as of" moments before, between and after
 * those actions (status, assignee, waiting, tags, thread), drill conversations left out, the live
 * inbox reproduced at the present moment, the care KPIs per agent as of the moment, and the same
 * answers from a read-only workspace copy and from an incident bundle.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { drillQueries } from '../../../../electron/core/store/queries/drills';
import type { ConversationSummary } from '@shared/domain/care';
import { useTempDirs } from '../../../support/core-helpers';
import { openHarness, post, T0, type Harness, type TestWindow } from '../care/care-harness';

const tempDir = useTempDirs();
const MIN = 60_000;
const ALL = ['new', 'assigned', 'waiting-on-customer', 'escalated', 'resolved'] as const;
const harnesses: Harness[] = [];

afterEach(() => {
  for (const h of harnesses.splice(0)) {
    h.services.workspaces.closeAll();
    h.close();
  }
});

function harness(dir = tempDir()): Harness {
  const h = openHarness(dir);
  harnesses.push(h);
  return h;
}

interface Story {
  maria: number;
  sam: number;
  drill: number;
}

/**
 * T0: Maria and Sam write. +10 ana claims Maria's; +15 ana gives Sam's to lee; +16 lee escalates
 * it to dana; +17 dana hands it back; +20 ana tags, notes and replies to Maria; +30 ana resolves
 * it; +40 a drill post arrives; +50 Maria answers ana's thread (the conversation reopens).
 */
async function tellStory(h: Harness, w: TestWindow): Promise<Story> {
  const at = (minutes: number) => {
    h.clock.now = T0 + minutes * MIN;
  };
  at(0);
  h.ingest([
    post('a1', { authorHandle: 'maria', text: 'my refund never arrived' }),
    post('b1', { authorHandle: 'sam', text: 'app crashes on login', publishedAt: T0 - 30_000 }),
  ]);
  const inbox = await w.call('care.inbox', { filter: { statuses: [...ALL] } });
  const maria = inbox.items.find((c) => c.authorHandle === 'maria')!.id;
  const sam = inbox.items.find((c) => c.authorHandle === 'sam')!.id;

  at(10);
  await w.call('care.conversation.claim', { id: maria, agent: 'ana' });
  at(15);
  await w.call('care.conversation.assign', { id: sam, to: 'lee', by: 'ana' });
  at(16);
  await w.call('care.conversation.escalate', { id: sam, to: 'dana', reason: 'needs an engineer', by: 'lee' });
  at(17);
  await w.call('care.conversation.deEscalate', { id: sam, note: 'known bug, fix tonight', by: 'dana' });
  at(20);
  await w.call('care.conversation.tag', { id: maria, tag: 'Refund', by: 'ana' });
  await w.call('care.conversation.note', { id: maria, text: 'checked the ledger', by: 'ana' });
  await w.call('care.replies.send', { conversationId: maria, author: 'ana', text: 'Sorry Maria, on its way' });
  at(30);
  await w.call('care.conversation.resolve', { id: maria, by: 'ana' });

  at(40);
  const drills = drillQueries(storeOf(h));
  const run = drills.insertRun('test-drill', '{}', 1, h.clock.now, 'ana', 1);
  const injected = h.services.pipeline.ingest(
    'src',
    [post('d1', { authorHandle: 'drill_person', text: 'DRILL outage', publishedAt: h.clock.now - 1_000 })],
    null,
    { drillRunId: run },
  );
  drills.tagConversationsOf(
    run,
    injected.stored.map((m) => m.id),
  );
  const drill = (await w.call('care.inbox', { filter: { statuses: [...ALL] } })).items.find((c) => c.authorHandle === 'drill_person')!.id;

  at(50);
  h.ingest([post('a2', { authorHandle: 'maria', text: 'still nothing!', replyTo: 'a1', publishedAt: h.clock.now - 2_000 })]);
  return { maria, sam, drill };
}

function storeOf(h: Harness) {
  return h.services.workspaces.storeFor('live').db;
}

async function queue(w: TestWindow, at: number, workspace = 'live', statuses: ConversationSummary['status'][] = [...ALL]) {
  return w.call('review.careQueue', { workspace, at, filter: { statuses } });
}

function byId(items: ConversationSummary[], id: number): ConversationSummary | undefined {
  return items.find((c) => c.id === id);
}

describe('review.careQueue and review.careConversation', () => {
  it('show each conversation as it stood at T1 < T2 < T3', async () => {
    const h = harness();
    const w = h.window();
    const { maria, sam, drill } = await tellStory(h, w);

    // Before anything was heard: an empty inbox.
    expect((await queue(w, T0 - 1)).items).toEqual([]);

    // +5: both new, unassigned, waiting since their first post.
    const t5 = await queue(w, T0 + 5 * MIN);
    expect(t5.total).toBe(2);
    expect(t5.serverTime).toBe(T0 + 5 * MIN);
    expect(byId(t5.items, maria)).toMatchObject({ status: 'new', assignee: null, waitingSince: T0 - MIN, firstResponseAt: null, mentionCount: 1, tags: [] });
    expect(byId(t5.items, sam)).toMatchObject({ status: 'new', assignee: null, waitingSince: T0 - 30_000 });

    // +12: ana holds Maria's.
    expect(byId((await queue(w, T0 + 12 * MIN)).items, maria)).toMatchObject({ status: 'assigned', assignee: 'ana' });
    // Sam's through assignment, escalation and hand-back.
    expect(byId((await queue(w, T0 + 15 * MIN + 30_000)).items, sam)).toMatchObject({ status: 'assigned', assignee: 'lee' });
    expect(byId((await queue(w, T0 + 16 * MIN + 30_000)).items, sam)).toMatchObject({ status: 'escalated', assignee: 'dana' });
    expect(byId((await queue(w, T0 + 17 * MIN + 30_000)).items, sam)).toMatchObject({ status: 'assigned', assignee: 'lee' });

    // +25: answered, so waiting on the customer; tagged.
    expect(byId((await queue(w, T0 + 25 * MIN)).items, maria)).toMatchObject({
      status: 'waiting-on-customer',
      assignee: 'ana',
      waitingSince: null,
      firstResponseAt: T0 + 20 * MIN,
      tags: ['refund'],
      resolvedAt: null,
    });

    // +35: resolved: gone from the default queue (every status but resolved), there when asked for.
    const t35open = await w.call('review.careQueue', { at: T0 + 35 * MIN });
    expect(t35open.items.map((c) => c.id)).toEqual([sam]);
    expect((await queue(w, T0 + 35 * MIN, 'live', ['resolved'])).items).toMatchObject([
      { id: maria, status: 'resolved', resolvedAt: T0 + 30 * MIN, resolution: 'public' },
    ]);
    // Filter by assignee, as the live inbox.
    expect((await w.call('review.careQueue', { at: T0 + 35 * MIN, filter: { assignee: 'lee' } })).items.map((c) => c.id)).toEqual([sam]);

    // The drill's conversation never shows, not even at the end.
    expect(byId((await queue(w, T0 + 45 * MIN)).items, drill)).toBeUndefined();
    await expect(w.call('review.careConversation', { at: T0 + 45 * MIN, id: drill })).rejects.toThrow(/no conversation/);

    // +55: Maria wrote again and reopened it.
    expect(byId((await queue(w, T0 + 55 * MIN)).items, maria)).toMatchObject({
      status: 'new',
      assignee: 'ana',
      mentionCount: 2,
      preview: 'still nothing!',
      resolvedAt: null,
    });

    // The thread grows with the moment.
    const before = await w.call('review.careConversation', { at: T0 + 15 * MIN, id: maria });
    expect(before.conversation).toMatchObject({ status: 'assigned', assignee: 'ana' });
    expect(before.mentions.map((m) => m.externalId)).toEqual(['a1']);
    expect(before.replies).toEqual([]);
    expect(before.events.map((e) => e.kind)).toEqual(['opened', 'claimed']);
    const after = await w.call('review.careConversation', { at: T0 + 25 * MIN, id: maria });
    expect(after.replies).toMatchObject([{ text: 'Sorry Maria, on its way', status: 'sent-by-hand', sentAt: T0 + 20 * MIN }]);
    expect(after.events.map((e) => e.kind)).toEqual(['opened', 'claimed', 'tagged', 'note', 'reply-written', 'reply-sent-by-hand']);
    const end = await w.call('review.careConversation', { at: T0 + 55 * MIN, id: maria });
    expect(end.mentions.map((m) => m.externalId)).toEqual(['a1', 'a2']);

    // Unknown, or not yet heard of at that moment.
    await expect(w.call('review.careConversation', { at: T0 + 55 * MIN, id: 9999 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(w.call('review.careConversation', { at: T0 - 1, id: maria })).rejects.toMatchObject({ code: 'not-found' });

    // The care KPIs per agent count who held each conversation then, not who holds it now.
    const agentsAt = async (minutes: number) =>
      (await w.call('review.careKpis', { at: T0 + minutes * MIN, hours: 24 })).perAgent.map((g) => `${g.key}:${g.conversations}`);
    expect(await agentsAt(5)).toEqual([]);
    expect(await agentsAt(12)).toEqual(['ana:1']);
    expect(await agentsAt(16.5)).toEqual(['ana:1', 'dana:1']);
    expect(await agentsAt(18)).toEqual(['ana:1', 'lee:1']);

    // At the present moment the replay is the live inbox.
    const live = (await w.call('care.inbox', { filter: { statuses: [...ALL] } })).items.filter((c) => c.id !== drill);
    const replayed = (await queue(w, h.clock.now)).items;
    expect(replayed).toEqual(live);
    expect((await w.call('review.careConversation', { at: h.clock.now, id: maria })).conversation).toEqual(
      (await w.call('care.conversation.get', { id: maria })).conversation,
    );
  });

  it('reads a read-only workspace copy of another data folder and an incident bundle', async () => {
    const theirsDir = tempDir();
    const theirs = harness(theirsDir);
    const tw = theirs.window();
    const { maria, drill } = await tellStory(theirs, tw);
    const exported = await tw.call('bundles.export', { from: T0 - 10 * MIN, to: T0 + 60 * MIN });
    harnesses.splice(harnesses.indexOf(theirs), 1);
    theirs.close();

    const h = harness();
    const w = h.window();
    const { workspace } = await w.call('review.workspaces.openFolder', { path: theirsDir });
    expect(workspace.readOnly).toBe(true);
    const t25 = await queue(w, T0 + 25 * MIN, workspace.id);
    expect(byId(t25.items, maria)).toMatchObject({ status: 'waiting-on-customer', assignee: 'ana', tags: ['refund'] });
    const detail = await w.call('review.careConversation', { workspace: workspace.id, at: T0 + 25 * MIN, id: maria });
    expect(detail.replies.map((r) => r.status)).toEqual(['sent-by-hand']);
    // The live workspace has no conversations of its own.
    expect((await queue(w, T0 + 25 * MIN)).items).toEqual([]);

    // An incident bundle of the period opens as a workspace that replays the same inbox.
    const bundle = await w.call('bundles.import', { path: exported.path });
    const fromBundle = await queue(w, T0 + 25 * MIN, bundle.workspace.id);
    expect(byId(fromBundle.items, maria)).toMatchObject({ status: 'waiting-on-customer', assignee: 'ana', tags: ['refund'] });
    expect(fromBundle.items.map((c) => c.id)).toEqual(t25.items.map((c) => c.id));
    expect(byId((await queue(w, T0 + 45 * MIN, bundle.workspace.id)).items, drill)).toBeUndefined();
  });
});
