/**
 * Ingest does its per-batch work with batch-level look-ups and writes (conversation grouping with
 * one UPDATE per conversation, clout and urgency computed before the insert). These tests pin down
 * that this stores exactly what the one-post-at-a-time rules give: the same batch grouped at once
 * and post by post makes the same conversations, and duplicates in a batch (which break the
 * "every row is new" assumption clout is computed under) leave the same clout and urgency as a
 * batch without them. Real SQLite, the real services, a fixed clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MentionInput } from '@shared/domain/mention';
import { computeClout, computeUrgency, engagementOf } from '@shared/logic/clout';
import { openHarness, post, T0, type Harness } from '../care/care-harness';
import { useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const MIN = 60_000;
const open: Harness[] = [];
afterEach(() => {
  for (const h of open.splice(0)) h.close();
});

function harness(): Harness {
  const h = openHarness(tempDir());
  open.push(h);
  h.services.topics.create({ name: 'Billing', kind: 'product', query: 'bill OR invoice OR refund' });
  h.services.topics.create({ name: 'Network', kind: 'product', query: 'signal OR outage' });
  return h;
}

/** What grouping decides, per conversation (clout, urgency and segment follow the author's history, which batching changes). */
function conversations(h: Harness): unknown[] {
  return h.services.store.db
    .prepare(
      `SELECT id, status, assignee, author_key, preview, sentiment, sentiment_first, sentiment_last, lang, intents, topic_ids, mention_count,
        opened_at, last_activity_at, waiting_since, waiting_mention_id, resolved_at, resolution,
        (SELECT json_group_array(mention_id) FROM (SELECT mention_id FROM care_conversation_mentions WHERE conversation_id = c.id ORDER BY mention_id)) AS mentions,
        (SELECT json_group_array(kind) FROM (SELECT kind FROM care_events WHERE conversation_id = c.id ORDER BY id)) AS events
      FROM care_conversations c ORDER BY id`,
    )
    .all();
}

/** Before the batch: a resolved conversation (sam) and one waiting on the customer (maria's invoice). */
function setUp(h: Harness): void {
  h.ingest([
    post('s1', { authorHandle: 'sam', text: 'my refund never came', publishedAt: T0 - 300 * MIN }),
    post('m1', { authorHandle: 'maria', text: 'wrong invoice again', publishedAt: T0 - 200 * MIN }),
  ]);
  const [sam, maria] = h.services.care
    .inbox({ filter: { statuses: [] }, sort: 'newest', cursor: null, limit: 10 })
    .items.sort((a, b) => a.openedAt - b.openedAt);
  h.services.care.resolve(sam!.id, 'ana');
  h.services.store.care.markResponded(maria!.id, T0 - 150 * MIN);
}

/** One batch, in publication order: joins by reply and by author, a reopen, a late post, a reply to a post of the same batch. */
const BATCH: MentionInput[] = [
  post('m2', { authorHandle: 'maria', text: 'still no answer about the bill', publishedAt: T0 - 100 * MIN }),
  post('s2', { authorHandle: 'sam', text: 'the refund is still missing', replyTo: 's1', publishedAt: T0 - 90 * MIN }),
  post('f1', { authorHandle: 'friend', text: 'same outage here', publishedAt: T0 - 80 * MIN }),
  post('m3', { authorHandle: 'maria', text: 'and now no signal at all', publishedAt: T0 - 70 * MIN }),
  post('s3', { authorHandle: 'sam', text: 'hello? refund please', replyTo: 's1', publishedAt: T0 - 60 * MIN, lang: null }),
  post('f2', { authorHandle: 'friend2', text: 'outage for us too', replyTo: 'm3', publishedAt: T0 - 50 * MIN }),
  post('m4', { authorHandle: 'maria', text: 'bill bill bill, thanks for nothing', publishedAt: T0 - 40 * MIN }),
  post('x1', { authorHandle: 'maria', text: 'signal is back, great', publishedAt: T0 - 30 * MIN }),
];

