/**
 * Bulk work: select all matching a filter or the near-identical posts of a crisis, then one action
 * over all of them. The bulk reply goes through a real local server speaking Mastodon's statuses
 * API: every post answered exactly once, personalised, one refusal listed while the rest go out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkJobStatus } from '@shared/contract/areas/care';
import { nearKey } from '../../../../electron/core/care/bulk';
import { startMastodonStatusesServer, type MastodonStatusesServer } from '../../../support/mastodon-statuses-server';
import { useTempDirs } from '../../../support/core-helpers';
import { openHarness, post, T0, type Harness, type TestWindow } from './care-harness';

const tempDir = useTempDirs();
const TOKEN = 'bulk-test-token-51c2';
let h: Harness;
let mastodon: MastodonStatusesServer | null = null;
afterEach(async () => {
  h?.close();
  await mastodon?.close();
  mastodon = null;
});

async function finished(w: TestWindow, job: BulkJobStatus): Promise<BulkJobStatus> {
  for (;;) {
    const now = await w.call('care.bulk.status', { jobId: job.id });
    if (now.finished) return now;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('near-identical texts', () => {
  it('share a key once handles, links, numbers and punctuation are set aside', () => {
    expect(nearKey('@KestrelMobile no signal for 4 hours, this is ridiculous #KestrelDown')).toBe(
      nearKey('@kestrelmobile No signal for 7 hours this is ridiculous! http://t.co/x'),
    );
    expect(nearKey('@KestrelMobile no signal for 4 hours')).not.toBe(nearKey('@KestrelMobile how do I change my plan?'));
  });
});

describe('bulk actions', () => {
  it('selects all matching, or the near-identical ones, then tags and resolves them, listing what failed', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    h.ingest([
      ...Array.from({ length: 30 }, (_, i) =>
        post(`o${i}`, { authorHandle: `o${i}`, text: `@KestrelMobile no signal for ${i + 2} hours, this is ridiculous #KestrelDown` }),
      ),
      post('q1', { authorHandle: 'asker', text: '@KestrelMobile how do I change my plan?' }),
    ]);
    const outage = (await w.call('care.inbox', { filter: { search: 'ridiculous' }, sort: 'newest', cursor: null, limit: 1 })).items[0]!;
    const similar = await w.call('care.bulk.similar', { id: outage.id });
    expect(similar.ids).toHaveLength(30);
    const matching = await w.call('care.bulk.matching', { filter: { needsReply: true } });
    expect(matching.total).toBe(31);
    expect(matching.ids).toHaveLength(31);

    const tagged = await finished(w, await w.call('care.bulk.start', { ids: similar.ids, action: { kind: 'tag', tag: 'outage' }, by: 'owner' }));
    expect(tagged).toMatchObject({ total: 30, done: 30, succeeded: 30, failed: [] });
    expect(
      (await w.call('care.inbox', { filter: { search: 'ridiculous' }, sort: 'newest', cursor: null, limit: 50 })).items.every((c) => c.tags.includes('outage')),
    ).toBe(true);

    // One id that no longer exists fails on its own; the rest are resolved.
    const resolved = await finished(
      w,
      await w.call('care.bulk.start', { ids: [...similar.ids.slice(0, 10), 999_999], action: { kind: 'resolve' }, by: 'owner' }),
    );
    expect(resolved).toMatchObject({ total: 11, done: 11, succeeded: 10 });
    expect(resolved.failed).toEqual([{ conversationId: 999_999, error: 'conversation 999999 does not exist' }]);
    expect((await w.call('care.inbox', { filter: { statuses: ['resolved'] }, sort: 'newest', cursor: null, limit: 50 })).total).toBe(10);
  });

  it('a bulk reply to 200 selected posts goes out through Mastodon once per post, personalised, one refusal listed', async () => {
    mastodon = await startMastodonStatusesServer(TOKEN);
    h = openHarness(tempDir());
    const w = h.window();
    await w.call('care.team.saveAgent', { name: 'lee', role: 'lead', teamId: null, capacity: 5 });
    await w.call('care.accounts.save', { platform: 'mastodon', name: 'Kestrel care', baseUrl: mastodon.url, identifier: '@care', secret: TOKEN });
    await w.call('care.settings.save', { bulkReplyIntervalMs: { mastodon: 0, bluesky: 0 } });
    const { id: templateId } = await w.call('care.templates.save', {
      name: 'Outage',
      body: 'Hi {{name}}, we know about the outage and are fixing it. Updates: status.example',
    });
    await expect(w.call('care.bulk.start', { ids: [1], action: { kind: 'reply', templateId }, by: 'lee' })).rejects.toThrow(/not approved/);
    await w.call('care.templates.approve', { id: templateId, by: 'lee' });
    const ids = Array.from({ length: 200 }, (_, i) => String(113_400_000_000_000_000n + BigInt(i)));
    h.ingest(
      ids.map((externalId, i) =>
        post(externalId, {
          platform: 'mastodon',
          authorHandle: `p${i}`,
          authorName: `Person${i} Surname`,
          text: `@care no signal in York for ${i % 9} hours`,
          publishedAt: T0 - 60_000 - i,
        }),
      ),
    );
    mastodon.refuse.add(ids[17]!);
    const selected = await w.call('care.bulk.matching', { filter: { platform: 'mastodon' } });
    expect(selected.ids).toHaveLength(200);

    const job = await finished(w, await w.call('care.bulk.start', { ids: selected.ids, action: { kind: 'reply', templateId }, by: 'lee' }));
    expect(job).toMatchObject({ total: 200, done: 200, succeeded: 199 });
    expect(job.failed).toHaveLength(1);
    expect(job.failed[0]!.error).toMatch(/422|deleted/);

    // Every post but the refused one answered exactly once, each with its author's own name.
    const answered = mastodon.posted.map((p) => p.inReplyToId);
    expect(new Set(answered).size).toBe(answered.length);
    expect(answered.sort()).toEqual(ids.filter((x) => x !== ids[17]).sort());
    for (const p of mastodon.posted) {
      const i = ids.indexOf(p.inReplyToId!);
      expect(p.status).toBe(`Hi Person${i}, we know about the outage and are fixing it. Updates: status.example`);
    }
    const refused = (await w.call('care.inbox', { filter: { search: 'York' }, sort: 'newest', cursor: null, limit: 200 })).items.find(
      (c) => c.authorHandle === 'p17',
    )!;
    expect(job.failed[0]!.conversationId).toBe(refused.id);
    expect(refused.firstResponseAt).toBeNull();
  });
});
