/**
 * Spam and coordinated posting: the three patterns are flagged with their reason (earlier posts of
 * a burst too, ordinary posts not); on a real store a bot burst is left out of the alert counts by
 * default and the alert's explanation says so; a topic can keep them in; a person's word overrules.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../../electron/core/app/services';
import { openStore, type Store } from '../../../../../electron/core/store/store';
import { CoordinationDetector } from '@shared/logic/signals/coordination';
import { MINUTE_MS } from '@shared/logic/time';
import { createSource, mentionInput, useTempDirs } from '../../../../support/core-helpers';

describe('coordination detector', () => {
  const post = (id: number, author: string, followers: number | null, storyId: number | null, text: string, at: number) => ({
    id,
    author,
    followers,
    storyId,
    text,
    at,
  });

  it('flags an account repeating the same story five times, from its first post, but not an angry customer saying it four times', () => {
    const d = new CoordinationDetector();
    for (let i = 1; i <= 4; i++) expect(d.observe(post(i, 'loud', 5000, 7, 'buy now', (i - 1) * MINUTE_MS))).toEqual([]);
    const flags = d.observe(post(5, 'loud', 5000, 7, 'buy now', 4 * MINUTE_MS));
    expect(flags.map((f) => f.mentionId)).toEqual([1, 2, 3, 4, 5]);
    expect(flags[0]!.reason).toBe('@loud posted near-identical text 5 times in 10 min');
    // Another story of the same account, or the same story twenty minutes on, starts afresh.
    expect(d.observe(post(6, 'loud', 5000, 8, 'other', 5 * MINUTE_MS))).toEqual([]);
    expect(d.observe(post(7, 'loud', 5000, 7, 'buy now', 25 * MINUTE_MS))).toEqual([]);
  });

  it('flags a burst of follower-less accounts on one story, but not known accounts or unknown follower counts', () => {
    const d = new CoordinationDetector();
    for (let i = 0; i < 5; i++) expect(d.observe(post(i, `bot${i}`, 0, 9, 'switch now', i * 10_000))).toEqual([]);
    for (let i = 0; i < 5; i++) expect(d.observe(post(10 + i, `fan${i}`, 800, 9, 'switch now', 60_000 + i))).toEqual([]);
    for (let i = 0; i < 5; i++) expect(d.observe(post(20 + i, `anon${i}`, null, 9, 'switch now', 70_000 + i))).toEqual([]);
    const flags = d.observe(post(5, 'bot5', 3, 9, 'switch now', 90_000));
    expect(new Set(flags.map((f) => f.mentionId))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(flags[0]!.reason).toBe('6 accounts with at most 5 followers posted the same text within 5 min');
  });

  it('flags a link farm: one link from five small accounts, whatever the words', () => {
    const d = new CoordinationDetector();
    const texts = ['great deal', 'look at this', 'wow cheap phones', 'must read', 'best offer'];
    const flags = texts.flatMap((t, i) => d.observe(post(i, `acct${i}`, 40, 100 + i, `${t} https://www.cheap-phones.example/deal/?ref=${i}`, i * 60_000)));
    expect(new Set(flags.map((f) => f.mentionId))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(flags[0]!.reason).toBe('link farm: cheap-phones.example/deal posted by 5 accounts under 100 followers within 10 min');
  });
});

const tempDir = useTempDirs();
const START = Date.UTC(2025, 3, 9, 9, 0);
let store: Store;
let services: CoreServices;
let clock = START;
let n = 0;

beforeEach(() => {
  clock = START;
  store = openStore(tempDir());
  services = buildServices(store, createMemoryLogger(), () => clock);
  createSource(store, 'feed');
});

afterEach(() => {
  services.alertDelivery.stop();
  store.close();
});

function ingest(text: string, at: number, author: string, followers: number) {
  clock = at + 1000;
  const stored = services.pipeline.ingest(
    'feed',
    [mentionInput(`m${++n}`, { text, publishedAt: at, authorHandle: author, authorFollowers: followers })],
    `c${n}`,
  ).stored;
  services.alerts.checkMentions(stored);
  services.alerts.evaluate([]);
  return stored;
}

/** An hour of calm (a post every 3 min), then `bots` follower-less accounts post one text and link within 3 min, beside `real` ordinary posts. */
function run(bots: number, real: number): void {
  for (let at = START; at < START + 60 * MINUTE_MS; at += 3 * MINUTE_MS)
    ingest(`ordinary chat about kestrel mobile number ${at % 11}`, at, `calm${at % 5}`, 300);
  const burst = START + 60 * MINUTE_MS;
  const posts = [
    ...Array.from({ length: bots }, (_, i) => ({
      text: 'Kestrel Mobile is finished, everyone is switching https://switch-now.example/offer',
      author: `bot_${i}`,
      followers: 0,
    })),
    ...Array.from({ length: real }, (_, i) => ({
      text: `kestrel mobile signal dropped again in the city centre ${i}, anyone else?`,
      author: `person${i}`,
      followers: 400 + i,
    })),
  ];
  // Interleaved: bots and people post in the same minutes.
  posts.sort((a, b) => (a.author < b.author ? -1 : 1));
  posts.forEach((p, i) => ingest(p.text, burst + Math.floor((i * 180_000) / posts.length), p.author, p.followers));
}

