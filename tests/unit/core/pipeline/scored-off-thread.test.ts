/**
 * Scoring in the analysis pool's workers must store exactly what scoring on the writer's thread
 * stores. Two data folders take the same demo batches through the real services, one through
 * `ingestAsync` with a worker pool and one through `ingest` on the test's thread, with the
 * workspace's analyzer changed between batches (intent rules, clout weights, a correction that
 * adjusts the model), and every table ingest writes is compared row by row. Real SQLite, real
 * worker threads, a fixed clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IntentRule } from '@shared/domain/intents';
import type { MentionInput } from '@shared/domain/mention';
import { DEFAULT_INTENT_RULES } from '@shared/domain/intents';
import { DEFAULT_CLOUT_WEIGHTS } from '@shared/logic/clout';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { AnalysisPool } from '../../../../electron/core/pipeline/analysis-pool';
import { IngestPipeline, POOL_MIN_BATCH } from '../../../../electron/core/pipeline/ingest';
import { mentionTextOf, type MentionText } from '../../../../electron/core/pipeline/mention-text';
import { DemoSource } from '../../../../electron/core/sources/demo/demo-source';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { offlineOutbound } from '../../../support/outbound';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 18, 10, 0, 0);
const MIN = 60_000;

/** Every table the ingest transaction writes, in a stable order. */
const DERIVED = [
  'SELECT * FROM mentions ORDER BY id',
  'SELECT * FROM mention_topics ORDER BY mention_id, topic_id',
  'SELECT * FROM volume_minute ORDER BY minute, source_id',
  'SELECT * FROM volume_topic_minute ORDER BY 1, 2',
  'SELECT * FROM emotion_minute ORDER BY 1, 2',
  'SELECT * FROM authors ORDER BY id',
  'SELECT * FROM author_hour ORDER BY hour, platform, handle',
  'SELECT * FROM term_minute ORDER BY 1, 2, 3',
  'SELECT * FROM care_conversations ORDER BY id',
  'SELECT * FROM care_conversation_mentions ORDER BY 1, 2',
  'SELECT * FROM care_events ORDER BY id',
  'SELECT * FROM stories ORDER BY id',
  'SELECT * FROM mention_stories ORDER BY 1, 2',
  'SELECT * FROM mention_flags ORDER BY 1',
  'SELECT name, value FROM counters ORDER BY name',
  'SELECT id, cursor, items_total FROM sources ORDER BY id',
];

interface Side {
  store: Store;
  services: CoreServices;
  clock: { now: number };
}

const opened: Side[] = [];
afterEach(async () => {
  for (const side of opened.splice(0)) {
    side.services.topics.stop();
    await side.services.pipeline.close();
    side.store.close();
  }
});

function open(workers: string): Side {
  const previous = process.env.EARSHOT_ANALYSIS_WORKERS;
  process.env.EARSHOT_ANALYSIS_WORKERS = workers;
  try {
    const store = openStore(tempDir());
    const clock = { now: T0 };
    const services = buildServices(store, createMemoryLogger(), () => clock.now, { webhook: { host: '127.0.0.1', port: 0 } });
    createSource(store, 'src');
    services.topics.create({ name: 'Kestrel', kind: 'brand', query: 'kestrel OR @kestrelmobile' });
    services.topics.create({ name: 'Outage', kind: 'product', query: 'outage OR "no signal" OR down*' });
    const side = { store, services, clock };
    opened.push(side);
    return side;
  } finally {
    if (previous === undefined) delete process.env.EARSHOT_ANALYSIS_WORKERS;
    else process.env.EARSHOT_ANALYSIS_WORKERS = previous;
  }
}

/** Two demo casts polled minute by minute over an hour, in publication order. */
async function demoMentions(): Promise<MentionInput[]> {
  const out: MentionInput[] = [];
  for (const seed of [7, 1007]) {
    const source = new DemoSource('demo', { ratePerMinute: 6, episodeEveryMinutes: 20, seed });
    let cursor: string | null = null;
    for (let now = T0 - 60 * MIN; now <= T0; now += MIN) {
      const result = await source.poll({ cursor, now, signal: new AbortController().signal, ...offlineOutbound() });
      cursor = result.cursor;
      out.push(...(result.items as MentionInput[]));
    }
  }
  return out.sort((a, b) => a.publishedAt - b.publishedAt);
}

const KESTREL_QUESTION: IntentRule = {
  id: 'kestrel-question',
  intent: 'question',
  enabled: true,
  phrases: ['kestrel'],
  sentiment: null,
  needsQuestionMark: false,
};

