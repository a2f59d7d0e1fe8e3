import { describe, expect, it } from 'vitest';
import { oncePerStory } from '@shared/logic/stories/once-per-story';

describe('a ticker shows each story once', () => {
  it('keeps the newest post of a story, counts the others, and leaves posts without a story alone', () => {
    const posts = [
      { id: 10, storyId: 1 },
      { id: 9, storyId: 2 },
      { id: 8, storyId: 1 },
      { id: 7, storyId: null },
      { id: 6, storyId: 1 },
      { id: 5 },
      { id: 4, storyId: 2 },
      { id: 3, storyId: 3 },
    ];
    const { shown, repeats } = oncePerStory(posts, 10);
    expect(shown.map((p) => p.id)).toEqual([10, 9, 7, 5, 3]);
    expect([...repeats]).toEqual([
      [10, 2],
      [9, 1],
    ]);
  });

  it('stops at the limit but still counts repeats of what it shows', () => {
    const { shown, repeats } = oncePerStory(
      [
        { id: 3, storyId: 1 },
        { id: 2, storyId: 2 },
        { id: 1, storyId: 1 },
      ],
      1,
    );
    expect(shown.map((p) => p.id)).toEqual([3]);
    expect(repeats.get(3)).toBe(1);
  });
});
