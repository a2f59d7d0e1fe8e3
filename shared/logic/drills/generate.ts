/**
 * The mentions a drill scenario injects, as a pure function of the scenario and a seed. Each post's
 * time comes from its wave's rate ramp (no randomness), and its content from a generator seeded by
 * (seed, wave, index), so any time window yields exactly the posts a whole run would have in it:
 * the runner can ask for "what is due since last time" in slices and gets the same drill.
 */
import type { DrillAuthor, DrillScenario, DrillWave } from '../../contract/drill-schema';
import type { Platform } from '../../domain/mention';
import { mulberry32 } from '../seeded-random';

export const MINUTE = 60_000;

export type DrillTone = 'negative' | 'neutral' | 'positive';

export interface DrillMention {
  /** Milliseconds after the drill's start, in scenario time. */
  offsetMs: number;
  externalId: string;
  platform: Platform;
  text: string;
  authorHandle: string;
  authorName: string | null;
  authorFollowers: number;
  authorVerified: boolean;
  likes: number;
  reposts: number;
  replyTo: string | null;
  /** Index of the wave, or null for an influencer post. */
  wave: number | null;
  /** The tone the text was written in (the analyzer scores it independently). */
  tone: DrillTone;
}

/** The prefix of every external id a run with this seed produces. */
export function drillIdPrefix(seed: number): string {
  return `drill-${seed >>> 0}-`;
}

/** A generator for one (seed, a, b) triple: posts are independent of each other and of the window. */
function rngFor(seed: number, a: number, b: number): () => number {
  let h = (seed >>> 0) ^ Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return mulberry32((h ^ (h >>> 16)) >>> 0);
}

/** Posts a wave produces in its first `t` minutes: the integral of its linear rate ramp. */
function cumulative(w: DrillWave, t: number): number {
  const d = w.durationMinutes;
  const c = Math.max(0, Math.min(d, t));
  return w.rate.start * c + ((w.rate.end - w.rate.start) * c * c) / (2 * d);
}

export function waveCount(w: DrillWave): number {
  return Math.floor(cumulative(w, w.durationMinutes) + 0.5);
}

/** Minutes into the wave of post k: where the cumulative count reaches k + 0.5. */
function postMinute(w: DrillWave, k: number): number {
  const a = w.rate.start;
  const c2 = (w.rate.end - a) / (2 * w.durationMinutes);
  const target = k + 0.5;
  if (Math.abs(c2) < 1e-12) return target / a;
  const disc = Math.max(0, a * a + 4 * c2 * target);
  return (-a + Math.sqrt(disc)) / (2 * c2);
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.min(items.length - 1, Math.floor(rng() * items.length))]!;
}

function tone(rng: () => number, w: DrillWave): DrillTone {
  const { negative, neutral, positive } = w.sentiment;
  const r = rng() * (negative + neutral + positive);
  if (r < negative) return 'negative';
  if (r < negative + neutral) return 'neutral';
  return 'positive';
}

function crowdAuthor(seed: number, waveIndex: number, w: DrillWave, index: number): DrillAuthor {
  const crowd = w.authors.crowd!;
  // Per author, not per post: the same handle always has the same followers and badge.
  const rng = rngFor(seed, 1_000 + waveIndex, index);
  const lo = Math.log(crowd.followers.min + 1);
  const hi = Math.log(crowd.followers.max + 1);
  const followers = Math.max(crowd.followers.min, Math.min(crowd.followers.max, Math.round(Math.exp(lo + (hi - lo) * rng()) - 1)));
  return { handle: `${crowd.handlePrefix}${index + 1}`, followers, verified: rng() < crowd.verifiedShare };
}

function author(rng: () => number, seed: number, waveIndex: number, w: DrillWave): DrillAuthor {
  const { named, crowd } = w.authors;
  if (named.length > 0 && (crowd === null || rng() < 0.3)) return pick(rng, named);
  return crowdAuthor(seed, waveIndex, w, Math.floor(rng() * crowd!.size));
}

export function fillTemplate(template: string, rng: () => number, values: { brand: string; handle: string; terms: readonly string[] }): string {
  return template.replace(/\{(term|brand|handle|n)\}/g, (_m, key: string) => {
    if (key === 'brand') return values.brand;
    if (key === 'handle') return values.handle;
    if (key === 'n') return String(2 + Math.floor(rng() * 98));
    return values.terms.length > 0 ? pick(rng, values.terms) : '';
  });
}

