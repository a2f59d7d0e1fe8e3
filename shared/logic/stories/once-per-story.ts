/**
 * A list of posts with each story once: the newest post of a story stands for it, with the count of
 * the others it hides, so ten reposts of one post take one line of a ticker, not ten.
 */
export function oncePerStory<T extends { id: number; storyId?: number | null }>(
  newestFirst: readonly T[],
  limit: number,
): { shown: T[]; repeats: Map<number, number> } {
  const shown: T[] = [];
  const repeats = new Map<number, number>();
  const standIn = new Map<number, number>();
  for (const m of newestFirst) {
    const story = m.storyId ?? null;
    if (story !== null) {
      const first = standIn.get(story);
      if (first !== undefined) {
        repeats.set(first, (repeats.get(first) ?? 0) + 1);
        continue;
      }
    }
    if (shown.length >= limit) continue;
    shown.push(m);
    if (story !== null) standIn.set(story, m.id);
  }
  return { shown, repeats };
}
