/** The crisis band's spotlight: the most influential negative post of the spike. */
import type { StoryView } from '../../domain/story';

/**
 * Among the spike's stories that are mostly negative, the one that reached the most people in the
 * window (its posts' authors' followers); more posts break a tie. Null when none is negative.
 */
export function spotlightStory(stories: readonly StoryView[]): StoryView | null {
  let best: StoryView | null = null;
  for (const s of stories) {
    const { negative, positive, neutral } = s.sentiment;
    if (negative === 0 || negative < positive || negative < neutral) continue;
    if (best === null || s.windowReach > best.windowReach || (s.windowReach === best.windowReach && s.inWindow > best.inWindow)) best = s;
  }
  return best;
}

/** A quote short enough for one band line, cut at a word with an ellipsis (the full post is in the ticker). */
export function excerpt(text: string, maxChars = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`;
}