describe('spam and coordinated posting in alerts', () => {
  it('a bot burst alone raises no volume alert: its posts are flagged and left out of the counts', () => {
    run(40, 0);
    const flagged = store.flags.reasons(null, START + 60 * MINUTE_MS, START + 70 * MINUTE_MS);
    expect(flagged.reduce((s, r) => s + r.posts, 0)).toBe(40);
    expect(store.alerts.recent(20).filter((a) => a.kind === 'volume-spike')).toEqual([]);
  });

  it('with real posts in the spike the alert fires on them, and its explanation says what was left out and why', () => {
    run(40, 25);
    const alert = store.alerts.recent(20).find((a) => a.kind === 'volume-spike');
    expect(alert).toBeDefined();
    const x = alert!.explanation!;
    expect(x.spam).toBeDefined();
    expect(x.spam!.excluded).toBe(true);
    expect(x.spam!.posts).toBeGreaterThanOrEqual(6);
    expect(x.spam!.reasons.map((r) => r.reason).join(' | ')).toMatch(
      /accounts with at most 5 followers posted the same text|link farm: switch-now\.example\/offer/,
    );
    // The counts are of people: never more than the 25 real posts plus the calm hour's last few.
    expect(alert!.opening!.observed!).toBeLessThanOrEqual(25 + 5);
  });

  it('a topic that keeps spam in counts the burst, and says so', () => {
    services.coordination.setExcluded(null, false);
    expect(services.coordination.excluded(null)).toBe(false);
    run(40, 0);
    const alert = store.alerts.recent(20).find((a) => a.kind === 'volume-spike');
    expect(alert).toBeDefined();
    expect(alert!.explanation!.spam).toMatchObject({ excluded: false });
  });

  it('a person overrules a flag either way, and can hand it back to the detector', () => {
    run(40, 0);
    const [bot] = store.mentions.recent(1);
    expect(store.flags.get(bot!.id)?.spam).toBe(true);
    expect(services.coordination.override(bot!.id, false, 'Dana')).toMatchObject({ spam: false, override: false, overrideBy: 'Dana' });
    expect(services.coordination.override(bot!.id, null, 'Dana')).toMatchObject({ spam: true, override: null });
    const person = ingest('a perfectly ordinary post about kestrel mobile', START + 90 * MINUTE_MS, 'someone', 500)[0]!;
    expect(services.coordination.override(person.id, true, 'Dana')).toMatchObject({ spam: true, reason: null, override: true });
    expect(store.flags.reasons(null, START + 90 * MINUTE_MS, START + 91 * MINUTE_MS)).toEqual([{ reason: 'marked as spam by a person', posts: 1 }]);
  });
});