describe('batch-level grouping', () => {
  it('groups a whole batch exactly as it groups the same posts one batch each', () => {
    const atOnce = harness();
    setUp(atOnce);
    atOnce.ingest(BATCH);

    const oneByOne = harness();
    setUp(oneByOne);
    for (const item of BATCH) oneByOne.ingest([item]);

    const grouped = conversations(atOnce);
    expect(grouped).toEqual(conversations(oneByOne));
    // The batch did join, reopen and thread (so the comparison covers those paths).
    const rows = grouped as Array<{ status: string; mention_count: number; events: string; author_key: string; preview: string }>;
    expect(rows.find((c) => c.author_key === 'x:sam')).toMatchObject({
      status: 'new',
      mention_count: 3,
      events: JSON.stringify(['opened', 'resolved', 'reopened']),
    });
    expect(rows.find((c) => c.author_key === 'x:maria' && c.preview === 'bill bill bill, thanks for nothing')?.mention_count).toBe(3);
    // friend2's reply to maria's m3 is friend2's own conversation (linked in its history), not maria's.
    expect(rows.some((c) => c.author_key === 'x:maria' && c.mention_count === 2 && c.preview === 'signal is back, great')).toBe(true);
    expect(rows.find((c) => c.author_key === 'x:friend2')).toMatchObject({ mention_count: 1, preview: 'outage for us too' });
  });
});

describe('clout and urgency computed before the insert', () => {
  function storedScores(h: Harness): unknown[] {
    return h.services.store.db.prepare('SELECT external_id, clout, urgency FROM mentions ORDER BY external_id').all();
  }
  const first = [
    post('k1', { authorHandle: 'kim', text: 'my bill is wrong', authorFollowers: 5_000, likes: 40, reposts: 12, publishedAt: T0 - 20 * MIN }),
    post('l1', { authorHandle: 'lee', text: 'outage again', authorFollowers: 20, publishedAt: T0 - 19 * MIN }),
  ];
  const second = [
    post('k2', { authorHandle: 'kim', text: 'still wrong, refund me', authorFollowers: 5_100, likes: 300, reposts: 90, publishedAt: T0 - 5 * MIN }),
    post('l2', { authorHandle: 'lee', text: 'no signal for hours', authorFollowers: 25, publishedAt: T0 - 4 * MIN }),
  ];

  it('stores the same clout, urgency and author profiles when a batch carries duplicates', () => {
    const clean = harness();
    clean.ingest(first);
    clean.ingest(second);

    const withDuplicates = harness();
    withDuplicates.ingest(first);
    // Re-sent posts (already stored) and a post twice in the same batch: only k2 and l2 are new.
    const result = withDuplicates.ingest([first[0]!, ...second, second[0]!, first[1]!]);
    expect(result.stored.map((m) => m.externalId)).toEqual(['k2', 'l2']);

    expect(storedScores(withDuplicates)).toEqual(storedScores(clean));
    const authors =
      'SELECT platform, handle, name, followers, verified, first_seen, last_seen, mentions, positive, neutral, negative, likes, reposts, replies, engagement, clout, segment FROM authors ORDER BY id';
    expect(withDuplicates.services.store.db.prepare(authors).all()).toEqual(clean.services.store.db.prepare(authors).all());
    // The pushed mentions carry what was stored.
    const stored = new Map((storedScores(withDuplicates) as Array<{ external_id: string; clout: number; urgency: number }>).map((r) => [r.external_id, r]));
    for (const m of result.stored)
      expect({ clout: m.clout, urgency: m.urgency }).toEqual({ clout: stored.get(m.externalId)!.clout, urgency: stored.get(m.externalId)!.urgency });
  });

  it('scores each mention against its author as stored after the batch, the batch itself included', () => {
    const h = harness();
    h.ingest(first);
    const before = h.services.store.authors.byHandle('x', 'kim')!;
    h.ingest(second);
    const kim = h.services.store.authors.byHandle('x', 'kim')!;
    expect(kim.mentions).toBe(before.mentions + 1);
    expect(kim.engagement).toBe(before.engagement + 300 + 2 * 90);
    const k2 = h.services.store.mentions.recent(10).find((m) => m.externalId === 'k2')!;
    const engagement = engagementOf(k2);
    const clout = computeClout(
      {
        followers: k2.authorFollowers ?? kim.followers,
        engagement,
        verified: k2.authorVerified || kim.verified,
        mentionCount: kim.mentions,
        engagementTotal: kim.engagement,
      },
      h.services.understanding.cloutWeights(),
    );
    expect(k2.clout).toBe(clout);
    expect(k2.urgency).toBe(
      computeUrgency({
        sentiment: k2.sentiment,
        confidence: k2.sentimentConfidence,
        crisis: k2.intents.includes('crisis'),
        clout,
        engagement,
        ageMs: T0 - k2.publishedAt,
      }),
    );
  });
});
