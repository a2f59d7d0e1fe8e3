/**
 * A customer waiting for an answer: what the care area knows and the response-time alert needs.
 * The care area supplies these; the alerting area only reads them.
 */
export interface WaitingItem {
  conversationId: number;
  /** The customer's first unanswered mention. */
  firstMentionId: number;
  /** Since when the customer has been waiting (epoch ms). */
  waitingSince: number;
  topicIds: number[];
  authorHandle: string;
}

/** Customers expect an answer within the hour. */
export const DEFAULT_RESPONSE_TARGET_MINUTES = 60;

/** The customers waiting longer than a target right now, as the breach alert and the KPI tile both count them. */
export interface LateWaiting {
  /** Longest wait first. */
  late: WaitingItem[];
  /** Whole minutes the longest has waited; null when none is late. */
  longestMinutes: number | null;
  targetMinutes: number;
}

/**
 * One rule for "waiting longer than the target" (the list comes from one query, of conversations
 * that need a reply): the response-time alert and the KPI tile call this, so they agree to the unit.
 */
export function lateWaiting(waiting: readonly WaitingItem[], targetMinutes: number, now: number, topicId: number | null = null): LateWaiting {
  const target = targetMinutes * 60_000;
  const late = waiting
    .filter((w) => now - w.waitingSince > target && (topicId === null || w.topicIds.includes(topicId)))
    .sort((a, b) => a.waitingSince - b.waitingSince);
  return { late, longestMinutes: late.length === 0 ? null : Math.floor((now - late[0]!.waitingSince) / 60_000), targetMinutes };
}
