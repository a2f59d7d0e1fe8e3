/**
 * The crisis takeover band: a plain headline of what the alert measured ("Negative mentions 5×
 * normal: 1,057 in 5 min"), the alert's title, and the spotlight — the most influential negative
 * post of the spike — so the room knows what happened and who said it without walking up.
 */
import type { Alert } from '@shared/domain/alert';
import type { SpikeSummary } from '@shared/domain/story';
import { formatCompact } from '@shared/logic/format';
import { crisisHeadline } from '@shared/logic/walls/crisis-headline';
import { excerpt, spotlightStory } from '@shared/logic/walls/spotlight';
import { useLive } from '../../data/use-live';

/** The spike is looked at over the alert's own window, and never less than this. */
const MIN_SPOTLIGHT_MINUTES = 15;

export function CrisisBand({ alert, text }: { alert: Alert; text: (t: string) => string }) {
  const minutes = Math.min(24 * 60, Math.max(MIN_SPOTLIGHT_MINUTES, alert.explanation?.windowMinutes ?? 0));
  const spike = useLive<SpikeSummary | null>({
    key: `spotlight:${alert.id}:${alert.topicId}:${minutes}`,
    load: (client) => client.call('stories.spike', { topicId: alert.topicId, minutes, limit: 20 }),
    // Stories are not kept as of a moment: a replay falls back to the stories the alert recorded.
    replay: () => Promise.resolve(null),
    refreshMs: 15_000,
  });
  const live = spike.data ? spotlightStory(spike.data.stories) : null;
  const recorded = alert.explanation?.stories?.[0] ?? null;
  const spotlight = live
    ? { author: live.firstAuthor, text: live.firstText, figures: `${formatCompact(live.windowReach)} reach · ${live.inWindow} posts` }
    : recorded
      ? { author: recorded.author, text: recorded.text, figures: `${recorded.posts} posts` }
      : null;
  return (
    <div className="takeover" role="alert" data-testid="takeover-banner" data-alert-id={alert.id}>
      <div className="takeover__line">
        <span className="takeover__mark">⚠ CRITICAL</span>
        <span className="takeover__headline" data-testid="crisis-headline">
          {text(crisisHeadline(alert))}
        </span>
        <span className="takeover__hint">until acknowledged</span>
      </div>
      <div className="takeover__line takeover__line--second">
        <span className="takeover__title">{text(alert.title)}</span>
        {spotlight && (
          <span className="takeover__spotlight" data-testid="crisis-spotlight">
            <span className="takeover__spot-mark">Spotlight</span> {text(`@${spotlight.author}`)} ({spotlight.figures}): “{text(excerpt(spotlight.text))}”
          </span>
        )}
      </div>
    </div>
  );
}
