/**
 * `npm run bench:topics`: what topic matching costs. The same demo mentions go through the whole
 * ingest pipeline (as `npm run bench`) with 0 topics (the baseline) and with 20 realistic topics
 * (brand, competitors, campaigns, products, care issues; words, phrases, wildcards, NEAR, fields),
 * in the same run on the same disk; the ratio is printed. Also: re-tagging stored history for one
 * new topic (backfill), and preview latency for each way a preview can run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MentionInput } from '@shared/domain/mention';
import { createMemoryLogger } from '../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../electron/core/app/services';
import { DemoSource } from '../../electron/core/sources/demo/demo-source';
import { openStore } from '../../electron/core/store/store';
import { compileQuery, parseQuery, prepareDocument } from '@shared/logic/query';
import { offlineOutbound } from '../support/outbound';

const COUNT = Number(process.env.BENCH_MENTIONS ?? 20_000);
/** Runs of each configuration, alternated so load from other processes hits both alike; medians are reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BATCH = 1_000;
/** Matching 20 topics may cost at most this share of the pipeline's throughput. */
const TARGET_RATIO = 0.8;

export const REALISTIC_TOPICS: Array<{ name: string; kind: 'brand' | 'competitor' | 'campaign' | 'product' | 'other'; query: string }> = [
  { name: 'Kestrel Mobile', kind: 'brand', query: '@KestrelMobile OR kestrel* OR "kestrel mobile"' },
  { name: 'Outage', kind: 'other', query: '(outage OR "no signal" OR "no service" OR down OR #KestrelDown) -"down payment"' },
  { name: 'Billing', kind: 'other', query: '(bill* OR overcharg* OR refund* OR charge*) NEAR/5 (kestrel* OR mobile)' },
  { name: 'Kestrel 5G', kind: 'product', query: '"kestrel 5g" OR (5g NEAR/3 kestrel*)' },
  { name: 'Home Fibre', kind: 'product', query: '"home fibre" OR fibre OR broadband' },
  { name: 'App', kind: 'product', query: '(app OR "the kestrel app") AND (crash* OR bug* OR login OR pay*)' },
  { name: 'Support', kind: 'other', query: 'support OR agent OR "on hold" OR engineer OR ticket*' },
  { name: 'Praise', kind: 'other', query: '(love* OR brilliant OR amazing OR thank* OR excellent OR great) -outage' },
  { name: 'Questions', kind: 'other', query: '(how OR when OR "anyone know" OR "is there") AND kestrel*' },
  { name: 'Vodafone', kind: 'competitor', query: 'vodafone OR @VodafoneUK OR #vodafone' },
  { name: 'EE', kind: 'competitor', query: '"EE" OR @EE OR #EEdown' },
  { name: 'Three', kind: 'competitor', query: '"three mobile" OR @ThreeUK' },
  { name: 'O2', kind: 'competitor', query: 'o2 OR @O2 OR #o2down' },
  { name: 'SIM-only deal', kind: 'campaign', query: '"sim-only" OR "sim only" OR #SimOnlyDeal' },
  { name: 'Unlimited Plus', kind: 'campaign', query: '"unlimited plus"' },
  { name: 'Kestrel TV', kind: 'product', query: '"kestrel tv" OR (tv NEAR/2 kestrel*)' },
  {
    name: 'Influencers',
    kind: 'other',
    query: 'author:techwithtasha OR author:gadgetgareth OR author:mumsnetmeg OR author:dailyconsumer OR author:speedtest_sam',
  },
  { name: 'North', kind: 'other', query: '(leeds OR manchester OR york OR glasgow) AND (signal OR outage OR coverage)' },
  { name: 'Reddit and forums', kind: 'other', query: '(platform:reddit OR platform:forum) kestrel*' },
  { name: 'Churn risk', kind: 'other', query: '(switch* OR leav* OR cancel*) NEAR/4 (contract OR kestrel* OR provider)' },
];

async function makeMentions(count: number): Promise<MentionInput[]> {
  const source = new DemoSource('bench', { ratePerMinute: 3_000, episodeEveryMinutes: 1, seed: 11 });
  const out: MentionInput[] = [];
  let cursor: string | null = null;
  // A fixed start: the demo stream (and its crisis episodes) is then the same in every run.
  let now = Date.UTC(2025, 0, 15, 12, 0, 0);
  while (out.length < count) {
    now += 2_000;
    const result = await source.poll({ cursor, now, signal: new AbortController().signal, ...offlineOutbound() });
    cursor = result.cursor;
    out.push(...(result.items as MentionInput[]));
  }
  return out.slice(0, count);
}

function open(dir: string): CoreServices {
  const store = openStore(dir);
  store.sources.create({ id: 'bench', kind: 'demo', name: 'bench', config: '{}', enabled: true, intervalMs: 1000, createdAt: Date.now() });
  return buildServices(store, createMemoryLogger());
}

