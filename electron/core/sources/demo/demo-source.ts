/**
 * The built-in demo source: a realistic, reproducible stream of mentions of a fictional brand, so
 * Earshot is useful with no account. Everything it produces is derived from its seed and cursor,
 * so a crash before the cursor is stored replays exactly the same posts (no gaps, no duplicates).
 */
import { z } from 'zod';
import { DEMO_EPISODE_KINDS, type DemoEpisodeKind } from '@shared/domain/demo';
import type { MentionInput } from '@shared/domain/mention';
import { parseSourceConfig, type PollContext, type PollResult, type SourceAdapter } from '../adapter';
import { createEpisode, episodeIntensity, episodePeak, scheduledEpisodes, type Episode } from './episodes';
import { mixSeed, mulberry32, pick, poissonArrivals } from './random';
import {
  BRAND,
  COMPLAINTS,
  INFLUENCER_COMPLAINT,
  NEUTRAL,
  OUTAGE,
  PILE_ON,
  PRAISE,
  QUESTIONS,
  buildAuthors,
  buildInfluencers,
  fillTemplate,
  type DemoAuthor,
} from './vocabulary';

export const demoConfigSchema = z
  .object({
    /** Calm-time mentions per minute. */
    ratePerMinute: z.number().min(0).max(600_000),
    /** Start a scripted episode every this many minutes; null for triggered ones only. */
    episodeEveryMinutes: z
      .number()
      .min(1)
      .max(24 * 60)
      .nullable(),
    seed: z.number().int(),
  })
  .strict();
export type DemoConfig = z.infer<typeof demoConfigSchema>;

export const DEMO_DEFAULTS: DemoConfig = { ratePerMinute: 30, episodeEveryMinutes: 20, seed: 20150222 };
export const DEMO_INTERVAL_MS = 2_000;
/** After a long pause the demo resumes from a few minutes back instead of flooding the walls. */
const MAX_CATCH_UP_MS = 5 * 60_000;
/** The calm mix of what people write, in percent. */
const MIX: ReadonlyArray<[readonly string[], number]> = [
  [PRAISE, 22],
  [QUESTIONS, 18],
  [NEUTRAL, 28],
  [COMPLAINTS, 32],
];

const cursorSchema = z.object({
  at: z.number(),
  seq: z.number().int().nonnegative(),
  episodes: z.array(z.object({ id: z.string(), kind: z.enum(DEMO_EPISODE_KINDS), startsAt: z.number(), endsAt: z.number(), influencer: z.number().int() })),
});
type DemoCursor = z.infer<typeof cursorSchema>;

export class DemoSource implements SourceAdapter {
  private readonly authors: DemoAuthor[];
  private readonly influencers: DemoAuthor[];
  private readonly triggered: Episode[] = [];
  private triggerCount = 0;

  constructor(
    readonly sourceId: string,
    private readonly config: DemoConfig,
  ) {
    this.authors = buildAuthors(config.seed);
    this.influencers = buildInfluencers(config.seed);
  }

  static fromJson(sourceId: string, json: string): DemoSource {
    return new DemoSource(sourceId, parseSourceConfig(demoConfigSchema, sourceId, json));
  }

  /** Starts a scripted episode at the next poll; returns its window. */
  trigger(kind: DemoEpisodeKind, now: number): Episode {
    const episode = createEpisode(kind, now, this.triggerCount++ % this.influencers.length);
    this.triggered.push(episode);
    return episode;
  }

