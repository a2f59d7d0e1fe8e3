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
