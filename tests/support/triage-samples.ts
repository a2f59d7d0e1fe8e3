/**
 * The fixed samples the "needs a reply" labels were written against. They are drawn with a seeded
 * shuffle, so the same ids come back on every machine; the labels in tests/fixtures/care name
 * posts by id only (the airline tweets may not be copied into the repository).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { mulberry32 } from '@shared/logic/seeded-random';
import { DemoSource } from '../../electron/core/sources/demo/demo-source';
import type { MentionInput } from '@shared/domain/mention';

export const SAMPLE_SIZE = 300;

export interface AirlineTweet {
  id: string;
  name: string;
  text: string;
  retweets: number;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** 300 distinct airline tweets, the same on every run. */
export function airlineSample(csvPath: string): AirlineTweet[] {
  const rows = parse(readFileSync(csvPath), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const byId = new Map<string, AirlineTweet>();
  for (const r of rows) {
    const id = r['tweet_id']!;
    if (!byId.has(id)) byId.set(id, { id, name: r['name'] ?? '', text: r['text'] ?? '', retweets: Number(r['retweet_count'] ?? 0) });
  }
  return shuffled(
    [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)),
    1_600_300,
  ).slice(0, SAMPLE_SIZE);
}

/** 300 posts of the demo stream over two simulated hours (calm, an outage, an influencer pile-on). */
export async function demoSample(): Promise<MentionInput[]> {
  const source = new DemoSource('demo', { ratePerMinute: 30, episodeEveryMinutes: 20, seed: 20150222 });
  const start = Date.UTC(2026, 10, 2, 9, 0, 0);
  const all: MentionInput[] = [];
  let cursor: string | null = null;
  for (let t = start + 60_000; t <= start + 2 * 3_600_000; t += 60_000) {
    const result = await source.poll({ cursor, now: t } as Parameters<DemoSource['poll']>[0]);
    all.push(...(result.items as MentionInput[]));
    cursor = result.cursor;
  }
  return shuffled(all, 1_600_301).slice(0, SAMPLE_SIZE);
}
