/**
 * Stories on a real store fed by the real ingest pipeline: reposts, quotes and copies with other
 * links join the first post's story, unrelated posts do not; the totals, the top stories of a
 * window, the spike summary and an alert's explanation name them; a restart keeps grouping.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { MINUTE_MS } from '@shared/logic/time';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const START = Date.UTC(2025, 3, 7, 9, 0);
const AP = 'BREAKING: Police say a Metro-North passenger train has derailed in New York City; some cars in water.';

let dir: string;
let store: Store;
let services: CoreServices;
let clock = START;

function open(): void {
  store = openStore(dir);
  services = buildServices(store, createMemoryLogger(), () => clock);
}

beforeEach(() => {
  clock = START;
  dir = tempDir();
  open();
  createSource(store, 'feed');
});

afterEach(() => {
  services.alertDelivery.stop();
  store.close();
});

let n = 0;
function post(text: string, at: number, followers = 100, author = `user${++n}`) {
  return mentionInput(`p${++n}`, { text, publishedAt: at, authorHandle: author, authorFollowers: followers });
}

describe('stories', () => {
  it('group reposts, quotes and copies of a post into its story and keep unrelated posts apart', () => {
    const items = [
      post(AP, START, 12_000_000, 'AP'),
      ...Array.from({ length: 6 }, (_, i) => post(`RT @AP: ${AP}`, START + (i + 1) * 20_000)),
      post(`“@AP: ${AP}” oh no, praying for everyone`, START + 150_000),
      post('Police say a Metro-North passenger train has derailed in New York City; some cars in water http://t.co/abc', START + 160_000),
      post('Our new phone case comes in five colours, order today', START + 170_000),
      post('Traffic on the bridge is slow this morning because of roadworks', START + 180_000),
    ];
    clock = START + 4 * MINUTE_MS;
    const result = services.pipeline.ingest('feed', items, 'c1');
    expect(result.stored).toHaveLength(11);
    const storyOfFirst = result.stored[0]!.storyId!;
    expect(storyOfFirst).toBeGreaterThan(0);
    expect(result.stored.slice(0, 9).every((m) => m.storyId === storyOfFirst)).toBe(true);
    expect(result.stored[9]!.storyId).not.toBe(storyOfFirst);
    expect(result.stored[10]!.storyId).not.toBe(result.stored[9]!.storyId);

    const top = store.stories.top(null, START, START + 5 * MINUTE_MS, 5);
    expect(top).toHaveLength(1); // single posts are not stories worth listing
    expect(top[0]).toMatchObject({ id: storyOfFirst, firstText: AP, firstAuthor: 'AP', size: 9, reposts: 7, inWindow: 9 });
    expect(top[0]!.reach).toBe(12_000_000 + 8 * 100);

    const spike = services.stories.spike(null, START, START + 5 * MINUTE_MS);
    expect(spike.posts).toBe(11);
    expect(spike.repostShare).toBeCloseTo(7 / 11, 5);
    expect(spike.authors[0]).toMatchObject({ handle: 'AP', followers: 12_000_000 });
    expect(spike.text).toContain('Driving it: “BREAKING: Police say a Metro-North passenger train');
    expect(spike.text).toContain('9 posts');
    expect(spike.text).toContain('Most reach: @AP (12M followers)');
    expect(spike.text).toContain('Reposts and quotes are 64% of the posts.');
  });

  it('keep grouping into a story after a restart, and start a new story when the text comes back days later', () => {
    clock = START + MINUTE_MS;
    const first = services.pipeline.ingest('feed', [post(AP, START, 1000, 'AP')], 'c1').stored[0]!;
    services.alertDelivery.stop();
    store.close();
    open();
    clock = START + 10 * MINUTE_MS;
    const again = services.pipeline.ingest('feed', [post(`RT @AP: ${AP}`, START + 9 * MINUTE_MS)], 'c2').stored[0]!;
    expect(again.storyId).toBe(first.storyId);
    clock = START + 3 * 24 * 60 * MINUTE_MS;
    const later = services.pipeline.ingest('feed', [post(`RT @AP: ${AP}`, clock - 1000)], 'c3').stored[0]!;
    expect(later.storyId).not.toBe(first.storyId);
  });

  it('a batch that rolls back leaves no story behind, in the store or in memory', () => {
    store.db.exec("CREATE TRIGGER break_links BEFORE INSERT ON mention_stories BEGIN SELECT RAISE(ABORT, 'broken'); END;");
    clock = START + MINUTE_MS;
    expect(() => services.pipeline.ingest('feed', [post(AP, START, 1000, 'AP')], 'c1')).toThrow(/broken/);
    store.db.exec('DROP TRIGGER break_links');
    expect(store.db.prepare('SELECT COUNT(*) FROM stories').pluck().get()).toBe(0);
    // The next batch starts the story afresh (the rolled-back one's id is reused, not joined).
    const [first, again] = services.pipeline.ingest('feed', [post(AP, START + 1000, 1000, 'AP'), post(`RT @AP: ${AP}`, START + 2000)], 'c2').stored;
    expect(again!.storyId).toBe(first!.storyId);
    expect(store.stories.top(null, START, START + MINUTE_MS, 5)[0]).toMatchObject({ size: 2, reposts: 1, firstMentionId: first!.id });
  });

  it('a volume alert names the stories that drove it and summarises the spike', () => {
    // An hour of calm: a post every 4 minutes about trains running late.
    let batch = 0;
    for (let at = START; at < START + 60 * MINUTE_MS; at += 4 * MINUTE_MS) {
      clock = at + 1000;
      services.pipeline.ingest('feed', [post(`my train is late again today number ${at % 7}`, at)], `calm${batch++}`);
      services.alerts.evaluate([]);
    }
    const burstAt = START + 60 * MINUTE_MS;
    for (let i = 0; i < 30; i++) {
      clock = burstAt + i * 10_000 + 1000;
      const text = i === 0 ? AP : i % 3 === 0 ? 'A commuter train derailed near Spuyten Duyvil, emergency crews on the scene now' : `RT @AP: ${AP}`;
      const stored = services.pipeline.ingest(
        'feed',
        [post(text, burstAt + i * 10_000, i === 0 ? 12_000_000 : 50, i === 0 ? 'AP' : undefined)],
        `burst${i}`,
      ).stored;
      services.alerts.checkMentions(stored);
      services.alerts.evaluate([]);
    }
    const alert = store.alerts.open().find((a) => a.kind === 'volume-spike');
    expect(alert).toBeDefined();
    const x = alert!.explanation!;
    expect(x.stories?.[0]).toMatchObject({ author: 'AP', text: AP });
    expect(x.stories![0]!.posts).toBeGreaterThanOrEqual(5);
    expect(x.summary).toMatch(/^\d+ posts in the last \d+ min\. Driving it: “BREAKING: Police say/);
    expect(x.summary).toContain('Reposts and quotes are');
  });
});
