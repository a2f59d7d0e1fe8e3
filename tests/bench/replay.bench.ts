/**
 * `npm run bench:replay`: how fast the replay ("as of") reads answer a scrubber on a large record,
 * against the live rollup read of the same window measured in the same run.
 *
 * A synthetic record of 14 days at ~25 mentions/minute (about 500,000 mentions, 5 topics, each
 * mention heard 0–120 s after publication) is written straight into a temp database, then each
 * read is timed at 50 moments spread over the record.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import { authorsTopAt, mentionsAt, topicsVolumeAt, trendsAt, volumeAt } from '../../electron/core/review/as-of';
import { openStore } from '../../electron/core/store/store';
import { extractTerms } from '../../electron/core/understanding/terms';

const DAYS = 14;
const PER_MINUTE = 25;
const WORDS = 'delay cancelled refund baggage crew gate seat upgrade lounge wifi outage signal bill router broadband engineer'.split(' ');

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-replay-bench-'));
  const store = openStore(dir);
  try {
    const start = Date.UTC(2026, 0, 1);
    const minutes = DAYS * 24 * 60;
    let seed = 42;
    const rand = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const t0 = Date.now();
    store.db
      .prepare("INSERT INTO sources (id, kind, name, config, enabled, interval_ms, created_at) VALUES ('bench', 'demo', 'bench', '{}', 1, 1000, 0)")
      .run();
    for (let t = 1; t <= 5; t++) store.topics.create({ name: `Topic ${t}`, kind: 'other', query: WORDS[t]!, color: null, enabled: true }, 0);
    const insert = store.db.prepare(`INSERT INTO mentions (source_id, external_id, platform, text, published_at, ingested_at, heard_at, author_handle,
      author_followers, sentiment, sentiment_score, sentiment_confidence, intents, clout, urgency) VALUES ('bench', ?, 'x', ?, ?, ?, ?, ?, ?, ?, 0, 0.5, '[]', 0, 0)`);
    const tag = store.db.prepare('INSERT INTO mention_topics (mention_id, topic_id) VALUES (?, ?)');
    let n = 0;
    store.transaction(() => {
      for (let m = 0; m < minutes; m++) {
        for (let i = 0; i < PER_MINUTE; i++) {
          const published = start + m * MINUTE_MS + Math.floor(rand() * MINUTE_MS);
          const heard = published + Math.floor(rand() * 120_000);
          const a = WORDS[Math.floor(rand() * WORDS.length)]!;
          const b = WORDS[Math.floor(rand() * WORDS.length)]!;
          const sentiment = rand() < 0.5 ? 'negative' : rand() < 0.5 ? 'neutral' : 'positive';
          const id = Number(
            insert.run(
              `b${n++}`,
              `my ${a} and the ${b} again`,
              published,
              heard,
              heard,
              `user${Math.floor(rand() * 20_000)}`,
              Math.floor(rand() * 50_000),
              sentiment,
            ).lastInsertRowid,
          );
          const topic = WORDS.indexOf(a);
          if (topic >= 1 && topic <= 5) tag.run(id, topic);
        }
      }
    });
    // The rollups the live calls read (and trends subtracts from), as ingest would have left them.
    store.db.exec(`INSERT INTO volume_minute (minute, source_id, total, positive, neutral, negative, reach)
      SELECT (published_at / 60000) * 60000, source_id, COUNT(*), SUM(sentiment = 'positive'), SUM(sentiment = 'neutral'), SUM(sentiment = 'negative'),
        SUM(COALESCE(author_followers, 0)) FROM mentions GROUP BY 1, 2`);
    const counts = new Map<string, number>();
    for (const r of store.db.prepare('SELECT published_at AS p, text FROM mentions').all() as Array<{ p: number; text: string }>) {
      for (const term of extractTerms(r.text)) {
        const key = `${floorToMinute(r.p)}\u0000${term}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const addTerm = store.db.prepare('INSERT INTO term_minute (topic_id, minute, term, count) VALUES (0, ?, ?, ?)');
    store.transaction(() => {
      for (const [key, count] of counts) {
        const [minute, term] = key.split('\u0000');
        addTerm.run(Number(minute), term, count);
      }
    });
    console.log(`# Replay reads benchmark\n\n${n.toLocaleString('en')} mentions over ${DAYS} days written in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

    const moments = Array.from({ length: 50 }, (_, i) => start + Math.floor(((i + 0.5) / 50) * minutes) * MINUTE_MS + 17_000);
    const time = (fn: (at: number) => unknown): number => {
      for (const at of moments.slice(0, 5)) fn(at);
      const s = performance.now();
      for (const at of moments) fn(at);
      return (performance.now() - s) / moments.length;
    };
    const baseline = time((at) => store.volume.range(floorToMinute(at) - 59 * MINUTE_MS, at));
    const rows: Array<[string, number]> = [
      ['live rollup read, 60 min (baseline)', baseline],
      ['review.volume, 60 min', time((at) => volumeAt(store, at, 60))],
      ['review.volume, one topic, 60 min', time((at) => volumeAt(store, at, 60, 3))],
      ['review.volume, 24 h', time((at) => volumeAt(store, at, 24 * 60))],
      ['review.topicsVolume, 60 min', time((at) => topicsVolumeAt(store, at, 60))],
      ['review.mentions, 100', time((at) => mentionsAt(store, at, 100))],
      ['review.authorsTop, 60 min', time((at) => authorsTopAt(store, at, 60, 10))],
      ['review.trends, 60 min (+ 240 min baseline)', time((at) => trendsAt(store, at, null, 60, 20))],
    ];
    // An analyst's review after the record: 2,000 corrections made after every moment, so each
    // labelled read looks up what the first later correction replaced.
    const correctedAt = start + minutes * MINUTE_MS + 3_600_000;
    store.transaction(() => {
      const correct = store.db
        .prepare(`INSERT INTO sentiment_corrections (mention_id, previous_label, label, corrected_by, corrected_at, previous_score, previous_confidence)
        SELECT id, sentiment, 'positive', 'bench', ?, sentiment_score, sentiment_confidence FROM mentions WHERE id % 252 = 0`);
      correct.run(correctedAt);
    });
    rows.push(
      ['review.volume, 60 min, with later corrections', time((at) => volumeAt(store, at, 60))],
      ['review.volume, 24 h, with later corrections', time((at) => volumeAt(store, at, 24 * 60))],
      ['review.mentions, 100, with later corrections', time((at) => mentionsAt(store, at, 100))],
      ['review.authorsTop, 60 min, with later corrections', time((at) => authorsTopAt(store, at, 60, 10))],
    );
    console.log('| read | mean per moment | × baseline |\n|---|---:|---:|');
    for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(2)} ms | ${(ms / baseline).toFixed(1)} |`);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