  async poll({ cursor, now }: PollContext): Promise<PollResult> {
    const state = this.readCursor(cursor, now);
    const from = Math.max(state.at, now - MAX_CATCH_UP_MS);
    const to = now;
    // A triggered episode stays pending until a stored cursor carries it, so a poll that fails or
    // times out does not lose it.
    const committed = new Set(state.episodes.map((e) => e.id));
    this.forgetTriggered((e) => committed.has(e.id) || e.endsAt <= from);
    const episodes = [...state.episodes, ...this.triggered.filter((e) => !committed.has(e.id))];
    if (this.config.episodeEveryMinutes !== null) {
      episodes.push(...scheduledEpisodes(from, to, this.config.episodeEveryMinutes, this.influencers.length));
    }
    const items: MentionInput[] = [];
    let seq = state.seq;
    const random = mulberry32(mixSeed(this.config.seed, from, seq));
    const perMs = this.config.ratePerMinute / 60_000;

    for (const t of poissonArrivals(random, from, to, perMs)) {
      const templates = weightedTemplates(random);
      const author = pick(random, this.authors);
      items.push(this.post(`${seq++}`, author, fillTemplate(pick(random, templates), random), t, random));
    }
    for (const episode of episodes) {
      if (episode.endsAt <= from || episode.startsAt > to) continue;
      seq = this.episodePosts(episode, from, to, perMs, random, seq, items);
    }
    items.sort((a, b) => a.publishedAt - b.publishedAt);
    const next: DemoCursor = { at: to, seq, episodes: episodes.filter((e) => e.endsAt > to) };
    return { items, cursor: JSON.stringify(next) };
  }

  private forgetTriggered(done: (episode: Episode) => boolean): void {
    for (let i = this.triggered.length - 1; i >= 0; i--) {
      if (done(this.triggered[i]!)) this.triggered.splice(i, 1);
    }
  }

  private episodePosts(episode: Episode, from: number, to: number, perMs: number, random: () => number, seqIn: number, out: MentionInput[]): number {
    let seq = seqIn;
    const influencer = this.influencers[episode.influencer % this.influencers.length] ?? this.influencers[0]!;
    const originId = `${episode.id}-origin`;
    if (episode.kind === 'influencer-complaint' && episode.startsAt > from && episode.startsAt <= to) {
      const text = fillTemplate(pick(random, INFLUENCER_COMPLAINT), random);
      out.push({
        ...this.post(originId, influencer, text, episode.startsAt, random),
        likes: 1800 + Math.floor(random() * 4000),
        reposts: 600 + Math.floor(random() * 1500),
        episode: episode.id,
      });
    }
    // The episode's posts are a second Poisson process whose rate follows the episode's curve;
    // thinning draws at the peak rate and keeps each arrival with probability intensity/peak.
    const peak = episodePeak(episode.kind);
    const candidates = poissonArrivals(random, Math.max(from, episode.startsAt), Math.min(to, episode.endsAt), perMs * peak);
    for (const t of candidates) {
      if (random() * peak > episodeIntensity(episode, t)) continue;
      // Ordinary customers only: an influencer joining in is its own episode, not outage noise.
      const author = pick(random, this.authors);
      if (episode.kind === 'outage') {
        out.push({ ...this.post(`${seq++}`, author, fillTemplate(pick(random, OUTAGE), random), t, random), episode: episode.id });
      } else {
        const text = fillTemplate(pick(random, PILE_ON), random, { influencer: influencer.handle });
        out.push({ ...this.post(`${seq++}`, author, text, t, random), replyTo: `${this.config.seed}-${originId}`, episode: episode.id });
      }
    }
    return seq;
  }

  private post(id: string, author: DemoAuthor, text: string, at: number, random: () => number): MentionInput {
    return {
      externalId: `${this.config.seed}-${id}`,
      platform: author.platform,
      text,
      publishedAt: Math.floor(at),
      url: `https://social.example/${author.platform}/${author.handle}/${this.config.seed}-${id}`,
      lang: 'en',
      authorHandle: author.handle,
      authorName: author.name,
      authorFollowers: author.followers,
      authorVerified: author.verified,
      likes: Math.floor(random() * random() * 40),
      reposts: Math.floor(random() * random() * 8),
      replies: Math.floor(random() * 3),
      replyTo: null,
      episode: null,
    };
  }

  private readCursor(cursor: string | null, now: number): DemoCursor {
    if (cursor !== null) {
      try {
        const parsed = cursorSchema.safeParse(JSON.parse(cursor));
        if (parsed.success) return parsed.data;
      } catch {
        // Fall through: an unreadable cursor restarts the stream from now.
      }
    }
    return { at: now - DEMO_INTERVAL_MS, seq: 0, episodes: [] };
  }
}

function weightedTemplates(random: () => number): readonly string[] {
  let roll = random() * 100;
  for (const [templates, weight] of MIX) {
    roll -= weight;
    if (roll < 0) return templates;
  }
  return COMPLAINTS;
}

export const DEMO_BRAND = BRAND;
