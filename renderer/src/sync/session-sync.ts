/**
 * Keeps the window's session state in step with the core: the connection (pipe state, greeted,
 * when data last arrived) and the corner clock. Data itself is not held here: every view and
 * widget runs its own `useLive` query, which reloads on each hello and in replay reads the record.
 */
import type { EventTopic } from '@shared/contract/events';
import type { RpcClient } from '@shared/rpc/client';
import { isReplaying } from '../replay/time-context';
import { clockActions } from '../stores/clock';
import { connectionActions } from '../stores/connection';

/** Pushes the core sends while it is running: any of them means the stream is alive. */
const HEARTBEAT_TOPICS: readonly EventTopic[] = ['volume.delta', 'mentions.new', 'sources.health', 'alerts.changed'];

export function startSessionSync(client: RpcClient): () => void {
  const now = () => client.serverNow();
  let clockTimer: ReturnType<typeof setTimeout> | null = null;
  const disposers: Array<() => void> = [
    client.onConnectionState((state) => connectionActions.pipeChanged(state, now())),
    // On each hello every query reloads its snapshot; from here on pushes keep them current.
    client.onHello((hello) => {
      connectionActions.syncStarted(hello.version);
      connectionActions.synced(now());
    }),
    ...HEARTBEAT_TOPICS.map((topic) => client.subscribe(topic, () => connectionActions.dataArrived(now()))),
  ];
  connectionActions.pipeChanged(client.connectionState, now());

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
    if (clockTimer !== null) clearTimeout(clockTimer);
  };
}
