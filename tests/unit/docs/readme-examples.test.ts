/**
 * The topics guide's example queries (the ```text block of docs/topics.md) parse, and
 * each finds something in the built-in demo stream they are written for, so a new user who copies
 * one sees it work.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MentionInput } from '@shared/domain/mention';
import { compileQuery, parseQuery, prepareDocument, type MatchDocument } from '@shared/logic/query';
import { DemoSource } from '../../../electron/core/sources/demo/demo-source';
import { offlineOutbound } from '../../support/outbound';

function readmeExamples(): string[] {
  const guide = readFileSync(join(__dirname, '../../../docs/topics.md'), 'utf8');
  const block = /```text\n([\s\S]*?)```/.exec(guide);
  if (!block) throw new Error('docs/topics.md: no ```text block of example queries');
  // Each line: the query, two or more spaces, what it is for.
  return block[1]!
    .trim()
    .split('\n')
    .map((line) => line.split(/\s{2,}/)[0]!.trim());
}

let docs: MatchDocument[];

beforeAll(async () => {
  // Half an hour of the demo stream with crisis episodes, as `npm start` would produce.
  const source = new DemoSource('demo', { ratePerMinute: 200, episodeEveryMinutes: 5, seed: 3 });
  const items: MentionInput[] = [];
  let cursor: string | null = null;
  const start = Date.UTC(2025, 0, 15, 12, 0, 0);
  for (let now = start; now < start + 30 * 60_000; now += 10_000) {
    const result = await source.poll({ cursor, now, signal: new AbortController().signal, ...offlineOutbound() });
    cursor = result.cursor;
    items.push(...(result.items as MentionInput[]));
  }
  docs = items.map((m) =>
    prepareDocument({ text: m.text, authorHandle: m.authorHandle, lang: m.lang ?? null, sourceId: 'demo', url: m.url ?? null, platform: m.platform }),
  );
});

describe('README example queries', () => {
  const examples = readmeExamples();

  it('there are examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples)('%s', (query) => {
    const test = compileQuery(parseQuery(query));
    const matched = docs.filter(test).length;
    expect(matched).toBeGreaterThan(0);
    // And it is selective: no example matches the whole stream.
    expect(matched).toBeLessThan(docs.length);
  });
});
