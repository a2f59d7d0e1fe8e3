/**
 * The hand labels of "needs a reply" joined to their posts (airline tweets read from the shared
 * data, demo posts regenerated from the seeded demo stream), with the analysis ingest would give
 * them, and the measure the tests and docs report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer } from '../../electron/core/analysis/analyze-mention';
import { classifyNeedsReply, type TriageContext, type TriageInput } from '@shared/logic/care/needs-reply';
import { airlineSample, demoSample } from './triage-samples';

export interface LabelledPost {
  set: 'airline' | 'demo';
  id: string;
  split: 'tuning' | 'held-out';
  needsReply: boolean;
  reason: string | null;
  platform: string;
  input: TriageInput;
}

interface LabelRow {
  set: 'airline' | 'demo';
  id: string;
  needsReply: boolean;
  reason: string | null;
  split: 'tuning' | 'held-out';
}

export async function labelledPosts(airlineCsv: string): Promise<LabelledPost[]> {
  const labels = JSON.parse(readFileSync(join(__dirname, '../fixtures/care/needs-reply-labels.json'), 'utf8')) as LabelRow[];
  const analyzer = createAnalyzer();
  const posts = new Map<string, { platform: string; text: string; handle: string; name: string | null }>();
  for (const t of airlineSample(airlineCsv)) posts.set(`airline:${t.id}`, { platform: 'x', text: t.text, handle: t.name, name: null });
  for (const m of await demoSample())
    posts.set(`demo:${m.externalId}`, { platform: m.platform, text: m.text, handle: m.authorHandle, name: m.authorName ?? null });
  return labels.map((l) => {
    const post = posts.get(`${l.set}:${l.id}`);
    if (!post) throw new Error(`needs-reply-labels.json: no ${l.set} post with id ${l.id} in the seeded sample`);
    const a = analyzer.analyzeText(post.text, 'en');
    return {
      ...l,
      platform: post.platform,
      input: { text: post.text, authorHandle: post.handle, authorName: post.name, intents: a.intents, sentiment: a.sentiment, sentimentScore: a.score },
    };
  });
}

export interface Measure {
  n: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

/** Precision and recall of "needs a reply" (the positive class). */
export function measure(posts: readonly LabelledPost[], context: TriageContext): Measure {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of posts) {
    const predicted = classifyNeedsReply(p.input, context, p.platform).needsReply;
    if (predicted && p.needsReply) tp += 1;
    else if (predicted) fp += 1;
    else if (p.needsReply) fn += 1;
  }
  return {
    n: posts.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp / Math.max(1, tp + fp),
    recall: tp / Math.max(1, tp + fn),
  };
}

/** The brands of each labelled set, as a workspace would configure them. */
export const AIRLINE_BRAND: TriageContext = {
  ownHandles: new Set(['united', 'usairways', 'americanair', 'southwestair', 'jetblue', 'virginamerica']),
  brandTerms: ['united', 'us airways', 'usair', 'american air', 'southwest', 'jetblue', 'virgin america'],
  learned: new Map(),
};
export const DEMO_BRAND_CONTEXT: TriageContext = { ownHandles: new Set(['kestrelmobile']), brandTerms: ['kestrel'], learned: new Map() };
