/**
 * Conversation grouping: the pure rule, then the same rule inside the real ingest transaction
 * (topic tags from the real topic matcher, replies by platform id, the window, reopening), the
 * history it writes, and the indexes its look-ups use.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { authorKey, chooseConversation, sharesTopic } from '@shared/logic/care/grouping';
import { sharedDataFile } from '../../../support/shared-data';
import { countRows, useTempDirs } from '../../../support/core-helpers';
import { openHarness, post, T0, type Harness } from './care-harness';

const tempDir = useTempDirs();
const H = 60 * 60_000;
let h: Harness;
afterEach(() => h?.close());

describe('chooseConversation (pure)', () => {
  const open = { id: 1, status: 'assigned' as const, topicIds: [7], lastActivityAt: T0 };

  it('a reply joins its parent’s conversation, and reopens a resolved one', () => {
    expect(chooseConversation({ publishedAt: T0, topicIds: [] }, open, [], H)).toEqual({ kind: 'join', conversationId: 1, reopen: false, reason: 'reply' });
    expect(chooseConversation({ publishedAt: T0, topicIds: [] }, { ...open, status: 'resolved' }, [], H)).toMatchObject({ reopen: true });
  });

  it('the same author joins only within the window, on a shared topic, and never a resolved conversation', () => {
    expect(chooseConversation({ publishedAt: T0 + H / 2, topicIds: [7, 8] }, null, [open], H)).toMatchObject({
      kind: 'join',
      conversationId: 1,
      reason: 'same-author-topic',
    });
    expect(chooseConversation({ publishedAt: T0 + 2 * H, topicIds: [7] }, null, [open], H)).toEqual({ kind: 'new' });
    expect(chooseConversation({ publishedAt: T0, topicIds: [9] }, null, [open], H)).toEqual({ kind: 'new' });
    expect(chooseConversation({ publishedAt: T0, topicIds: [7] }, null, [{ ...open, status: 'resolved' }], H)).toEqual({ kind: 'new' });
  });

  it('picks the most recently active of several candidates', () => {
    const older = { ...open, id: 2, lastActivityAt: T0 - H / 2 };
    expect(chooseConversation({ publishedAt: T0, topicIds: [7] }, null, [older, open], H)).toMatchObject({ conversationId: 1 });
  });

  it('topic agreement: a shared topic, or no topics on either side', () => {
    expect(sharesTopic([], [])).toBe(true);
    expect(sharesTopic([1], [])).toBe(false);
    expect(sharesTopic([1, 2], [2])).toBe(true);
    expect(authorKey('x', '@Kestrel_Fan')).toBe('x:kestrel_fan');
  });
});

describe('grouping at ingest (real SQLite, real topic matching)', () => {
  it('threads replies, groups the same author on the same topic, and keeps other topics apart', () => {
    h = openHarness(tempDir());
    const billing = h.services.topics.create({ name: 'Billing', kind: 'product', query: 'bill OR invoice' });
    const network = h.services.topics.create({ name: 'Network', kind: 'product', query: 'signal OR outage' });

    h.ingest([post('a1', { authorHandle: 'maria', text: 'my bill is wrong again', publishedAt: T0 - 50 * 60_000 })]);
    h.ingest([
      post('a2', { authorHandle: 'Maria', text: 'still waiting about that invoice', publishedAt: T0 - 40 * 60_000 }),
      post('a3', { authorHandle: 'maria', text: 'and now no signal at home', publishedAt: T0 - 30 * 60_000 }),
      post('b1', { authorHandle: 'friend', text: 'same here, total outage', replyTo: 'a3', publishedAt: T0 - 20 * 60_000 }),
    ]);

    const list = h.services.care.inbox({ filter: { statuses: ['new'] }, sort: 'newest', cursor: null, limit: 50 });
    expect(list.total).toBe(3);
    const billingConv = list.items.find((c) => c.topicIds.includes(billing.id))!;
    const networkConv = list.items.find((c) => c.topicIds.includes(network.id) && c.authorHandle === 'maria')!;
    const friendConv = list.items.find((c) => c.authorHandle === 'friend')!;
    expect(billingConv.mentionCount).toBe(2);
    expect(billingConv.preview).toBe('still waiting about that invoice');
    // The friend's reply is the friend's own conversation, linked to maria's thread it answers.
    expect(networkConv.mentionCount).toBe(1);
    expect(networkConv.preview).toBe('and now no signal at home');
    expect(networkConv.waitingSince).toBe(T0 - 30 * 60_000);
    expect(friendConv.mentionCount).toBe(1);
    expect(h.services.care.detail(friendConv.id).events[0]!.detail).toContain(`in reply to a post in conversation #${networkConv.id}`);

    const detail = h.services.care.detail(networkConv.id);
    expect(detail.mentions.map((m) => m.externalId)).toEqual(['a3']);
    expect(detail.events.map((e) => e.kind)).toEqual(['opened']);
    expect(countRows(h.services.store, 'care_conversation_mentions')).toBe(4);
  });

  it('starts a new conversation after the window, and a customer’s reply reopens a resolved one', () => {
    h = openHarness(tempDir());
    h.services.care.saveSettings({ groupingWindowMinutes: 60 });
    h.ingest([post('p1', { authorHandle: 'sam', text: 'hello there', publishedAt: T0 - 3 * H })]);
    h.ingest([post('p2', { authorHandle: 'sam', text: 'hello again', publishedAt: T0 - H / 2 })]);
    const convs = h.services.care.inbox({ filter: { statuses: [] }, sort: 'newest', cursor: null, limit: 10 }).items;
    expect(convs).toHaveLength(2);

    const first = convs.find((c) => c.preview === 'hello there')!;
    h.services.care.resolve(first.id, 'ana');
    expect(h.services.care.detail(first.id).conversation.status).toBe('resolved');
    h.ingest([post('p3', { authorHandle: 'sam', text: 'it broke again', replyTo: 'p1', publishedAt: T0 - 60_000 })]);
    const reopened = h.services.care.detail(first.id);
    expect(reopened.conversation.status).toBe('new');
    expect(reopened.conversation.resolvedAt).toBeNull();
    expect(reopened.events.map((e) => e.kind)).toEqual(['opened', 'resolved', 'reopened']);
    expect(reopened.events[2]!.detail).toMatch(/wrote again \(post #\d+\)/);
  });

  it('the history is append-only: SQLite refuses to change or delete it', () => {
    h = openHarness(tempDir());
    h.ingest([post('x1')]);
    const db = h.services.store.db;
    expect(() => db.prepare("UPDATE care_events SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM care_events').run()).toThrow(/append-only/);
    expect(countRows(h.services.store, 'care_events')).toBe(1);
  });

  it('a failing grouping rolls the whole batch back, cursor included', () => {
    h = openHarness(tempDir());
    // Break the conversations table the hook writes to; ingest must not half-store the batch.
    h.services.store.db.exec("CREATE TRIGGER care_break BEFORE INSERT ON care_conversations BEGIN SELECT RAISE(ABORT, 'broken'); END;");
    expect(() => h.ingest([post('r1'), post('r2')])).toThrow(/broken/);
    expect(countRows(h.services.store, 'mentions')).toBe(0);
    h.services.store.db.exec('DROP TRIGGER care_break');
    h.ingest([post('r1'), post('r2')]);
    expect(countRows(h.services.store, 'care_conversations')).toBe(2);
  });

  it('look-ups by reply id, by author and the triage queue use indexes', () => {
    h = openHarness(tempDir());
    const plan = (sql: string, ...params: unknown[]) =>
      (h.services.store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT conversation_id FROM care_conversation_mentions WHERE platform = ? AND external_id = ?', 'x', '1')).toMatch(
      /USING INDEX care_conversation_mentions_by_external/,
    );
    expect(plan('SELECT * FROM care_conversations WHERE author_key = ? AND last_activity_at >= ?', 'x:a', 0)).toMatch(
      /USING INDEX care_conversations_by_author/,
    );
    expect(plan("SELECT c.* FROM care_conversations c WHERE c.status <> 'resolved' ORDER BY c.urgency DESC, c.id DESC LIMIT 100")).toMatch(
      /USING INDEX care_conversations_open/,
    );
    expect(plan("SELECT c.* FROM care_conversations c WHERE c.status <> 'resolved' ORDER BY c.urgency DESC, c.id DESC LIMIT 100")).not.toMatch(/TEMP B-TREE/);
    // The same plans through the inbox's own SQL, for its three orders.
    const sqls: string[] = [];
    const prepare = h.services.store.db.prepare.bind(h.services.store.db);
    h.services.store.db.prepare = ((sql: string) => (sqls.push(sql), prepare(sql))) as typeof prepare;
    for (const sort of ['urgency', 'waiting', 'newest'] as const)
      h.services.care.inbox({ filter: { statuses: ['new', 'assigned', 'waiting-on-customer', 'escalated'] }, sort, cursor: null, limit: 10 });
    h.services.store.db.prepare = prepare;
    const listSql = sqls.filter((sql) => sql.startsWith('SELECT c.*'));
    expect(listSql).toHaveLength(3);
    expect(listSql.map((sql) => plan(sql, 'new', 'assigned', 'waiting-on-customer', 'escalated', 10))).toEqual([
      expect.stringMatching(/USING INDEX care_conversations_open\b/),
      expect.stringMatching(/USING INDEX care_conversations_open_waiting/),
      expect.stringMatching(/USING INDEX care_conversations_open_newest/),
    ]);
    for (const sql of listSql) expect(plan(sql, 'new', 'assigned', 'waiting-on-customer', 'escalated', 10)).not.toMatch(/TEMP B-TREE/);
  });
});

describe('real support threads (customer-support-sample.csv)', () => {
  const data = sharedDataFile('customer-support-sample.csv');

  it.runIf(data.available)('each customer’s follow-ups to the brand become one conversation per customer, even when answering another customer', () => {
    h = openHarness(tempDir());
    const rows = parse(readFileSync(data.path, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
    const inbound = rows.filter((r) => r.inbound === 'True');
    // Replay as if the sample had just happened: the newest tweet one minute ago.
    const newest = Math.max(...inbound.map((r) => Date.parse(r.created_at!)));
    h.ingest(
      inbound.map((r) =>
        post(r.tweet_id!, {
          authorHandle: r.author_id!,
          text: r.text!,
          replyTo: r.in_response_to_tweet_id || null,
          publishedAt: Date.parse(r.created_at!) - newest + T0 - 60_000,
        }),
      ),
    );
    const authors = new Set(inbound.map((r) => r.author_id));
    const all = h.services.care.inbox({ filter: { statuses: [] }, sort: 'newest', cursor: null, limit: 200 });
    // The brand's own tweets are not customer posts, so follow-ups group by author (no topics set
    // up). Two customers answered another customer's tweet (119249 → 119250, 119330 → 119331):
    // each is their own conversation, linked in its history to the one they answered.
    expect(authors.size).toBe(29);
    expect(all.total).toBe(29);
    for (const c of all.items) {
      expect(h.services.care.detail(c.id).mentions.every((m) => m.authorHandle === c.authorHandle)).toBe(true);
    }
    const answeredThread = all.items.find((c) => c.authorHandle === '105838')!;
    expect(h.services.care.detail(answeredThread.id).mentions.map((m) => m.externalId)).toEqual(['119250']);
    const replier = all.items.find((c) => h.services.care.detail(c.id).mentions.some((m) => m.externalId === '119249'))!;
    expect(replier.authorHandle).toBe('105837');
    expect(h.services.care.detail(replier.id).events[0]!.detail).toContain(`in reply to a post in conversation #${answeredThread.id}`);
    const c105840 = all.items.find((c) => c.authorHandle === '105840')!;
    expect(c105840.mentionCount).toBe(inbound.filter((r) => r.author_id === '105840').length);
    expect(c105840.mentionCount).toBe(4);
  });
});

describe('a pile-on', () => {
  it('15 people replying to one account are 15 conversations of their own, none merged into the account’s', () => {
    h = openHarness(tempDir());
    h.ingest([
      post('origin', {
        authorHandle: 'dailyconsumer',
        authorName: 'The Daily Consumer',
        text: 'Three weeks of broken promises from @KestrelMobile. Avoid.',
        publishedAt: T0 - 30 * 60_000,
      }),
    ]);
    h.ingest(
      Array.from({ length: 15 }, (_, i) =>
        post(`pile${i}`, {
          authorHandle: `fan${i}`,
          text: `@dailyconsumer @KestrelMobile same here, my line has been down ${i + 2} days`,
          replyTo: 'origin',
          publishedAt: T0 - (20 - i) * 60_000,
        }),
      ),
    );
    // One of them writes again, replying to their own post: that joins their own conversation.
    h.ingest([post('pile3-again', { authorHandle: 'fan3', text: '@KestrelMobile still nothing', replyTo: 'pile3', publishedAt: T0 - 2 * 60_000 })]);
    const all = h.services.care.inbox({ filter: { statuses: [] }, sort: 'newest', cursor: null, limit: 50 });
    expect(all.total).toBe(16);
    const origin = all.items.find((c) => c.authorHandle === 'dailyconsumer')!;
    expect(origin.mentionCount).toBe(1);
    expect(origin.preview).toContain('Three weeks of broken promises');
    for (let i = 0; i < 15; i++) {
      const mine = all.items.filter((c) => c.authorHandle === `fan${i}`);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.mentionCount).toBe(i === 3 ? 2 : 1);
      expect(h.services.care.detail(mine[0]!.id).mentions.every((m) => m.authorHandle === `fan${i}`)).toBe(true);
    }
  });
});
