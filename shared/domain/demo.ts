/** Scripted crisis episodes of the built-in demo source. */
export const DEMO_EPISODE_KINDS = ['outage', 'influencer-complaint'] as const;
export type DemoEpisodeKind = (typeof DEMO_EPISODE_KINDS)[number];
