/**
 * The window's stores (the Overview and the Alerts list read them) while the window replays: the
 * same snapshots live-sync fetches, as the war room saw them at the replay's moment, loaded again
 * when it moves (at most every REPLAY_LOAD_GAP_MS, one round at a time). live-sync ignores pushes
 * meanwhile and fetches fresh snapshots when the window goes back to live.
 */
import { TOP_AUTHORS_WINDOW_MINUTES } from '../../../shared/contract/events';
import type { RpcClient } from '../../../shared/rpc/client';
import { MENTION_FEED_CAP } from '../../../shared/logic/mention-feed';
import { fillMinuteWindow } from '../../../shared/logic/volume';
import { errorMessage } from '../lib/error-message';
import { currentReplay, REPLAY_LOAD_GAP_MS, useTimeContext } from '../replay/time-context';
import { alertsActions } from '../stores/alerts';
import { authorsActions, TOP_AUTHORS_LIMIT } from '../stores/authors';
import { connectionActions } from '../stores/connection';
import { mentionsActions } from '../stores/mentions';
import { sourcesActions } from '../stores/sources';
import { VOLUME_WINDOW_MINUTES, volumeActions } from '../stores/volume';

export function startReplaySync(client: RpcClient): () => void {
  let inFlight = false;
  let loaded: string | null = null;
  let lastStart = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let alive = true;

  const kick = (): void => {
    if (!alive || inFlight || timer !== null || client.connectionState !== 'open') return;
    const replay = currentReplay();
    if (!replay) {
      loaded = null;
      return;
    }
    const key = `${replay.workspace}@${replay.at}`;
    if (key === loaded) return;
    const wait = REPLAY_LOAD_GAP_MS - (Date.now() - lastStart);
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = null;
        kick();
      }, wait);
      return;
    }
    const { workspace, at } = replay;
    const stillMine = () => alive && currentReplay()?.workspace === workspace;
    inFlight = true;
    lastStart = Date.now();
    Promise.all([
      client.call('review.volume', { workspace, at, minutes: VOLUME_WINDOW_MINUTES, topicId: null }),
      client.call('review.mentions', { workspace, at, limit: MENTION_FEED_CAP }),
      client.call('review.authorsTop', { workspace, at, windowMinutes: TOP_AUTHORS_WINDOW_MINUTES, limit: TOP_AUTHORS_LIMIT }),
      client.call('review.alertsOpen', { workspace, at }),
      client.call('review.sources', { workspace, at }),
    ]).then(
      ([volume, mentions, authors, alerts, sources]) => {
        inFlight = false;
        if (!stillMine()) return kick();
        loaded = key;
        volumeActions.reset();
        volumeActions.snapshot(fillMinuteWindow(volume.buckets, at, VOLUME_WINDOW_MINUTES), at);
        mentionsActions.replace(mentions.mentions);
        authorsActions.replace(authors.authors, authors.windowMinutes);
        alertsActions.replace(alerts.alerts);
        sourcesActions.replace(sources.sources);
        connectionActions.synced(client.serverNow());
        kick();
      },
      (error: unknown) => {
        inFlight = false;
        if (!stillMine()) return kick();
        connectionActions.syncFailed(`replay: ${errorMessage(error)}`);
        timer = setTimeout(() => {
          timer = null;
          kick();
        }, 3_000);
      },
    );
  };

  const disposers = [
    useTimeContext.subscribe((s, prev) => {
      if (s.mode === 'replay' && (prev.mode === 'live' || prev.workspace !== s.workspace)) {
        // A different record: nothing on screen belongs to it.
        loaded = null;
        volumeActions.reset();
        mentionsActions.reset();
        alertsActions.reset();
      }
      kick();
    }),
    client.onHello(() => {
      loaded = null;
      kick();
    }),
  ];
  kick();
  return () => {
    alive = false;
    if (timer !== null) clearTimeout(timer);
    for (const dispose of disposers) dispose();
  };
}