/** The same changes to the workspace's analyzer on both sides, between batches. */
function changeAnalyzer(side: Side, step: number): void {
  const u = side.services.understanding;
  if (step === 1) u.setIntentRules([...DEFAULT_INTENT_RULES, KESTREL_QUESTION]);
  if (step === 2) u.setCloutWeights({ ...DEFAULT_CLOUT_WEIGHTS, followers: 0.2, engagement: 0.45 });
  if (step === 3) {
    const negative = side.store.mentions
      .recent(500)
      .filter((m) => m.sentiment === 'negative')
      .slice(0, 3);
    for (const m of negative) u.correct(m.id, 'positive', 'ana');
  }
}

/** Each table's rows, in an order that does not depend on how SQLite happens to return ties. */
function dump(store: Store): unknown[][] {
  return DERIVED.map((sql) =>
    store.db
      .prepare(sql)
      .all()
      .map((row) => JSON.stringify(row))
      .sort(),
  );
}

describe('scoring in worker threads', () => {
  it('stores exactly what scoring on the writer thread stores, analyzer changes included', async () => {
    const mentions = await demoMentions();
    const batchSize = Math.ceil(mentions.length / 4);
    expect(batchSize).toBeGreaterThanOrEqual(POOL_MIN_BATCH);
    const pooled = open('1');
    const inThread = open('0');
    expect(pooled.services.pipeline.analysisPool()?.size).toBe(1);
    expect(inThread.services.pipeline.analysisPool()).toBeNull();

    for (let step = 0; step * batchSize < mentions.length; step++) {
      const batch = mentions.slice(step * batchSize, (step + 1) * batchSize);
      const scoring = pooled.services.pipeline.ingestAsync('src', batch, `c${step}`);
      // A topic added while a batch is being matched in the worker against the topics before it:
      // the batch must still be stored with the new topic's tags, as on the other side.
      if (step === 1)
        for (const side of [pooled, inThread]) side.services.topics.create({ name: 'Refunds', kind: 'product', query: 'refund* OR "money back"' });
      const a = await scoring;
      const b = inThread.services.pipeline.ingest('src', batch, `c${step}`);
      // What listeners and pushes get is the same too.
      expect(a.stored).toEqual(b.stored);
      changeAnalyzer(pooled, step + 1);
      changeAnalyzer(inThread, step + 1);
    }

    await pooled.services.topics.idle();
    await inThread.services.topics.idle();
    // The workers did the scoring, and the changes mattered (else the comparison proves little).
    expect(pooled.services.pipeline.analysisPool()?.mentionsScored).toBe(mentions.length);
    const asked = pooled.store.db
      .prepare(`SELECT COUNT(*) FROM mentions WHERE intents LIKE '%question%' AND text LIKE '%estrel%' AND text NOT LIKE '%?%'`)
      .pluck()
      .get() as number;
    expect(asked).toBeGreaterThan(0);
    const tables = dump(pooled.store);
    expect(tables).toEqual(dump(inThread.store));
    // Terms, stories and their links come from the text work done in the workers alongside the scores.
    for (const [i, rows] of tables.entries())
      if (i < 3 || i === 5 || i === 7 || i === 8 || i === 11 || i === 12) expect(rows.length, DERIVED[i]).toBeGreaterThan(0);
  });

  it('stores the same rows in batches of a hundred as one mention at a time (the per-row path)', async () => {
    const mentions = (await demoMentions()).slice(0, 300);
    const batched = open('1');
    const oneByOne = open('0');
    for (let i = 0; i < mentions.length; i += 100) await batched.services.pipeline.ingestAsync('src', mentions.slice(i, i + 100), String(i));
    for (const [i, m] of mentions.entries()) oneByOne.services.pipeline.ingest('src', [m], String(i - (i % 100)));
    // Clout, urgency and segments follow the author's history as each batch sees it, so they differ
    // by batching (tests/unit/core/pipeline/batch-equivalence.test.ts pins down that rule); the rest may not.
    const rowsOf = (side: Side): unknown[][] =>
      [
        `SELECT id, source_id, external_id, platform, text, url, lang, published_at, ingested_at, author_handle, author_name, author_followers, author_verified,
          likes, reposts, replies, reply_to, sentiment, sentiment_score, sentiment_confidence, emotion, emotion_scores, intents, episode, heard_at, drill_run_id FROM mentions`,
        'SELECT * FROM mention_topics',
        'SELECT * FROM volume_minute',
        'SELECT * FROM volume_topic_minute',
        'SELECT * FROM emotion_minute',
        'SELECT platform, handle, name, followers, verified, first_seen, last_seen, mentions, positive, neutral, negative, likes, reposts, replies, engagement, clout FROM authors',
        'SELECT * FROM author_hour',
        'SELECT * FROM term_minute',
        'SELECT * FROM care_conversation_mentions',
        'SELECT * FROM mention_stories',
        'SELECT id, status, author_key, preview, sentiment, lang, intents, topic_ids, mention_count, opened_at, last_activity_at FROM care_conversations',
        'SELECT name, value FROM counters',
        'SELECT id, cursor, items_total FROM sources',
      ].map((sql) =>
        side.store.db
          .prepare(sql)
          .all()
          .map((row) => JSON.stringify(row))
          .sort(),
      );
    const tables = rowsOf(batched);
    expect(tables).toEqual(rowsOf(oneByOne));
    expect(tables[0]).toHaveLength(new Set(mentions.map((m) => m.externalId)).size);
  });

  it('hands each hook the text work of exactly the mentions stored, duplicates left out, from the workers or this thread', async () => {
    const mentions = (await demoMentions()).slice(0, 200);
    const seen: Array<{ texts: string[]; topics: number[][]; work: MentionText[] }> = [];
    const pooled = open('1');
    const inThread = open('0');
    for (const side of [pooled, inThread])
      side.services.pipeline.addStoredHook((_s, stored, _now, texts) =>
        seen.push({ texts: stored.map((m) => m.text), topics: stored.map((m) => m.topicIds), work: [...texts] }),
      );
    const first = mentions.slice(0, 100);
    // Every other mention already stored, and one repeated within the batch with another text: the
    // stored ones are a subsequence of the batch, and each must still get its own text work.
    const second = [
      ...mentions.slice(100, 200).flatMap((m, i) => (i % 2 === 0 ? [m, first[i]!] : [m])),
      { ...mentions[150]!, text: 'a repeat of one external id with other words in it' },
    ];
    expect(second.length).toBeGreaterThanOrEqual(POOL_MIN_BATCH);
    for (const batch of [first, second]) {
      await pooled.services.pipeline.ingestAsync('src', batch, null);
      inThread.services.pipeline.ingest('src', batch, null);
    }
    expect(pooled.services.pipeline.analysisPool()?.mentionsScored).toBe(first.length + second.length);
    expect(seen).toHaveLength(4);
    for (const [k, { texts, topics, work }] of seen.entries()) {
      expect(work).toHaveLength(texts.length);
      // The pooled side's topics were matched in the worker, the other side's by the topic hook: the same ids.
      const pooledSide = k % 2 === 0;
      work.forEach((w, i) => expect(w).toEqual({ ...mentionTextOf(texts[i]!), topicIds: pooledSide ? topics[i] : null }));
    }
    expect(seen[2]!.texts).toHaveLength(100);
    expect(seen[2]!.work.some((w) => w.signature !== null && w.terms.length > 0)).toBe(true);
    expect(seen[2]!.topics.some((ids) => ids.length > 0)).toBe(true);
    expect(seen[0]!.topics).toEqual(seen[1]!.topics);
    expect(seen[2]!.topics).toEqual(seen[3]!.topics);
  });

  it('stores one source’s batches in the order they were handed in, and none after one that failed', async () => {
    const store = openStore(tempDir());
    const pool = new AnalysisPool(1);
    const pipeline = new IngestPipeline(store, createMemoryLogger(), () => T0, { pool });
    opened.push({ store, services: { topics: { stop: () => undefined }, pipeline } as unknown as CoreServices, clock: { now: T0 } });
    createSource(store, 'src');
    const big = Array.from({ length: POOL_MIN_BATCH * 2 }, (_, i) => mentionInput(`big-${i}`, { publishedAt: T0 - 10 * MIN + i }));
    const small = [mentionInput('small-1', { publishedAt: T0 - MIN })];
    // The small batch is scored at once on this thread; it still waits for the big one ahead of it.
    const order: string[] = [];
    pipeline.onBatch((_source, result) => order.push(result.stored[0]!.externalId));
    const [first, second] = await Promise.all([pipeline.ingestAsync('src', big, 'after-big'), pipeline.ingestAsync('src', small, 'after-small')]);
    expect(order).toEqual(['big-0', 'small-1']);
    expect(first.stored).toHaveLength(big.length);
    expect(second.stored).toHaveLength(1);
    expect(store.sources.get('src')?.cursor).toBe('after-small');

    let fail = true;
    pipeline.addStoredHook(() => {
      if (fail) throw new Error('disk full');
    });
    const failing = pipeline.ingestAsync('src', [mentionInput('x-1', { publishedAt: T0 - MIN })], 'after-x1');
    const behind = pipeline.ingestAsync('src', [mentionInput('x-2', { publishedAt: T0 - MIN })], 'after-x2');
    await expect(failing).rejects.toThrow('disk full');
    await expect(behind).rejects.toThrow('an earlier batch from source src failed');
    expect(store.sources.get('src')?.cursor).toBe('after-small');
    // Once the failed batches have settled, the source's next batch is stored as usual.
    fail = false;
    await pipeline.ingestAsync('src', [mentionInput('x-1', { publishedAt: T0 - MIN })], 'after-x1');
    expect(store.sources.get('src')?.cursor).toBe('after-x1');
  });
});
