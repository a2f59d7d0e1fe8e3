/**
 * `npm run bench:care`: what conversation grouping costs at ingest, and how fast the inbox answers
 * with tens of thousands of open conversations. Both are measured beside a baseline in the same run
 * on the same disk: the ingest pipeline without care's hook, and a plain primary-key page of the
 * conversations table. Targets: grouping keeps at least 70% of the pipeline's throughput (ratio
 * ≥ 0.7); an inbox page (urgency order, first or deep) answers in under 50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MentionInput } from '@shared/domain/mention';
import { createMemoryLogger } from '../../electron/core/base/logger';
import { CareService } from '../../electron/core/care/care-service';
import { inboxSearch } from '../../electron/core/care/inbox-search';
import { LiveHub } from '../../electron/core/live/hub';
import { IngestPipeline } from '../../electron/core/pipeline/ingest';
import { DemoSource } from '../../electron/core/sources/demo/demo-source';
import type { InboxFilter } from '../../electron/core/store/queries/care';
import { openStore, type Store } from '../../electron/core/store/store';
import { offlineOutbound } from '../support/outbound';

const COUNT = Number(process.env.BENCH_MENTIONS ?? 100_000);
const BATCH = 1_000;
const TARGET_RATIO = 0.7;
const TARGET_PAGE_MS = 50;
const OPEN: InboxFilter = { statuses: ['new', 'assigned', 'waiting-on-customer', 'escalated'] };

async function makeMentions(count: number): Promise<MentionInput[]> {
  // The demo source: a stable cast of authors who post again and again, so grouping has work to do.
  const source = new DemoSource('bench', { ratePerMinute: 600_000, episodeEveryMinutes: 2, seed: 11 });
  const out: MentionInput[] = [];
  let cursor: string | null = null;
  let now = Date.now() - 6 * 60 * 60_000;
  while (out.length < count) {
    now += 2_000;
    const result = await source.poll({ cursor, now, signal: new AbortController().signal, ...offlineOutbound() });
    cursor = result.cursor;
    out.push(...(result.items as MentionInput[]));
  }
  // The demo squeezes hours of posting into minutes; give each author a new identity every 500
  // posts so the set holds many conversations of a few posts each, as a real inbox does.
  return out.slice(0, count).map((m, i) => ({ ...m, authorHandle: `${m.authorHandle}_${Math.floor(i / 500)}` }));
}

function ingestAll(store: Store, pipeline: IngestPipeline, mentions: readonly MentionInput[]): number {
  store.sources.create({ id: 'bench', kind: 'demo', name: 'bench', config: '{}', enabled: true, intervalMs: 1_000, createdAt: Date.now() });
  const started = process.hrtime.bigint();
  for (let i = 0; i < mentions.length; i += BATCH) pipeline.ingest('bench', mentions.slice(i, i + BATCH), String(i));
  return mentions.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

function medianMs(runs: number, work: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-care-bench-'));
  try {
    console.log(`generating ${COUNT.toLocaleString()} demo mentions…`);
    const mentions = await makeMentions(COUNT);
    const logger = createMemoryLogger();

    const baseStore = openStore(join(dir, 'base'));
    const basePerSecond = ingestAll(baseStore, new IngestPipeline(baseStore, logger), mentions);
    baseStore.close();

    const store = openStore(join(dir, 'care'));
    const pipeline = new IngestPipeline(store, logger);
    const care = new CareService(store, new LiveHub(), logger, Date.now);
    care.attach(pipeline);
    let hookNs = 0n;
    const group = care.groupStored.bind(care);
    care.groupStored = (sourceId, stored, now) => {
      const started = process.hrtime.bigint();
      group(sourceId, stored, now);
      hookNs += process.hrtime.bigint() - started;
    };
    const carePerSecond = ingestAll(store, pipeline, mentions);
    const conversations = store.care.count({ statuses: [] });
    const open = store.care.count(OPEN);

    console.log('\ningest (mentions/s, same mentions, same disk)');
    console.log(`  pipeline without care (baseline): ${Math.round(basePerSecond).toLocaleString()}`);
    console.log(`  pipeline with conversation grouping: ${Math.round(carePerSecond).toLocaleString()}  (ratio ${(carePerSecond / basePerSecond).toFixed(2)})`);
    console.log(`  ${COUNT.toLocaleString()} mentions → ${conversations.toLocaleString()} conversations (${open.toLocaleString()} open)`);
    console.log(`  time inside the grouping hook: ${(Number(hookNs) / 1e3 / COUNT).toFixed(1)} µs per mention`);
    console.log(`  target ratio ≥ ${TARGET_RATIO}: ${carePerSecond / basePerSecond >= TARGET_RATIO ? 'met' : 'NOT met'}`);

    const baselinePage = medianMs(30, () => store.db.prepare('SELECT * FROM care_conversations ORDER BY id DESC LIMIT 100').all());
    const first = medianMs(30, () => care.inbox({ filter: OPEN, sort: 'urgency', cursor: null, limit: 100 }));
    let cursor: string | null = null;
    for (let i = 0; i < 100 && (i === 0 || cursor); i++) cursor = care.inbox({ filter: OPEN, sort: 'urgency', cursor, limit: 100 }).nextCursor;
    const deepCursor = cursor;
    const deep = deepCursor ? medianMs(30, () => care.inbox({ filter: OPEN, sort: 'urgency', cursor: deepCursor, limit: 100 })) : NaN;
    const waiting = medianMs(30, () => care.inbox({ filter: OPEN, sort: 'waiting', cursor: null, limit: 100 }));
    const negative = medianMs(30, () => care.inbox({ filter: { ...OPEN, sentiment: 'negative' }, sort: 'urgency', cursor: null, limit: 100 }));
    const search = medianMs(10, () => care.inbox({ filter: { ...OPEN, ...inboxSearch(store, 'refund') }, sort: 'urgency', cursor: null, limit: 100 }));
    const kpis = medianMs(5, () => care.kpis({ from: Date.now() - 7 * 86_400_000, to: Date.now() }));

    console.log(`\ninbox at ${open.toLocaleString()} open conversations (median ms; page = 100 rows + total count)`);
    console.log(`  baseline: primary-key page, no count: ${baselinePage.toFixed(2)}`);
    console.log(`  first page by urgency: ${first.toFixed(2)}  (ratio ${(first / baselinePage).toFixed(1)})`);
    console.log(`  page 100 by urgency (cursor): ${Number.isNaN(deep) ? 'n/a (fewer pages)' : deep.toFixed(2)}`);
    console.log(`  first page, waiting longest: ${waiting.toFixed(2)}`);
    console.log(`  first page, negative only: ${negative.toFixed(2)}`);
    console.log(`  search "refund" (topic query language → FTS5): ${search.toFixed(2)}`);
    console.log(`  care.kpis over the last 7 days: ${kpis.toFixed(2)}`);
    const worst = Math.max(first, Number.isNaN(deep) ? 0 : deep);
    console.log(`  target < ${TARGET_PAGE_MS} ms per page: ${worst < TARGET_PAGE_MS ? 'met' : 'NOT met'}`);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
