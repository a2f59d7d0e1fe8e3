/**
 * The history search's promise: the FTS5 expression a query is translated to never misses a
 * mention the exact matcher accepts (it is a superset), and when it says it is exact it finds
 * precisely the same mentions. Checked on real tweets (the airline set, where present) and on
 * hand-made hostile texts, through the real store's `mentions_fts` table.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuery, parseQuery, prepareDocument, toFts } from '@shared/logic/query';
import type { MentionRow } from '../../../../../electron/core/store/queries/mentions';
import { openStore, type Store } from '../../../../../electron/core/store/store';
import { sharedDataFile } from '../../../../support/shared-data';
import { createSource } from '../../../../support/core-helpers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HANDMADE = [
  '@KestrelMobile no signal for 3 hours, this is ridiculous #KestrelDown',
  'Refunds please! I was overcharged by Kestrel',
  'refund my bill now',
  'the bill, I want a refund',
  'Café crème at the café in Leeds, wi-fi down',
  'WiFi down again',
  '我的iPhone手机坏了',
  'so 🔥🔥 today kestrel',
  'k\u0301estrel é ｋｅｓｔｒｅｌ',
  'Comparing Kestrel and two others for Unlimited Plus',
  'no, signal is fine. NOT bad at all AND cheap OR free',
  '"quoted" text with "and" in it',
  'cancelled flight cancelled again Cancelled Flightled',
];

const QUERIES = [
  'flight',
  'cancelled flight*',
  '"cancelled flight"',
  'cancel* NEAR/3 flight*',
  '(delay* OR late) NEAR/2 (flight OR plane)',
  '(late OR delay OR wait OR hold OR cancel OR lost OR bag OR seat OR crew) NEAR/4 (flight OR plane OR gate OR hour OR hours)',
  'refund* -"thank you"',
  'united AND (bag OR luggage) NOT lost',
  'thank* OR thx OR thanks OR great',
  '#fail',
  '#united*',
  '@united',
  'author:jnardino',
  'customer service -hold',
  'kestrel*',
  '"no signal"',
  'refund NEAR/3 bill',
  'cafe wi-fi',
  'wifi',
  '"and" "not"',
  'kestrel',
  '手机',
  'iphone',
  '🔥 OR kestrel',
  'platform:x flight',
  'flight (NOT delayed) (NOT cancelled)',
];

let store: Store;
let dir: string;
let ids: number[];
let docs: Map<number, ReturnType<typeof prepareDocument>>;
let texts: Map<number, string>;
let matchedSomething = 0;
const GLUED_CJK = /[\u3040-\u30ff\u3400-\u9fff][a-z]|[a-z][\u3040-\u30ff\u3400-\u9fff]/i;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-fts-'));
  store = openStore(dir);
  createSource(store, 'src');
  const airline = sharedDataFile('airline-tweets.csv');
  const corpus = [...HANDMADE];
  const authors: string[] = HANDMADE.map(() => 'someone');
  if (airline.available) {
    const rows = parse(readFileSync(airline.path), { columns: true, skip_empty_lines: true }) as Array<{ text: string; name: string }>;
    for (const r of rows) {
      corpus.push(r.text);
      authors.push(r.name);
    }
  }
  const at = Date.UTC(2025, 0, 1);
  const rows: MentionRow[] = corpus.map((text, i) => ({
    sourceId: 'src',
    externalId: String(i),
    platform: 'x',
    text,
    url: null,
    lang: 'en',
    publishedAt: at + i,
    ingestedAt: at + i,
    authorHandle: authors[i]!,
    authorName: null,
    authorFollowers: 10,
    authorVerified: false,
    likes: null,
    reposts: null,
    replies: null,
    replyTo: null,
    sentiment: 'neutral',
    sentimentScore: 0,
    sentimentConfidence: 0,
    intents: [],
    clout: 0,
    urgency: 0,
    episode: null,
    heardAt: at + i,
    drillRunId: null,
  }));
  const stored = store.transaction(() => store.mentions.insertMany(rows));
  ids = stored.map((m) => m.id);
  docs = new Map(stored.map((m) => [m.id, prepareDocument(m)]));
  texts = new Map(stored.map((m) => [m.id, m.text]));
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('FTS5 translation over the real index', () => {
  it.each(QUERIES)('%s', (query) => {
    const ast = parseQuery(query);
    const test = compileQuery(ast);
    const expected = ids.filter((id) => test(docs.get(id)!));
    const fts = toFts(ast);
    if (fts.match === null) {
      expect(fts.exact).toBe(false);
      return;
    }
    const found = new Set(store.db.prepare('SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ?').pluck().all(fts.match) as number[]);
    // Superset: nothing the matcher accepts is missing from the index's answer, except text that
    // glues Latin letters straight onto Chinese/Japanese characters ("我的iPhone手机"): FTS5 keeps
    // that as one token where the matcher splits it (a known, documented gap of the preview).
    expect(expected.filter((id) => !found.has(id) && !GLUED_CJK.test(texts.get(id)!))).toEqual([]);
    // Exact: and nothing more.
    if (fts.exact) expect([...found].filter((id) => !expected.includes(id))).toEqual([]);
    matchedSomething += expected.length > 0 ? 1 : 0;
  });

  it('found something for most queries (the comparison above is not vacuous)', () => {
    expect(matchedSomething).toBeGreaterThanOrEqual(12);
  });

  it('pushes down what it can and says when it is exact', () => {
    expect(toFts(parseQuery('kestrel AND (outage OR "no signal")'))).toEqual({ match: '("kestrel") AND (("outage") OR ("no signal"))', exact: true });
    expect(toFts(parseQuery('refund* -"free trial"'))).toEqual({ match: '("refund" *) NOT (("free trial"))', exact: true });
    expect(toFts(parseQuery('(a1 OR b1) NEAR/2 c1'))).toEqual({ match: 'NEAR("a1" "c1", 2) OR NEAR("b1" "c1", 2)', exact: true });
    expect(toFts(parseQuery('#KestrelDown'))).toEqual({ match: '"kestreldown"', exact: false });
    expect(toFts(parseQuery('outage platform:x'))).toEqual({ match: '"outage"', exact: false });
    expect(toFts(parseQuery('outage OR platform:x'))).toEqual({ match: null, exact: false });
    expect(toFts(parseQuery('@KestrelMobile'))).toEqual({ match: null, exact: false });
    expect(toFts(parseQuery('手机'))).toEqual({ match: null, exact: false });
  });
});
