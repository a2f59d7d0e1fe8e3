import type { SpikeSummary } from '@shared/domain/story';
import { formatCompact } from '@shared/logic/format';
import { growthWord } from '@shared/logic/stories/spike-summary';
import { maskPersonalData } from '@shared/logic/walls/mask-personal-data';
import { Panel } from './Panel';
import { useFitList } from './use-fit-list';
import './DrivingStories.css';

export interface DrivingStoriesOptions {
  spike: SpikeSummary | null;
  periodLabel: string;
  /** Public-screen-safe: no handles or follower counts; personal data in the text masked. */
  publicSafe?: boolean;
  /** Shown instead of the stories (e.g. in a replay, where they are not available). */
  unavailable?: string | null;
}

/**
 * "What is driving it": the stories with the most posts in the window (each once, however often it
 * was reposted) and the spike in plain words. Every text comes from strangers: React text only.
 */
export function DrivingStories({ spike, periodLabel, publicSafe = false, unavailable = null }: DrivingStoriesOptions) {
  const listRef = useFitList<HTMLOListElement>([spike]);
  const safe = (text: string): string => (publicSafe ? maskPersonalData(text) : text);
  const stories = spike?.stories ?? [];
  return (
    <Panel title="What is driving it" period={periodLabel} className="stories" testId="driving-stories">
      {unavailable !== null ? (
        <p className="stories__empty">{unavailable}</p>
      ) : stories.length === 0 ? (
        <p className="stories__empty">{spike === null ? 'Loading…' : 'No repeated story: the posts are separate voices'}</p>
      ) : (
        <ol className="stories__list" ref={listRef}>
          {stories.map((s) => {
            const negative = s.sentiment.negative / Math.max(1, s.sentiment.negative + s.sentiment.neutral + s.sentiment.positive);
            return (
              <li key={s.id} className={`stories__item${negative >= 0.6 ? ' stories__item--negative' : ''}`} data-testid="story" data-story-id={s.id}>
                <p className="stories__text">{safe(s.firstText)}</p>
                <p className="stories__meta">
                  <strong data-testid="story-posts">{s.inWindow} posts</strong>
                  {s.reposts > 0 && <span>{s.reposts} reposts in all</span>}
                  <span>{growthWord(s, spike!.from)}</span>
                  {!publicSafe && <span>first @{s.firstAuthor}</span>}
                  {!publicSafe && s.windowReach > 0 && <span>reach {formatCompact(s.windowReach)}</span>}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {unavailable === null && spike !== null && spike.posts > 0 && (
        <p className="stories__summary" data-testid="spike-summary">
          {publicSafe ? safe(publicSummary(spike)) : spike.text}
        </p>
      )}
    </Panel>
  );
}

/** The summary without authors' names (a public screen shows no handles). */
function publicSummary(spike: SpikeSummary): string {
  return spike.text.replace(/ Most reach: [^.]*\./u, '');
}
