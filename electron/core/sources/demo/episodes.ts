/** The demo source's scripted crises, as pure functions of time. */
import type { DemoEpisodeKind } from '@shared/domain/demo';

export interface Episode {
  id: string;
  kind: DemoEpisodeKind;
  startsAt: number;
  endsAt: number;
  /** Index into the influencer cast, for 'influencer-complaint'. */
  influencer: number;
}

export const EPISODE_LENGTH_MS: Record<DemoEpisodeKind, number> = {
  outage: 8 * 60_000,
  'influencer-complaint': 6 * 60_000,
};

/** Extra posts at the peak, as a multiple of the calm rate. */
const PEAK: Record<DemoEpisodeKind, number> = { outage: 6, 'influencer-complaint': 2.5 };
const RAMP_UP_MS = 30_000;
const RAMP_DOWN_MS = 2 * 60_000;

/**
 * How many extra posts per calm post the episode adds at time `t`: a fast rise (news of an outage
 * spreads in seconds), a plateau, and a slower fade.
 */
/** The highest intensity an episode of this kind reaches. */
export function episodePeak(kind: DemoEpisodeKind): number {
  return PEAK[kind];
}

export function episodeIntensity(episode: Episode, t: number): number {
  if (t < episode.startsAt || t >= episode.endsAt) return 0;
  const peak = PEAK[episode.kind];
  const sinceStart = t - episode.startsAt;
  const untilEnd = episode.endsAt - t;
  if (sinceStart < RAMP_UP_MS) return peak * (sinceStart / RAMP_UP_MS);
  if (untilEnd < RAMP_DOWN_MS) return peak * (untilEnd / RAMP_DOWN_MS);
  return peak;
}

export function createEpisode(kind: DemoEpisodeKind, startsAt: number, influencer: number): Episode {
  return { id: `${kind}-${startsAt}`, kind, startsAt, endsAt: startsAt + EPISODE_LENGTH_MS[kind], influencer };
}

/**
 * The automatic schedule: one episode every `everyMinutes`, alternating kinds, starting at slot
 * boundaries. Returns the episodes whose start falls in (from, to].
 */
export function scheduledEpisodes(from: number, to: number, everyMinutes: number, influencers: number): Episode[] {
  const slotMs = everyMinutes * 60_000;
  const out: Episode[] = [];
  for (let slot = Math.floor(from / slotMs) + 1; slot * slotMs <= to; slot++) {
    const kind: DemoEpisodeKind = slot % 2 === 0 ? 'outage' : 'influencer-complaint';
    out.push(createEpisode(kind, slot * slotMs, slot % Math.max(1, influencers)));
  }
  return out;
}
