import type { DrillRunState } from '@shared/contract/areas/drills';
import { useLive } from '../../data/use-live';

/** The running drill (or null), live: asked on every (re)connection, then pushed by the core. */
export function useDrillState(): DrillRunState | null {
  const state = useLive<DrillRunState | null>({
    key: 'drills.state',
    load: async (client) => (await client.call('drills.state', {})).run,
    deltas: [{ topic: 'drills.state', apply: (_current, payload) => payload.run }],
  });
  return state.data;
}
