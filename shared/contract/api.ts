/**
 * The one map of calls a window may make to the core. Each entry pairs the runtime schema of its
 * parameters (checked by the core: renderers and browsers are untrusted) with its result type.
 * A new call is a new entry here; transports never name calls themselves.
 */
import { z } from 'zod';
import type { Alert } from '../domain/alert';
import type { HealthReport } from '../domain/health';
import type { WindowLayout } from '../domain/layout';
import type { Mention } from '../domain/mention';
import type { SourceHealth } from '../domain/source';
import type { MinuteBucket, TopAuthor } from '../domain/volume';
import { DEMO_EPISODE_KINDS } from '../domain/demo';

const empty = z.object({}).strict();

export const apiParams = {
  'health.get': empty,
  /** Per-minute buckets covering the last `minutes` minutes, oldest first, gaps filled with zeros. */
  'volume.recent': z.object({ minutes: z.number().int().min(1).max(24 * 60) }).strict(),
  /** Newest first (by publication time, then id). */
  'mentions.recent': z.object({ limit: z.number().int().min(1).max(500) }).strict(),
  'authors.top': z.object({ windowMinutes: z.number().int().min(1).max(24 * 60), limit: z.number().int().min(1).max(100) }).strict(),
  /** Every unresolved alert, acknowledged ones included (newest first). */
  'alerts.open': empty,
  'alerts.acknowledge': z.object({ id: z.number().int().positive(), by: z.string().trim().min(1).max(100) }).strict(),
  'sources.list': empty,
  'sources.setEnabled': z.object({ id: z.string().min(1).max(100), enabled: z.boolean() }).strict(),
  'demo.triggerEpisode': z.object({ sourceId: z.string().min(1).max(100), kind: z.enum(DEMO_EPISODE_KINDS) }).strict(),
  /** The saved multi-monitor layout. Only the Electron shell changes it (windows are its business). */
  'layout.get': empty,
} as const;

export interface ApiResults {
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

export type ApiMethod = keyof typeof apiParams;
export type ApiParams<M extends ApiMethod> = z.input<(typeof apiParams)[M]>;
export type ApiResult<M extends ApiMethod> = ApiResults[M];

/** Compile-time check that every call has a result type and vice versa. */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameKeys: Exact<ApiMethod, keyof ApiResults> = true;
void _sameKeys;

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiParams, name);
}
