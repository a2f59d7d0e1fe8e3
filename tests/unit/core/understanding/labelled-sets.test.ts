/**
 * A workspace's labelled sets inside the real core wiring on real SQLite files: posts of the
 * trade added through the API teach the adaptation the trade's words, so mentions ingested after
 * are scored with them; the sets and what they taught survive a restart; corrections still flip
 * their post on top; removing a set forgets it; bad input is refused at the boundary.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { understandingParams } from '@shared/contract/areas/understanding';
import type { MentionInput } from '@shared/domain/mention';
import type { HealthReport } from '@shared/domain/health';
import { ApiError } from '../../../../electron/core/api/api-error';
import { createHandlers } from '../../../../electron/core/api/handlers';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { openStore } from '../../../../electron/core/store/store';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const NOW = Date.UTC(2025, 0, 15, 12, 0, 30);

let dir: string;
let services: CoreServices;

function open(): CoreServices {
  return buildServices(openStore(dir), createMemoryLogger(), () => NOW, { webhook: { host: '127.0.0.1', port: 0 } });
}

async function close(s: CoreServices): Promise<void> {
  s.topics.stop();
  await s.topics.idle();
  s.store.close();
}

beforeEach(() => {
  dir = tempDir();
  const store = openStore(dir);
  createSource(store, 'src');
  store.close();
  services = open();
});

afterEach(async () => {
  await close(services);
});

let nextId = 0;
const handlers = () => createHandlers(services, () => ({}) as HealthReport);
const ingest = (text: string) => {
  const item: MentionInput = mentionInput(`m${++nextId}`, { text, publishedAt: NOW - 1_000, lang: 'en' });
  services.pipeline.ingest('src', [item], null);
  return services.store.mentions.recent(1)[0]!;
};

/** A made-up trade: "zorblax" and "quiffed" are its complaints, "glimmer lane" its praise. */
const TRADE = [
  ...['my zorblax quiffed again', 'zorblax quiffed twice today', 'the zorblax is quiffed', 'quiffed zorblax, third time', 'another quiffed zorblax'].map(
    (text) => ({ text, label: 'negative' as const }),
  ),
  ...['took the glimmer lane today', 'glimmer lane all the way', 'the glimmer lane was open'].map((text) => ({ text, label: 'positive' as const })),
  ...['zorblax schedule for monday', 'where is the glimmer office'].map((text) => ({ text, label: 'neutral' as const })),
];
const posts = Array.from({ length: 10 }, () => TRADE).flat();

describe("a workspace's labelled sets", () => {
  it("teach the trade's words to mentions ingested after, and survive a restart", async () => {
    expect(ingest('zorblax quiffed on the way in').sentiment).not.toBe('negative');
    const added = await handlers()['adaptation.labelled.add']({ set: 'trade sample', posts, by: 'lead.ana' });
    expect(added.added).toBe(posts.length);
    expect(added.sets).toEqual([
      expect.objectContaining({ name: 'trade sample', posts: 100, negative: 50, neutral: 20, positive: 30, addedBy: 'lead.ana', addedAt: NOW }),
    ]);
    expect(ingest('zorblax quiffed on the way in').sentiment).toBe('negative');
    expect(ingest('glimmer lane for me').sentiment).toBe('positive');
    // The stored mentions keep their label; what was learned comes back after a restart.
    await close(services);
    services = open();
    expect((await handlers()['adaptation.labelled.sets']({})).sets).toHaveLength(1);
    expect(ingest('zorblax quiffed on the way in').sentiment).toBe('negative');
  });

  it('leave a correction the last word on its post, and are forgotten when removed', async () => {
    await handlers()['adaptation.labelled.add']({ set: 'trade sample', posts, by: 'lead.ana' });
    const m = ingest('zorblax quiffed but they fixed it');
    expect(m.sentiment).toBe('negative');
    await handlers()['mentions.correctSentiment']({ id: m.id, label: 'positive', by: 'agent.kim' });
    expect(services.understanding.current.sentiment(m.text, 'en').label).toBe('positive');
    expect(services.understanding.current.adjustments.has('glimmer')).toBe(true);
    const removed = await handlers()['adaptation.labelled.remove']({ set: 'trade sample', by: 'lead.ana' });
    expect(removed).toEqual({ removed: 100, sets: [] });
    // What only the set taught is gone; the correction's words stay.
    expect(services.understanding.current.adjustments.has('glimmer')).toBe(false);
    expect(services.understanding.current.adjustments.has('fixed')).toBe(true);
    expect(services.understanding.current.sentiment(m.text, 'en').label).toBe('positive');
    await expect(Promise.resolve().then(() => handlers()['adaptation.labelled.remove']({ set: 'trade sample', by: 'lead.ana' }))).rejects.toBeInstanceOf(
      ApiError,
    );
  });

  it('refuse posts without text, with another label, or too many at once, naming the field', () => {
    const add = understandingParams['adaptation.labelled.add'];
    const issue = (value: unknown) => {
      const r = add.safeParse(value);
      return r.success ? null : r.error.issues[0]!.path.join('.');
    };
    expect(issue({ set: 's', posts: [{ text: '', label: 'negative' }], by: 'x' })).toBe('posts.0.text');
    expect(issue({ set: 's', posts: [{ text: 'ok', label: 'angry' }], by: 'x' })).toBe('posts.0.label');
    expect(issue({ set: ' ', posts: [{ text: 'ok', label: 'neutral' }], by: 'x' })).toBe('set');
    expect(issue({ set: 's', posts: Array.from({ length: 2_001 }, () => ({ text: 'ok', label: 'neutral' })), by: 'x' })).toBe('posts');
    expect(issue({ set: 's', posts: [{ text: 'ok', label: 'neutral' }], by: 'x' })).toBeNull();
  });
});
