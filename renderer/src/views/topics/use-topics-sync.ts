import { useEffect, useState } from 'react';
import type { TopicShare } from '../../../../shared/contract/areas/topics';
import { errorMessage } from '../../lib/error-message';
import { useClient } from '../../lib/client-context';
import { topicsActions } from '../../stores/topics';

/** Keeps the topics store live while the view is open: the list on every (re)connection, then pushes. */
export function useTopicsSync(): string | null {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const offChanged = client.subscribe('topics.changed', (p) => topicsActions.replace(p.topics));
    const offHello = client.onHello(() => {
      client.call('topics.list', {}).then(
        (r) => {
          if (!live) return;
          topicsActions.replace(r.topics);
          setError(null);
        },
        (e: unknown) => live && setError(errorMessage(e)),
      );
    });
    return () => {
      live = false;
      offChanged();
      offHello();
    };
  }, [client]);
  return error;
}

/**
 * Each topic's mentions over the last `minutes`, refreshed every few seconds and whenever the
 * topic list changes (a new topic's history is tagged in the background, then pushed as changed).
 */
export function useShareOfVoice(minutes: number, everyMs = 5_000): Map<number, TopicShare> {
  const client = useClient();
  const [shares, setShares] = useState<Map<number, TopicShare>>(new Map());
  useEffect(() => {
    let live = true;
    const refresh = () => {
      if (client.connectionState !== 'open') return;
      client.call('topics.shareOfVoice', { minutes }).then(
        (r) => live && setShares(new Map(r.topics.map((t) => [t.topicId, t]))),
        () => undefined, // the next round tries again; the table keeps what it had
      );
    };
    const offChanged = client.subscribe('topics.changed', refresh);
    const offHello = client.onHello(refresh);
    const timer = setInterval(refresh, everyMs);
    return () => {
      live = false;
      offChanged();
      offHello();
      clearInterval(timer);
    };
  }, [client, minutes, everyMs]);
  return shares;
}
