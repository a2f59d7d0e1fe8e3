/**
 * A spike in plain words, from numbers only: the stories that drive it, the terms that rose, the
 * authors with the most reach and how much of it is reposting. No language model: each sentence is
 * a template filled with what was counted, so it never says more than the data.
 */
import type { ReachAuthor, StoryView } from '../../domain/story';
import { formatCompact } from '../format';
import { quote } from '../alerts/detectors';

export interface SpikeFacts {
  posts: number;
  minutes: number;
  stories: readonly StoryView[];
  risingTerms: readonly string[];
  authors: readonly ReachAuthor[];
  repostShare: number;
}

/** "grew 3×", "new", "steady" or "fading", from a story's posts in the window's two halves. */
export function growthWord(s: Pick<StoryView, 'recentHalf' | 'earlierHalf' | 'firstAt'>, windowFrom: number): string {
  if (s.firstAt >= windowFrom && s.earlierHalf === 0) return 'new';
  if (s.earlierHalf === 0) return 'rising';
  const ratio = s.recentHalf / s.earlierHalf;
  if (ratio >= 1.5) return `grew ${Math.round(ratio * 10) / 10}×`;
  if (ratio <= 0.67) return 'fading';
  return 'steady';
}

export function storyLine(s: StoryView, windowFrom: number, maxChars = 90): string {
  const negative = s.sentiment.negative / Math.max(1, s.sentiment.positive + s.sentiment.neutral + s.sentiment.negative);
  const mood = negative >= 0.6 ? ', mostly negative' : '';
  return `“${quote(s.firstText, maxChars)}” (@${s.firstAuthor}: ${s.inWindow} posts${s.reposts > 0 ? `, ${s.reposts} reposts in all` : ''}, ${growthWord(s, windowFrom)}${mood})`;
}

export function spikeSummaryText(facts: SpikeFacts, windowFrom: number): string {
  if (facts.posts === 0) return `No posts in the last ${facts.minutes} min.`;
  const parts = [`${facts.posts} posts in the last ${facts.minutes} min.`];
  const top = facts.stories.slice(0, 3);
  const inTop = top.reduce((n, s) => n + s.inWindow, 0);
  if (top.length > 0) {
    parts.push(`Driving it: ${top.map((s) => storyLine(s, windowFrom)).join('; ')}; together ${Math.round((inTop / facts.posts) * 100)}% of the posts.`);
  } else {
    parts.push('No story is repeated: the posts are separate voices.');
  }
  if (facts.risingTerms.length > 0) parts.push(`Rising terms: ${facts.risingTerms.slice(0, 5).join(', ')}.`);
  if (facts.authors.length > 0)
    parts.push(
      `Most reach: ${facts.authors
        .slice(0, 3)
        .map((a) => `@${a.handle} (${formatCompact(a.followers)} followers)`)
        .join(', ')}.`,
    );
  parts.push(`Reposts and quotes are ${Math.round(facts.repostShare * 100)}% of the posts.`);
  return parts.join(' ');
}
