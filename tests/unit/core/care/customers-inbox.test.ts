/**
 * CRM import (good rows in, bad rows named by line and column), linking by handle, the customer
 * view and its brand score; the inbox's paging, filters and search in the topic query language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { customerBrandScore, engagementScore, spendScore } from '@shared/logic/care/brand-score';
import { parseCrmCsv } from '../../../../electron/core/care/crm-import';
import { useTempDirs } from '../../../support/core-helpers';
import { openHarness, post, T0, type Harness } from './care-harness';

const tempDir = useTempDirs();
let h: Harness;
afterEach(() => h?.close());

describe('CRM CSV', () => {
  it('finds columns by name, normalises handles and money, and reports bad rows by line', () => {
    const csv = [
      'Customer ID,Full Name,Social Handles,LTV,Tier',
      'C-1,Maria Lopez,"@MariaL; maria.bsky.social","$1,250.50",gold',
      'C-2,Sam,@sam_k,abc,silver',
      'C-3,,@nobody,10,',
      'C-1,Maria again,@other,5,gold',
      'C-4,Kim,,-3,bronze',
      'C-5,Lee,@lee|@lee_alt,0,',
    ].join('\n');
    const { rows, errors } = parseCrmCsv(csv);
    expect(rows).toEqual([
      { crmId: 'C-1', name: 'Maria Lopez', handles: ['marial', 'maria.bsky.social'], lifetimeValue: 1250.5, tier: 'gold' },
      { crmId: 'C-5', name: 'Lee', handles: ['lee', 'lee_alt'], lifetimeValue: 0, tier: 'standard' },
    ]);
    expect(errors).toEqual([
      { line: 3, message: 'lifetime value: not a number' },
      { line: 4, message: 'name: empty name' },
      { line: 5, message: 'id: "C-1" appears twice; the first row was kept' },
      { line: 6, message: 'lifetime value: negative' },
    ]);
  });

  it('names the missing columns', () => {
    expect(() => parseCrmCsv('id,name,tier\n1,a,gold')).toThrow(/missing columns: handles \(handles \/ handle.*\), lifetime value/);
    expect(() => parseCrmCsv('')).toThrow(/empty/);
  });

  it('brand score: 0.6 × spend + 0.4 × engagement, each capped at 100', () => {
    expect(spendScore(0)).toBe(0);
    expect(spendScore(99)).toBeCloseTo(50, 5);
    expect(spendScore(1e6)).toBe(100);
    expect(engagementScore(30, 5)).toBe(40);
    expect(engagementScore(95, 10)).toBe(100);
    // spend 50, engagement 40 → 30 + 16.
    expect(customerBrandScore({ lifetimeValue: 99, clout: 30, mentions: 5 })).toBe(46);
  });
});

describe('customers in the core', () => {
  it('imports, links conversations by handle on any platform, and shows the whole person', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    h.ingest([
      post('m1', { authorHandle: 'MariaL', text: 'love the new plan', publishedAt: T0 - 3 * 86_400_000 }),
      post('m2', { authorHandle: 'maria.bsky.social', platform: 'bluesky', text: 'my bill is wrong and support is useless', publishedAt: T0 - 60_000 }),
      post('m3', { authorHandle: 'stranger', text: 'hello' }),
    ]);
    const result = await w.call('care.customers.import', {
      csv: 'id,name,handles,lifetime_value,tier\nC-1,Maria Lopez,@MariaL maria.bsky.social,99,gold\nC-2,Bad,@b,lots,gold\n',
      by: 'ana',
    });
    expect(result).toEqual({ imported: 1, linkedConversations: 2, errors: [{ line: 3, message: 'lifetime value: not a number' }] });
    await expect(w.call('care.customers.import', { csv: 'name,tier\nx,y', by: 'ana' })).rejects.toThrow(/CRM import: missing columns/);

    const { customers } = await w.call('care.customers.list', {});
    expect(customers).toHaveLength(1);
    const maria = customers[0]!;
    expect(maria).toMatchObject({ crmId: 'C-1', handles: ['maria.bsky.social', 'marial'], tier: 'gold', lifetimeValue: 99 });

    const view = await w.call('care.customers.get', { customerId: maria.id });
    expect(view.conversations).toHaveLength(2);
    expect(view.mentions.map((m) => m.externalId)).toEqual(['m2', 'm1']);
    expect(view.sentimentByDay).toHaveLength(2);
    expect(view.sentimentByDay[0]!.mean).toBeGreaterThan(view.sentimentByDay[1]!.mean);
    expect(maria.brandScore).toBe(customerBrandScore({ lifetimeValue: 99, clout: view.clout, mentions: 2 }));

    const inbox = (await w.call('care.inbox', { filter: {} })).items;
    expect(inbox.filter((c) => c.customerId === maria.id)).toHaveLength(2);
    expect(inbox.find((c) => c.authorHandle === 'stranger')!.customerId).toBeNull();
    // A later post from a known handle is linked as it arrives.
    h.ingest([post('m4', { authorHandle: '@marial', platform: 'reddit', text: 'again', publishedAt: T0 - 1_000 })]);
    const reddit = (await w.call('care.inbox', { filter: { platform: 'reddit' } })).items[0]!;
    expect(reddit.customerId).toBe(maria.id);

    const noted = await w.call('care.customers.note', { customerId: maria.id, text: 'prefers e-mail', by: 'ana' });
    expect(noted.notes).toEqual([expect.objectContaining({ author: 'ana', text: 'prefers e-mail' })]);
    // Someone the CRM does not know can still be looked at by handle.
    const stranger = await w.call('care.customers.get', { platform: 'x', handle: 'stranger' });
    expect(stranger.customer).toBeNull();
    expect(stranger.conversations).toHaveLength(1);
  });
});

describe('the inbox', () => {
  function fill(n: number): void {
    // n authors, one post each; urgency comes from the analysis, so ties are broken by id.
    h.ingest(
      Array.from({ length: n }, (_, i) =>
        post(`p${i}`, {
          authorHandle: `a${i}`,
          text: i % 3 === 0 ? 'terrible outage, furious, refund now' : `question ${i} about roaming`,
          lang: i % 4 === 0 ? 'de' : 'en',
        }),
      ),
    );
  }

  it('pages with a cursor in urgency order, every item exactly once', async () => {
    h = openHarness(tempDir());
    fill(250);
    const w = h.window();
    const seen: { id: number; urgency: number }[] = [];
    let cursor: string | null = null;
    let total = 0;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof w.call<'care.inbox'>>> = await w.call('care.inbox', { filter: {}, limit: 60, cursor });
      if (pages === 0) total = page.total;
      seen.push(...page.items.map((c) => ({ id: c.id, urgency: c.urgency })));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(total).toBe(250);
    expect(pages).toBe(5);
    expect(new Set(seen.map((s) => s.id)).size).toBe(250);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(a.urgency > b.urgency || (a.urgency === b.urgency && a.id > b.id)).toBe(true);
    }
    await expect(w.call('care.inbox', { filter: {}, cursor: 'nonsense' })).rejects.toThrow(/cursor/);
  });

  it('filters by status, assignee, language, sentiment and source', async () => {
    h = openHarness(tempDir());
    fill(20);
    const w = h.window();
    const first = (await w.call('care.inbox', { filter: {}, limit: 1 })).items[0]!;
    await w.call('care.conversation.claim', { id: first.id, agent: 'ana' });
    expect((await w.call('care.inbox', { filter: { assignee: 'ana' } })).items.map((c) => c.id)).toEqual([first.id]);
    expect((await w.call('care.inbox', { filter: { assignee: null } })).total).toBe(19);
    expect((await w.call('care.inbox', { filter: { statuses: ['assigned'] } })).total).toBe(1);
    expect((await w.call('care.inbox', { filter: { lang: 'de' } })).total).toBe(5);
    expect((await w.call('care.inbox', { filter: { sourceId: 'src' } })).total).toBe(20);
    expect((await w.call('care.inbox', { filter: { sourceId: 'elsewhere' } })).total).toBe(0);
    const negatives = (await w.call('care.inbox', { filter: { sentiment: 'negative' } })).items;
    expect(negatives.length).toBeGreaterThan(0);
    expect(negatives.every((c) => c.sentiment === 'negative')).toBe(true);
    await w.call('care.conversation.resolve', { id: first.id, by: 'ana' });
    expect((await w.call('care.inbox', { filter: {} })).total).toBe(19);
    expect((await w.call('care.inbox', { filter: { statuses: ['resolved'] } })).items.map((c) => c.id)).toEqual([first.id]);
  });

  it('searches with the topic query language, exactly and through the matcher', async () => {
    h = openHarness(tempDir());
    fill(30);
    h.ingest([post('special', { authorHandle: 'vip_person', text: 'my #KestrelDown router is dead' })]);
    const w = h.window();
    expect((await w.call('care.inbox', { filter: { search: 'outage AND refund' } })).total).toBe(10);
    expect((await w.call('care.inbox', { filter: { search: 'roaming NOT "question 1"' } })).total).toBe(19);
    // Hashtags and authors are not exact in FTS: the matcher decides.
    expect((await w.call('care.inbox', { filter: { search: '#kestreldown' } })).items.map((c) => c.authorHandle)).toEqual(['vip_person']);
    expect((await w.call('care.inbox', { filter: { search: 'author:vip_person' } })).total).toBe(1);
    await expect(w.call('care.inbox', { filter: { search: 'outage AND' } })).rejects.toThrow(/search: .*at character/);
  });
});
