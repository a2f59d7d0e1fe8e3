/**
 * How well posts are grouped into stories, against hand labels (tests/fixtures/stories) on two
 * crisis timelines and against the writing template on a demo outage: B-cubed and pairwise
 * precision and recall. `npx tsx tests/bench/story-quality.ts` prints them beside the baseline of
 * grouping identical normalised texts only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MentionInput } from '@shared/domain/mention';
import { normaliseForStory } from '@shared/logic/stories/fingerprint';
import { groupTexts } from '@shared/logic/stories/story-index';
import { DemoSource } from '../../electron/core/sources/demo/demo-source';
import { COMPLAINTS, OUTAGE, PILE_ON } from '../../electron/core/sources/demo/vocabulary';
import { crisisRows } from './crisis-data';
import { createOutboundGuard } from '../../electron/core/net/outbound-guard';
import { OutboundPolicy } from '../../electron/core/net/outbound-policy';

/** These adapters read files or generate posts: no request may leave, so nothing is allowed. */
const OFFLINE_GUARD = createOutboundGuard(() => OutboundPolicy.fromLines([]));
const OFFLINE = { fetch: OFFLINE_GUARD.fetch, outbound: OFFLINE_GUARD };

export interface LabelledPost {
  text: string;
  at: number;
  gold: string;
}

export interface Quality {
  posts: number;
  goldStories: number;
  bcubedPrecision: number;
  bcubedRecall: number;
  pairPrecision: number;
  pairRecall: number;
}

/** B-cubed (per post: the share of its predicted group that is truly its story, and vice versa) and pairwise. */
export function quality(gold: readonly string[], predicted: readonly (number | string)[]): Quality {
  const n = gold.length;
  let p = 0;
  let r = 0;
  let tp = 0;
  let predPairs = 0;
  let goldPairs = 0;
  for (let i = 0; i < n; i++) {
    let samePred = 0;
    let sameGold = 0;
    let both = 0;
    for (let j = 0; j < n; j++) {
      const sp = predicted[j] === predicted[i];
      const sg = gold[j] === gold[i];
      if (sp) samePred++;
      if (sg) sameGold++;
      if (sp && sg) both++;
      if (j > i) {
        if (sp) predPairs++;
        if (sg) goldPairs++;
        if (sp && sg) tp++;
      }
    }
    p += both / samePred;
    r += both / sameGold;
  }
  return {
    posts: n,
    goldStories: new Set(gold).size,
    bcubedPrecision: p / n,
    bcubedRecall: r / n,
    pairPrecision: predPairs === 0 ? 1 : tp / predPairs,
    pairRecall: goldPairs === 0 ? 1 : tp / goldPairs,
  };
}

/** The hand-labelled crisis posts, their text joined from the shared data by tweet id. */
export function crisisSample(sharedDataDir: string, labelsFile: string): LabelledPost[] {
  const lines = readFileSync(labelsFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const byEvent = new Map<string, Map<string, { text: string | null; at: number }>>();
  const out: LabelledPost[] = [];
  for (const line of lines) {
    const [event, id, gold] = line.split('\t') as [string, string, string];
    let rows = byEvent.get(event);
    if (!rows) byEvent.set(event, (rows = new Map(crisisRows(join(sharedDataDir, 'crisis-timelines'), event).map((r) => [r.id, r]))));
    const row = rows.get(id);
    if (!row?.text) throw new Error(`labelled tweet ${id} of ${event} has no text in the shared data`);
    out.push({ text: row.text, at: row.at, gold });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** A regex per writing template: {placeholders} match anything. */
function templateMatchers(): Array<[string, RegExp]> {
  const all = [
    ...OUTAGE.map((t, i) => [`outage${i}`, t] as const),
    ...PILE_ON.map((t, i) => [`pile${i}`, t] as const),
    ...COMPLAINTS.map((t, i) => [`complaint${i}`, t] as const),
  ];
  return all.map(([name, t]) => [
    name,
    new RegExp(
      `^${t
        .split(/\{\w+\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('.*?')}$`,
      'su',
    ),
  ]);
}

/**
 * The posts of a scripted demo outage (fixed seed), each labelled with the template that wrote it:
 * posts of one template say the same thing in the same words, so they are one story. Posts no
 * template explains (calm chatter in the window) are their own stories.
 */
export async function demoOutageSample(seed = 20150222): Promise<LabelledPost[]> {
  const start = Date.UTC(2025, 2, 3, 9, 0);
  const demo = new DemoSource('demo', { ratePerMinute: 30, episodeEveryMinutes: null, seed });
  const matchers = templateMatchers();
  let cursor: string | null = null;
  const posts: LabelledPost[] = [];
  let triggered = false;
  for (let now = start; now <= start + 12 * 60_000; now += 2_000) {
    if (!triggered && now >= start + 2 * 60_000) {
      demo.trigger('outage', now);
      triggered = true;
    }
    const result = await demo.poll({ cursor, now, signal: new AbortController().signal, ...OFFLINE });
    cursor = result.cursor;
    for (const item of result.items as MentionInput[]) {
      if (!item.episode) continue;
      const gold = matchers.find(([, re]) => re.test(item.text))?.[0] ?? `own:${item.externalId}`;
      posts.push({ text: item.text, at: item.publishedAt, gold });
    }
  }
  return posts;
}

export function groupedByStories(posts: readonly LabelledPost[]): Quality {
  return quality(
    posts.map((p) => p.gold),
    groupTexts(posts, normaliseForStory),
  );
}

export function groupedByExactText(posts: readonly LabelledPost[]): Quality {
  return quality(
    posts.map((p) => p.gold),
    posts.map((p) => normaliseForStory(p.text)),
  );
}

async function main(): Promise<void> {
  const { SHARED_DATA_DIR } = await import('../support/shared-data');
  const crisis = crisisSample(SHARED_DATA_DIR, join(__dirname, '../fixtures/stories/crisis-story-labels.tsv'));
  const demo = await demoOutageSample();
  const f = (x: number): string => x.toFixed(3);
  console.log('sample, method                         posts stories   B3-P   B3-R   pair-P pair-R');
  // The NY half chose the join threshold (0.5 of 0.5–0.8 by B-cubed F1); Glasgow and the demo were not looked at for it.
  const samples = [
    ['NY train (tuning)', crisis.filter((p) => p.gold.startsWith('ny'))],
    ['Glasgow (held out)', crisis.filter((p) => p.gold.startsWith('gl'))],
    ['demo outage (templates)', demo],
  ] as const;
  for (const [name, posts] of samples) {
    for (const [method, q] of [
      ['stories', groupedByStories(posts)],
      ['exact text', groupedByExactText(posts)],
    ] as const) {
      console.log(
        `${`${name}, ${method}`.padEnd(38)} ${String(q.posts).padStart(5)} ${String(q.goldStories).padStart(7)}  ${f(q.bcubedPrecision)}  ${f(q.bcubedRecall)}  ${f(q.pairPrecision)}  ${f(q.pairRecall)}`,
      );
    }
  }
}

if (require.main === module) void main();
