/** The "What is driving it" container: the top stories of the window and the spike in plain words. */
import type { WidgetOptions } from '@shared/contract/wall-schema';
import type { SpikeSummary } from '@shared/domain/story';
import { effectiveTopic } from '@shared/logic/walls/layout-doc';
import { DrivingStories } from '../../widgets/DrivingStories';
import { useTimeContext } from '../../replay/time-context';
import { useLive } from '../../data/use-live';
import { FreshnessBadge } from './FreshnessBadge';
import { useWallContext } from './wall-context';
import { periodLabel } from './widget-containers';

/** In a replay: stories are not kept as of a moment yet, so the widget says so rather than show today's. */
const NOT_REPLAYED = 'Stories are not replayed yet: see the alerts of the moment for the stories that drove them.';

export function DrivingStoriesWidget({ options }: { options: WidgetOptions<'stories'> }) {
  const { doc, publicSafe } = useWallContext();
  const topicId = effectiveTopic(options.topicId, doc);
  const spike = useLive<SpikeSummary | null>({
    key: `stories:${topicId}:${options.windowMinutes}:${options.limit}`,
    load: async (client) => client.call('stories.spike', { topicId, minutes: options.windowMinutes, limit: options.limit }),
    replay: async () => null,
    refreshMs: 15_000,
  });
  const replaying = useTimeContext((s) => s.mode === 'replay');
  return (
    <>
      <DrivingStories
        spike={spike.data ?? null}
        periodLabel={periodLabel(options.windowMinutes)}
        publicSafe={publicSafe}
        unavailable={replaying ? NOT_REPLAYED : null}
      />
      <FreshnessBadge updatedAt={spike.updatedAt} error={spike.error} />
    </>
  );
}
