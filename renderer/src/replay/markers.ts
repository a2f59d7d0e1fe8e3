/** Where the scrubber's jumps land: pure, so it is tested without a browser. */
import type { ReviewResults } from '@shared/contract/areas/review';

type Timeline = Pick<ReviewResults['review.timeline'], 'markers' | 'annotations'>;

/** A jump skips markers within this of the current moment, so "next" never stays put. */
export const JUMP_SLACK_MS = 1_000;

/** The moment of the next (or previous) marker of `kind` after (before) `at`, or null; `any` includes wall commands. */
export function findMarker(timeline: Timeline | null, at: number, kind: 'alert' | 'annotation' | 'wall' | 'any', direction: 1 | -1): number | null {
  const times = (timeline?.markers ?? [])
    .filter((m) => kind === 'any' || m.kind === kind)
    .map((m) => m.at)
    .concat(kind === 'annotation' || kind === 'any' ? (timeline?.annotations ?? []).map((a) => a.at) : [])
    .sort((a, b) => a - b);
  if (direction === 1) return times.find((t) => t > at + JUMP_SLACK_MS) ?? null;
  return [...times].reverse().find((t) => t < at - JUMP_SLACK_MS) ?? null;
}