function influencerOffset(s: DrillScenario, i: number): number {
  return Math.round(s.influencerPosts[i]!.atMinute * MINUTE);
}

function wavePost(s: DrillScenario, seed: number, waveIndex: number, k: number, offsetMs: number): DrillMention {
  const w = s.waves[waveIndex]!;
  const prefix = drillIdPrefix(seed);
  const rng = rngFor(seed, waveIndex, k);
  const who = author(rng, seed, waveIndex, w);
  const t = tone(rng, w);
  const text = fillTemplate(pick(rng, w.templates[t]), rng, { brand: s.brand, handle: who.handle, terms: w.terms });
  const platform = pick(rng, w.platforms);
  let replyTo: string | null = null;
  if (rng() < w.replyShare) {
    const earlierInfluencers = s.influencerPosts.map((_p, i) => i).filter((i) => influencerOffset(s, i) < offsetMs);
    if (earlierInfluencers.length > 0 && (k === 0 || rng() < 0.5)) replyTo = `${prefix}i${pick(rng, earlierInfluencers)}`;
    else if (k > 0) replyTo = `${prefix}w${waveIndex}-${Math.floor(rng() * k)}`;
  }
  const likes = Math.floor(rng() * rng() * (who.followers / 50 + 5));
  return {
    offsetMs,
    externalId: `${prefix}w${waveIndex}-${k}`,
    platform,
    text,
    authorHandle: who.handle,
    authorName: who.name ?? null,
    authorFollowers: who.followers,
    authorVerified: who.verified,
    likes,
    reposts: Math.floor(likes / 4),
    replyTo,
    wave: waveIndex,
    tone: t,
  };
}

/**
 * Every post due with fromOffset <= offset < toOffset (scenario milliseconds since the start),
 * ordered by time. Deterministic: the same scenario, seed and window give the same posts.
 */
export function waveMentions(scenario: DrillScenario, seed: number, fromOffset: number, toOffset: number): DrillMention[] {
  const out: DrillMention[] = [];
  if (toOffset <= fromOffset) return out;
  const prefix = drillIdPrefix(seed);
  scenario.influencerPosts.forEach((p, i) => {
    const offsetMs = influencerOffset(scenario, i);
    if (offsetMs < fromOffset || offsetMs >= toOffset) return;
    out.push({
      offsetMs,
      externalId: `${prefix}i${i}`,
      platform: p.platform,
      text: p.text.replaceAll('{brand}', scenario.brand),
      authorHandle: p.author.handle,
      authorName: p.author.name ?? null,
      authorFollowers: p.author.followers,
      authorVerified: p.author.verified,
      likes: p.likes,
      reposts: p.reposts,
      replyTo: null,
      wave: null,
      tone: 'negative',
    });
  });
  scenario.waves.forEach((w, waveIndex) => {
    const start = w.startMinute * MINUTE;
    const count = waveCount(w);
    if (count === 0) return;
    const fromMin = (fromOffset - start) / MINUTE;
    // The first post that can be due: just below where the cumulative count passes the window start.
    let k = Math.max(0, Math.floor(cumulative(w, fromMin) - 0.5) - 1);
    for (; k < count; k++) {
      const offsetMs = Math.round(start + postMinute(w, k) * MINUTE);
      if (offsetMs >= toOffset) break;
      if (offsetMs < fromOffset) continue;
      out.push(wavePost(scenario, seed, waveIndex, k, offsetMs));
    }
  });
  return out.sort((a, b) => a.offsetMs - b.offsetMs || (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
}

/** How many posts the whole scenario injects. */
export function scenarioTotal(scenario: DrillScenario): number {
  return scenario.waves.reduce((n, w) => n + waveCount(w), 0) + scenario.influencerPosts.length;
}

/** Which waves are running at a scenario offset (for the progress display). */
export function activeWaves(scenario: DrillScenario, offsetMs: number): number[] {
  return scenario.waves.flatMap((w, i) => (offsetMs >= w.startMinute * MINUTE && offsetMs < (w.startMinute + w.durationMinutes) * MINUTE ? [i] : []));
}
