/**
 * Keeps the stores in step with the core: on every (re)connection it fetches full snapshots,
 * then applies pushed deltas. Every delta is idempotent, so a delta that races a snapshot does
 * no harm, and a wall that lost the core recovers by itself when the core greets it again.
 */
import { TOP_AUTHORS_WINDOW_MINUTES } from '../../../shared/contract/events';
import type { RpcClient } from '../../../shared/rpc/client';
import { alertsActions } from '../stores/alerts';
import { authorsActions, TOP_AUTHORS_LIMIT } from '../stores/authors';
import { clockActions } from '../stores/clock';
import { connectionActions, isLive, useConnectionStore } from '../stores/connection';
import { mentionsActions } from '../stores/mentions';
import { sourcesActions } from '../stores/sources';
import { VOLUME_WINDOW_MINUTES, volumeActions } from '../stores/volume';
import { MENTION_FEED_CAP } from '../../../shared/logic/mention-feed';
import { errorMessage } from '../lib/error-message';
import { isReplaying, useTimeContext } from '../replay/time-context';

export interface LiveSyncOptions {
  /** How often the volume window moves on without data, so an idle minute appears as zero. */
  advanceEveryMs?: number;
  /** Wait before fetching the snapshots again after a failed attempt on a live connection. */
  retryAfterMs?: number;
}

export function startLiveSync(client: RpcClient, options: LiveSyncOptions = {}): () => void {
  const advanceEveryMs = options.advanceEveryMs ?? 5_000;
  const retryAfterMs = options.retryAfterMs ?? 3_000;
  const now = () => client.serverNow();
  // Bumped on each hello and each disconnect: answers to an older round are ignored.
  let round = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let clockTimer: ReturnType<typeof setTimeout> | null = null;

  const clearRetry = () => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  };

  const disposers: Array<() => void> = [
    client.subscribe('volume.delta', (p) => {
      if (isReplaying()) return; // replay-sync owns the stores meanwhile
      volumeActions.delta(p.buckets, now());
      connectionActions.dataArrived(now());
    }),
    client.subscribe('mentions.new', (p) => {
      if (isReplaying()) return; // replay-sync owns the stores meanwhile
      mentionsActions.add(p.mentions);
      connectionActions.dataArrived(now());
    }),
    client.subscribe('authors.top', (p) => {
      if (isReplaying()) return; // replay-sync owns the stores meanwhile
      authorsActions.replace(p.authors, p.windowMinutes);
      connectionActions.dataArrived(now());
    }),
    client.subscribe('alerts.changed', (p) => {
      if (isReplaying()) return; // replay-sync owns the stores meanwhile
      alertsActions.replace(p.alerts);
      connectionActions.dataArrived(now());
    }),
    client.subscribe('sources.health', (p) => {
      if (isReplaying()) return; // replay-sync owns the stores meanwhile
      sourcesActions.replace(p.sources);
      connectionActions.dataArrived(now());
    }),
    client.onConnectionState((state) => {
      connectionActions.pipeChanged(state, now());
      if (state !== 'open') {
        round += 1;
        clearRetry();
      }
    }),
    client.onHello((hello) => {
      round += 1;
      clearRetry();
      connectionActions.syncStarted(hello.version);
      if (!isReplaying()) void fetchSnapshots(round);
    }),
    useTimeContext.subscribe((s, prev) => {
      if (s.mode === prev.mode) return;
      round += 1;
      clearRetry();
      if (s.mode === 'live' && client.connectionState === 'open') {
        // Back from a replay: what the stores hold is the past; start over from fresh snapshots.
        volumeActions.reset();
        mentionsActions.reset();
        connectionActions.syncStarted(useConnectionStore.getState().serverVersion ?? '');
        void fetchSnapshots(round);
      }
    }),
  ];
  connectionActions.pipeChanged(client.connectionState, now());

  async function fetchSnapshots(mine: number): Promise<void> {
    const current = () => mine === round;
    try {
      // Each snapshot is applied as soon as it lands; "synced" waits for all of them.
      await Promise.all([
        client.call('volume.recent', { minutes: VOLUME_WINDOW_MINUTES }).then((r) => {
          if (current()) volumeActions.snapshot(r.buckets, now());
        }),
        client.call('mentions.recent', { limit: MENTION_FEED_CAP }).then((r) => {
          if (current()) mentionsActions.add(r.mentions);
        }),
        client.call('authors.top', { windowMinutes: TOP_AUTHORS_WINDOW_MINUTES, limit: TOP_AUTHORS_LIMIT }).then((r) => {
          if (current()) authorsActions.replace(r.authors, r.windowMinutes);
        }),
        client.call('alerts.open', {}).then((r) => {
          if (current()) alertsActions.replace(r.alerts);
        }),
        client.call('sources.list', {}).then((r) => {
          if (current()) sourcesActions.replace(r.sources);
        }),
      ]);
      if (current()) connectionActions.synced(now());
    } catch (error) {
      if (!current()) return;
      connectionActions.syncFailed(errorMessage(error));
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (current() && client.connectionState === 'open') void fetchSnapshots(mine);
      }, retryAfterMs);
    }
  }

  // Only a live window moves its volume window on: a disconnected wall keeps showing the hour it
  // last knew, marked as old, rather than sliding into zeros that look like a quiet hour.
  const advanceTimer = setInterval(() => {
    if (isLive(useConnectionStore.getState()) && !isReplaying()) volumeActions.advance(now());
  }, advanceEveryMs);

  // Ticks on the server's whole seconds so the corner clock changes with the real second.
  const tickClock = () => {
    const t = now();
    // In replay the clock shows the replay's moment (set by the replay driver).
    if (!isReplaying()) clockActions.set(t);
    clockTimer = setTimeout(tickClock, 1000 - (t % 1000) + 5);
  };
  tickClock();

  return () => {
    for (const dispose of disposers) dispose();
    clearRetry();
    clearInterval(advanceTimer);
    if (clockTimer !== null) clearTimeout(clockTimer);
    round += 1;
  };
}
