/**
 * Open alerts and source health: read by walls, the Alerts view and the Sources view alike, live
 * from their pushes and in replay as the war room saw them at the replay's moment.
 */
import type { Alert } from '@shared/domain/alert';
import type { SourceHealth } from '@shared/domain/source';
import { useLive, type Live } from './use-live';

/** Every unresolved alert, acknowledged ones included, newest first. */
export function useOpenAlerts(): Live<Alert[]> {
  return useLive<Alert[]>({
    key: 'alerts',
    load: async (client) => (await client.call('alerts.open', {})).alerts,
    replay: async (client, { workspace, at }) => (await client.call('review.alertsOpen', { workspace, at })).alerts,
    deltas: [{ topic: 'alerts.changed', apply: (_current, payload) => payload.alerts }],
  });
}

export function useSources(): Live<SourceHealth[]> {
  return useLive<SourceHealth[]>({
    key: 'sources',
    load: async (client) => (await client.call('sources.list', {})).sources,
    replay: async (client, { workspace, at }) => (await client.call('review.sources', { workspace, at })).sources,
    deltas: [{ topic: 'sources.health', apply: (_current, payload) => payload.sources }],
  });
}
