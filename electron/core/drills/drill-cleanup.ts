/**
 * Removing a drill from the store, in the caller's transaction: its conversations and their
 * history, its alerts and theirs (and incidents left empty), then its posts with everything the
 * derived-tables registry lists (topic tags, full text, care links, stories, author profiles, the
 * per-minute rollups of every minute the drill touched, rebuilt from the posts that remain).
 */
import type { DrillQueries } from '../store/queries/drills';
import type { Store } from '../store/store';
import { extractTerms } from '../understanding/terms';

export interface CleanupResult {
  mentions: number;
  conversations: number[];
  alerts: number;
  /** Minute keys whose rollups were rebuilt. */
  minutes: number[];
}

export function removeDrill(store: Store, drills: DrillQueries, runId: number): CleanupResult {
  const conversations = drills.conversationIds(runId);
  const alerts = drills.removeCareAndAlerts(runId);
  const removed = store.derived.removeMentions(drills.mentionIds(runId), 'drill', { termsOf: extractTerms });
  return { mentions: removed.mentions, conversations, alerts, minutes: removed.minutes };
}
