/**
 * Turns what happens in the core into small pushes: each stored batch becomes the minute buckets
 * it changed and its newest mentions; slower-moving views (top authors, source health) are pushed
 * on a short timer only when something changed. Nothing here scans all mentions.
 */
import { TOP_AUTHORS_WINDOW_MINUTES } from '@shared/contract/events';
import { HEARTBEAT_INTERVAL_MS } from '@shared/contract/frames';
import { MINUTE_MS } from '@shared/logic/time';
import type { AlertService } from '../alerts/alert-service';
import type { IngestPipeline } from '../pipeline/ingest';
import type { Scheduler } from '../scheduler/scheduler';
import type { Store } from '../store/store';
import type { LiveHub } from './hub';

/** Mentions per `mentions.new` push: a ticker shows a few dozen, never a 2,000-row batch. */
export const TICKER_PUSH_LIMIT = 50;
export const TOP_AUTHORS_LIMIT = 8;

export interface PushTimings {
  heartbeatEveryMs: number;
  authorsEveryMs: number;
  healthEveryMs: number;
  alertsEveryMs: number;
}

export const DEFAULT_PUSH_TIMINGS: PushTimings = { heartbeatEveryMs: HEARTBEAT_INTERVAL_MS, authorsEveryMs: 3_000, healthEveryMs: 1_000, alertsEveryMs: 2_000 };

export interface PushDeps {
  hub: LiveHub;
  store: Store;
  pipeline: IngestPipeline;
  scheduler: Scheduler;
  alerts: AlertService;
  now: () => number;
  timings?: PushTimings;
}

export function wireLivePushes({ hub, store, pipeline, scheduler, alerts, now, timings = DEFAULT_PUSH_TIMINGS }: PushDeps): () => void {
  let authorsDirty = true;
  let healthDirty = true;
  let ticks = 0;

  const unsubscribeBatch = pipeline.onBatch((_sourceId, result) => {
    if (result.stored.length === 0) return;
    if (hub.hasSubscribers('volume.delta')) hub.publish('volume.delta', { buckets: store.volume.minutes(result.minutes) });
    if (hub.hasSubscribers('mentions.new')) {
      const newest = [...result.stored].sort((a, b) => b.publishedAt - a.publishedAt || b.id - a.id).slice(0, TICKER_PUSH_LIMIT);
      hub.publish('mentions.new', { mentions: newest });
    }
    authorsDirty = true;
    alerts.checkMentions(result.stored);
  });
  const unsubscribeHealth = scheduler.onHealth(() => {
    healthDirty = true;
  });
  const unsubscribeAlerts = alerts.onChange((list) => hub.publish('alerts.changed', { alerts: list }));

  const authorsTimer = setInterval(() => {
    if (!authorsDirty || !hub.hasSubscribers('authors.top')) return;
    authorsDirty = false;
    const at = now();
    const authors = store.mentions.topAuthors(at - TOP_AUTHORS_WINDOW_MINUTES * MINUTE_MS, at, TOP_AUTHORS_LIMIT);
    hub.publish('authors.top', { authors, windowMinutes: TOP_AUTHORS_WINDOW_MINUTES });
  }, timings.authorsEveryMs);

  // Health is also re-sent every few seconds unchanged, so a wall notices a silent core.
  const healthTimer = setInterval(() => {
    ticks++;
    if (!healthDirty && ticks % 5 !== 0) return;
    healthDirty = false;
    hub.publish('sources.health', { sources: scheduler.health() });
  }, timings.healthEveryMs);

  const alertsTimer = setInterval(() => alerts.evaluate(scheduler.health()), timings.alertsEveryMs);
  const heartbeatTimer = setInterval(() => hub.broadcast(JSON.stringify({ t: 'tick', serverTime: now() })), timings.heartbeatEveryMs);

  return () => {
    unsubscribeBatch();
    unsubscribeHealth();
    unsubscribeAlerts();
    clearInterval(authorsTimer);
    clearInterval(healthTimer);
    clearInterval(alertsTimer);
    clearInterval(heartbeatTimer);
  };
}
