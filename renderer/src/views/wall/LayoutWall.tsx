/**
 * One layout on a wall, with no display settings around it: `#/overview` is the built-in
 * "overview" layout drawn this way, by the same renderer, widgets and queries as every display.
 */
import type { StoredLayout } from '@shared/contract/wall-schema';
import { BUILTIN_LAYOUTS } from '@shared/logic/walls/builtin-layouts';
import { useLive } from '../../data/use-live';
import { useOpenAlerts } from './data/queries';
import { WallFrame } from './WallFrame';

export function LayoutWall({ layoutId }: { layoutId: string }) {
  const layouts = useLive<StoredLayout[]>({
    key: 'layouts',
    load: async (c) => (await c.call('walls.layouts.list', {})).layouts,
    deltas: [{ topic: 'walls.layouts.changed', apply: (_c, payload) => payload.layouts }],
  });
  const alerts = useOpenAlerts();
  // The built-in is drawn at once; a stored copy of it (never different for a built-in) replaces it silently.
  const layout = (layouts.data ?? BUILTIN_LAYOUTS).find((l) => l.id === layoutId) ?? BUILTIN_LAYOUTS.find((l) => l.id === layoutId) ?? null;
  const doc = layout?.doc ?? null;
  return (
    <WallFrame
      markers={{ 'data-layout-id': layoutId, 'data-page-reason': doc ? 'fixed' : 'loading', 'data-page-key': `fixed:${layoutId}` }}
      name={doc?.name ?? null}
      page={{ key: `fixed:${layoutId}`, doc, blank: false }}
      alerts={alerts.data ?? []}
    />
  );
}
