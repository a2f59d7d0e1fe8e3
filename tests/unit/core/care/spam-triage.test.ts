/**
 * The spam check's flags decide triage at ingest: a link farm's posts open conversations that need
 * no reply (reason "spam"), while an ordinary customer's question in the same batch still needs one;
 * a person's later word on a post moves its conversation's triage, but never overrules an agent's.
 */
import { afterEach, expect, it } from 'vitest';
import { useTempDirs } from '../../../support/core-helpers';
import { openHarness, post, T0, type Harness } from './care-harness';

const tempDir = useTempDirs();
let h: Harness;
afterEach(() => h?.close());

it('a post flagged as spam needs no reply, with the reason; an unflagged question in the batch still does', async () => {
  h = openHarness(tempDir());
  const w = h.window();
  await w.call('care.settings.save', { brandHandles: ['KestrelMobile'], brandTerms: ['kestrel'] });
  const farm = ['great deal', 'look at this', 'wow cheap phones', 'must read', 'best offer'].map((t, i) =>
    post(`farm${i}`, {
      authorHandle: `acct${i}`,
      authorFollowers: 40,
      text: `@KestrelMobile can you beat this? ${t} https://www.cheap-phones.example/deal/?ref=${i}`,
      publishedAt: T0 - 600_000 + i * 60_000,
    }),
  );
  h.ingest([
    ...farm,
    post('real', { authorHandle: 'amira', authorFollowers: 40, text: '@KestrelMobile can you help? no signal since this morning', publishedAt: T0 - 30_000 }),
  ]);
  const { items } = await w.call('care.inbox', { filter: {}, sort: 'newest', cursor: null, limit: 50 });
  const byHandle = new Map(items.map((c) => [c.authorHandle, c]));
  for (let i = 0; i < 5; i++) expect(byHandle.get(`acct${i}`)).toMatchObject({ needsReply: false, triageReason: 'spam' });
  expect(byHandle.get('amira')).toMatchObject({ needsReply: true, triageReason: 'question' });

  // A person's word after ingest: triage follows it both ways.
  const farmPost = (await w.call('care.conversation.get', { id: byHandle.get('acct0')!.id })).mentions[0]!;
  await w.call('mentions.flags.override', { id: farmPost.id, spam: false, by: 'owner' });
  const cleared = await w.call('care.conversation.get', { id: byHandle.get('acct0')!.id });
  expect(cleared.conversation).toMatchObject({ needsReply: true, triageReason: 'question' });
  expect(cleared.events.at(-1)?.detail).toMatch(/not spam: needs a reply \(question\)/);
  const realPost = (await w.call('care.conversation.get', { id: byHandle.get('amira')!.id })).mentions[0]!;
  await w.call('mentions.flags.override', { id: realPost.id, spam: true, by: 'owner' });
  expect((await w.call('care.conversation.get', { id: byHandle.get('amira')!.id })).conversation).toMatchObject({ needsReply: false, triageReason: 'spam' });
  // An agent's own decision on a conversation is not overruled by a later spam judgement.
  await w.call('care.conversation.triage', { id: byHandle.get('acct1')!.id, needsReply: true, teach: false, by: 'owner' });
  const agentPost = (await w.call('care.conversation.get', { id: byHandle.get('acct1')!.id })).mentions[0]!;
  await w.call('mentions.flags.override', { id: agentPost.id, spam: true, by: 'owner' });
  expect((await w.call('care.conversation.get', { id: byHandle.get('acct1')!.id })).conversation).toMatchObject({ needsReply: true, triageReason: 'agent' });
});
