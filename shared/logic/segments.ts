/** An author's segment from their history; the rules are listed in `SEGMENT_RULES`. */
import type { AuthorSegment } from '../domain/author';

export interface SegmentInputs {
  positive: number;
  neutral: number;
  negative: number;
  clout: number;
}

export const INFLUENCER_CLOUT = 60;

export function segmentOf(a: SegmentInputs): AuthorSegment {
  const rated = a.positive + a.neutral + a.negative;
  const negShare = rated > 0 ? a.negative / rated : 0;
  const posShare = rated > 0 ? a.positive / rated : 0;
  if (rated >= 2 && negShare >= 0.6) return 'detractor';
  if (a.clout >= INFLUENCER_CLOUT) return 'influencer';
  if (a.positive >= 2 && posShare >= 0.6 && negShare <= 0.1) return 'advocate';
  if (a.negative >= 1 && negShare >= 0.3) return 'dissatisfied';
  return 'passive';
}
