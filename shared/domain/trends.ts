/** A term or hashtag whose rate in the recent window rose against its own baseline. */
export interface TrendingTerm {
  /** Lower-cased word, hashtag ("#outage") or short phrase. */
  term: string;
  /** Mentions containing it in the window. */
  count: number;
  /** Its expected count over a window of the same length, from the baseline period. */
  expected: number;
  /** How far above expectation (higher is stronger); the list is sorted by it. */
  score: number;
  /** Absent from the baseline entirely. */
  isNew: boolean;
}
