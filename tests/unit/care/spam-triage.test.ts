/**
 * The spam check's flags decide triage at ingest: a link farm's posts open conversations that need
 * no reply (reason "spam"), while an ordinary customer's question in the same batch still needs one.
 */
import { afterEach, expect, it } from 'vitest';
import { useTempDirs } from '../core/helpers';
import { openHarness, post, T0, type Harness } from './care-harness';

const tempDir = useTempDirs();
let h: Harness;
afterEach(() => h?.close());

it('a post flagged as spam needs no reply, with the reason; an unflagged question in the batch still does', async () => {
  h = openHarness(tempDir());
  const w = h.window();
  await w.call('care.settings.save', { brandHandles: ['KestrelMobile'], brandTerms: ['kestrel'] });
  const farm = ['great deal', 'look at this', 'wow cheap phones', 'must read', 'best offer'].map((t, i) =>
    post(`farm${i}`, { authorHandle: `acct${i}`, authorFollowers: 40, text: `@KestrelMobile can you beat this? ${t} https://www.cheap-phones.example/deal/?ref=${i}`, publishedAt: T0 - 600_000 + i * 60_000 }),
  );
  h.ingest([...farm, post('real', { authorHandle: 'amira', authorFollowers: 40, text: '@KestrelMobile can you help? no signal since this morning', publishedAt: T0 - 30_000 })]);
  const { items } = await w.call('care.inbox', { filter: {}, sort: 'newest', cursor: null, limit: 50 });
  const byHandle = new Map(items.map((c) => [c.authorHandle, c]));
  for (let i = 0; i < 5; i++) expect(byHandle.get(`acct${i}`)).toMatchObject({ needsReply: false, triageReason: 'spam' });
  expect(byHandle.get('amira')).toMatchObject({ needsReply: true, triageReason: 'question' });
});
