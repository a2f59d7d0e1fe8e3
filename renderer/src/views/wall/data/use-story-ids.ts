/**
 * Mentions with their story: pushed mentions carry it; those loaded with the list (or in a replay)
 * are asked for once, so the ticker folds reposts from its first frame.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Mention } from '@shared/domain/mention';
import { useClient } from '../../../lib/client-context';
import { useTimeContext } from '../../../replay/time-context';

export function useStoryIds(mentions: readonly Mention[] | null): Mention[] {
  const client = useClient();
  const workspace = useTimeContext((s) => (s.mode === 'replay' ? s.workspace : 'live'));
  const [known, setKnown] = useState<ReadonlyMap<number, number | null>>(new Map());
  const missing = useMemo(() => (mentions ?? []).filter((m) => m.storyId === undefined && !known.has(m.id)).map((m) => m.id), [mentions, known]);
  // Keyed by the ids' text so a new array with the same ids does not ask again.
  const missingKey = missing.join(',');
  useEffect(() => {
    const missing = missingKey === '' ? [] : missingKey.split(',').map(Number);
    if (missing.length === 0) return;
    let alive = true;
    client.call('stories.of', { ids: missing.slice(0, 500), workspace }).then(
      (r) => {
        if (!alive) return;
        const found = new Map(r.stories.map((s) => [s.mentionId, s.storyId]));
        setKnown((k) => new Map([...k, ...missing.map((id) => [id, found.get(id) ?? null] as const)]));
      },
      // Without story ids the ticker shows every post, as it did before stories.
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [client, missingKey, workspace]);
  return useMemo(() => (mentions ?? []).map((m) => (m.storyId === undefined && known.has(m.id) ? { ...m, storyId: known.get(m.id)! } : m)), [mentions, known]);
}
