import type { AlertExplanation, AlertSeverity } from '../../domain/alert';

/**
 * What a detector says about one key of one rule at one time: the condition holds. A detector
 * returns one signal per key that holds and nothing for keys that do not.
 */
export interface Signal {
  /** Distinguishes simultaneous conditions of one rule (an author, a source, a term); 'all' otherwise. */
  key: string;
  severity: AlertSeverity;
  title: string;
  detail: string;
  explanation: Omit<AlertExplanation, 'terms' | 'link'>;
  /** Mention ids that made it fire (per-mention rules); window rules look theirs up afterwards. */
  evidence: number[];
  /** For window rules: the window whose mentions contributed. */
  window: { from: number; to: number } | null;
}