function run(dir: string, mentions: readonly MentionInput[], topics: typeof REALISTIC_TOPICS): { perSecond: number; tags: number; services: CoreServices } {
  const services = open(dir);
  for (const t of topics) services.topics.create(t); // history is empty: nothing to re-tag
  const window = { send: () => undefined };
  services.hub.subscribe('topics.volume.delta', window);
  const started = process.hrtime.bigint();
  for (let i = 0; i < mentions.length; i += BATCH) services.pipeline.ingest('bench', mentions.slice(i, i + BATCH), String(i));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const tags = services.store.db.prepare('SELECT COUNT(*) FROM mention_topics').pluck().get() as number;
  return { perSecond: mentions.length / seconds, tags, services };
}

function time<T>(work: () => T): { ms: number; value: T } {
  const started = process.hrtime.bigint();
  const value = work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

async function timeAsync<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-topics-'));
  try {
    console.log(`Generating ${COUNT.toLocaleString('en')} demo mentions...`);
    const mentions = await makeMentions(COUNT);

    const baseRuns: number[] = [];
    const topicRuns: number[] = [];
    let withTopics: ReturnType<typeof run> | null = null;
    for (let round = 0; round < ROUNDS; round++) {
      const base = run(join(dir, `none-${round}`), mentions, []);
      baseRuns.push(base.perSecond);
      base.services.topics.stop();
      base.services.store.close();
      if (withTopics) {
        withTopics.services.topics.stop();
        withTopics.services.store.close();
      }
      withTopics = run(join(dir, `twenty-${round}`), mentions, REALISTIC_TOPICS);
      topicRuns.push(withTopics.perSecond);
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const basePerSecond = median(baseRuns);
    const topicsPerSecond = median(topicRuns);
    const ratio = topicsPerSecond / basePerSecond;
    const fmt = (xs: number[]) => xs.map((x) => Math.round(x).toLocaleString('en')).join(', ');

    console.log(`\nIngest throughput through the whole pipeline, batches of 1,000, WAL, synchronous=NORMAL (median of ${ROUNDS}, alternating)`);
    console.log(`  0 topics (baseline)   ${Math.round(basePerSecond).toLocaleString('en').padStart(9)} mentions/s   [${fmt(baseRuns)}]`);
    console.log(
      `  20 topics             ${Math.round(topicsPerSecond).toLocaleString('en').padStart(9)} mentions/s   [${fmt(topicRuns)}]   (${withTopics!.tags.toLocaleString('en')} tags, ${(withTopics!.tags / COUNT).toFixed(2)} per mention)`,
    );
    console.log(`  20 topics / 0 topics ratio: ${ratio.toFixed(3)}  (target >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'MET' : 'NOT MET'})`);

    // The matcher alone, without the database: prepare each mention once, test all 20 topics.
    const compiled = REALISTIC_TOPICS.map((t) => compileQuery(parseQuery(t.query)));
    const docs = mentions.map((m) => ({
      text: m.text,
      authorHandle: m.authorHandle,
      lang: m.lang ?? null,
      sourceId: 'bench',
      url: m.url ?? null,
      platform: m.platform,
    }));
    const prepared = time(() => docs.map(prepareDocument));
    const matched = time(() => {
      let hits = 0;
      for (const d of prepared.value) for (const c of compiled) if (c(d)) hits++;
      return hits;
    });
    const perMention = (ms: number) => ((ms * 1000) / COUNT).toFixed(1);
    console.log(
      `  matcher alone: prepare ${perMention(prepared.ms)} µs + 20 topics ${perMention(matched.ms)} µs per mention = ${Math.round(COUNT / ((prepared.ms + matched.ms) / 1000)).toLocaleString('en')} mentions/s`,
    );

    // History: a 21st topic created on the stored mentions is re-tagged in the background.
    const { services } = withTopics!;
    const backfill = process.hrtime.bigint();
    const topic = services.topics.create({ name: 'Late addition', kind: 'other', query: '(refund* OR overcharg*) -thank*' });
    await services.topics.idle();
    const backfillSeconds = Number(process.hrtime.bigint() - backfill) / 1e9;
    const tagged = services.store.topicHistory.taggedCount(topic.id);
    console.log(
      `\nRe-tagging history for a new topic: ${COUNT.toLocaleString('en')} stored mentions in ${backfillSeconds.toFixed(2)} s = ${Math.round(COUNT / backfillSeconds).toLocaleString('en')} mentions/s (${tagged.toLocaleString('en')} matched)`,
    );

    console.log('\nPreview latency over the stored mentions (median of 5)');
    for (const query of [
      'kestrel* AND (outage OR "no signal")',
      'refund* NEAR/5 (overcharged OR bill)',
      'outage platform:reddit',
      '@KestrelMobile OR #KestrelDown',
    ]) {
      const runs: Array<Awaited<ReturnType<typeof timeAsync<Awaited<ReturnType<typeof services.topics.preview>>>>>> = [];
      for (let i = 0; i < 5; i++) runs.push(await timeAsync(() => services.topics.preview(query, 20)));
      const ms = runs.map((r) => r.ms).sort((a, b) => a - b)[2]!;
      const p = runs[0]!.value;
      const what = p.ok
        ? `${p.method}, ${p.count.toLocaleString('en')}${p.partial ? '+ (partial)' : ''} matched, ${p.examined.toLocaleString('en')} checked`
        : 'error';
      console.log(`  ${query.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms   ${what}`);
    }
    services.topics.stop();
    services.store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
