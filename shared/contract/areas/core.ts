/** The foundation's calls: health, the live overview, sources, open alerts, the window layout. */
import { z } from 'zod';
import { change, read, type MethodAccess } from '../access';
import type { Alert } from '../../domain/alert';
import type { HealthReport } from '../../domain/health';
import type { WindowLayout } from '../../domain/layout';
import type { Mention } from '../../domain/mention';
import type { SourceHealth } from '../../domain/source';
import type { MinuteBucket, TopAuthor } from '../../domain/volume';
import { DEMO_EPISODE_KINDS } from '../../domain/demo';

const empty = z.object({}).strict();

export const coreParams = {
  'health.get': empty,
  /**
   * Per-minute buckets covering the last `minutes` minutes, oldest first, gaps filled with zeros.
   * Up to a week, as `topics.volume` and `review.volume`: a widget comparing a day with the day
   * before asks for two days.
   */
  'volume.recent': z
    .object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    })
    .strict(),
  /** Newest first (by publication time, then id). */
  'mentions.recent': z.object({ limit: z.number().int().min(1).max(500) }).strict(),
  'authors.top': z
    .object({
      windowMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
      limit: z.number().int().min(1).max(100),
    })
    .strict(),
  /** Every unresolved alert, acknowledged ones included (newest first). */
  'alerts.open': empty,
  'alerts.acknowledge': z.object({ id: z.number().int().positive(), by: z.string().trim().min(1).max(100) }).strict(),
  'sources.list': empty,
  'sources.setEnabled': z.object({ id: z.string().min(1).max(100), enabled: z.boolean() }).strict(),
  'demo.triggerEpisode': z.object({ sourceId: z.string().min(1).max(100), kind: z.enum(DEMO_EPISODE_KINDS) }).strict(),
  /** The saved multi-monitor layout. Only the Electron shell changes it (windows are its business). */
  'layout.get': empty,
} as const;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const coreAccess = {
  'health.get': read('agent'),
  'volume.recent': read('wall'),
  'mentions.recent': read('wall'),
  'authors.top': read('wall'),
  'alerts.open': read('wall'),
  'alerts.acknowledge': change('lead', 'by'),
  'sources.list': read('wall'),
  'sources.setEnabled': change('admin'),
  'demo.triggerEpisode': change('lead'),
  'layout.get': read('agent'),
} as const satisfies Record<keyof typeof coreParams, MethodAccess>;

export interface CoreResults {
  'health.get': HealthReport;
  'volume.recent': { buckets: MinuteBucket[]; serverTime: number };
  'mentions.recent': { mentions: Mention[] };
  'authors.top': { authors: TopAuthor[]; windowMinutes: number };
  'alerts.open': { alerts: Alert[] };
  'alerts.acknowledge': { alert: Alert };
  'sources.list': { sources: SourceHealth[] };
  'sources.setEnabled': { source: SourceHealth };
  'demo.triggerEpisode': { episodeId: string; startsAt: number; endsAt: number };
  'layout.get': { layout: WindowLayout };
}

/** The foundation's pushes. Every delta is idempotent: replace-by-key or dedupe-by-id. */
export interface CoreEvents {
  /** Minute buckets that changed; replace by `minute`. */
  'volume.delta': { buckets: MinuteBucket[] };
  /** Newly stored mentions, newest first; dedupe by `id`. */
  'mentions.new': { mentions: Mention[] };
  /** The current top authors of the default window; replaces the list. */
  'authors.top': { authors: TopAuthor[]; windowMinutes: number };
  /** The full list of open alerts; replaces the list. */
  'alerts.changed': { alerts: Alert[] };
  /** The health of every source; replaces the list. */
  'sources.health': { sources: SourceHealth[] };
}

export const CORE_EVENT_TOPICS = [
  'volume.delta',
  'mentions.new',
  'authors.top',
  'alerts.changed',
  'sources.health',
] as const satisfies readonly (keyof CoreEvents)[];
