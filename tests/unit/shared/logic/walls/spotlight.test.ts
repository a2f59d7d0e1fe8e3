import { describe, expect, it } from 'vitest';
import type { StoryView } from '@shared/domain/story';
import { excerpt, spotlightStory } from '@shared/logic/walls/spotlight';

const story = (id: number, windowReach: number, sentiment: StoryView['sentiment'], inWindow = 5): StoryView => ({
  id,
  firstMentionId: id,
  firstAt: 0,
  firstText: `post ${id}`,
  firstAuthor: `a${id}`,
  firstPlatform: 'x',
  lastAt: 0,
  size: inWindow,
  reposts: 0,
  reach: windowReach,
  sentiment,
  inWindow,
  recentHalf: 0,
  earlierHalf: 0,
  windowReach,
});

describe('the spotlight post', () => {
  it('is the mostly negative story that reached the most people', () => {
    const stories = [
      story(1, 5_000_000, { positive: 9, neutral: 1, negative: 1 }),
      story(2, 40_000, { positive: 0, neutral: 1, negative: 6 }),
      story(3, 1_200_000, { positive: 1, neutral: 2, negative: 4 }),
    ];
    expect(spotlightStory(stories)?.id).toBe(3);
    expect(spotlightStory([story(4, 10, { positive: 3, neutral: 0, negative: 1 })])).toBeNull();
  });

  it('breaks a tie in reach by posts in the window', () => {
    expect(spotlightStory([story(1, 100, { positive: 0, neutral: 0, negative: 2 }, 2), story(2, 100, { positive: 0, neutral: 0, negative: 7 }, 7)])?.id).toBe(
      2,
    );
  });

  it('quotes whole words with an ellipsis', () => {
    expect(excerpt('short post')).toBe('short post');
    const long =
      'Three weeks of broken promises from the network, no signal at home, no answer on the phone, and now the app will not even open. Enough is enough.';
    const cut = excerpt(long, 60);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(61);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });
});
