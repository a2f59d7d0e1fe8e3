/**
 * Which conversation a newly stored mention belongs to. The core looks the candidates up (by
 * reply id and by author, both indexed) and this decides, so the rule is testable on its own:
 *
 * 1. A reply to a post already in a conversation joins that conversation (reopening it if it was
 *    resolved: the customer came back). The core offers the parent only when the reply is by that
 *    conversation's own customer or the brand: another person's reply is their own conversation.
 * 2. Otherwise, the same author's newest unresolved conversation joins if it was active within the
 *    window and shares a topic with the mention (or neither has a topic).
 * 3. Otherwise a new conversation starts.
 */
import type { ConversationStatus } from '../../domain/care';

export interface GroupingMention {
  publishedAt: number;
  topicIds: readonly number[];
}

export interface GroupingCandidate {
  id: number;
  status: ConversationStatus;
  topicIds: readonly number[];
  lastActivityAt: number;
}

export type GroupingDecision = { kind: 'join'; conversationId: number; reopen: boolean; reason: 'reply' | 'same-author-topic' } | { kind: 'new' };

export function chooseConversation(
  mention: GroupingMention,
  replyParent: GroupingCandidate | null,
  sameAuthor: readonly GroupingCandidate[],
  windowMs: number,
): GroupingDecision {
  if (replyParent) return { kind: 'join', conversationId: replyParent.id, reopen: replyParent.status === 'resolved', reason: 'reply' };
  const eligible = sameAuthor
    .filter((c) => c.status !== 'resolved' && Math.abs(mention.publishedAt - c.lastActivityAt) <= windowMs && sharesTopic(mention.topicIds, c.topicIds))
    .sort((a, b) => b.lastActivityAt - a.lastActivityAt || b.id - a.id);
  const chosen = eligible[0];
  return chosen ? { kind: 'join', conversationId: chosen.id, reopen: false, reason: 'same-author-topic' } : { kind: 'new' };
}

/** Two topic sets "agree" when they share a topic, or when neither has one. */
export function sharesTopic(a: readonly number[], b: readonly number[]): boolean {
  if (a.length === 0 && b.length === 0) return true;
  return a.some((id) => b.includes(id));
}

/** The key that identifies an author across their posts on one platform. */
export function authorKey(platform: string, handle: string): string {
  return `${platform}:${normaliseHandle(handle)}`;
}

/** Handles compare without a leading "@" and without case. */
export function normaliseHandle(handle: string): string {
  return handle.trim().replace(/^@+/, '').toLowerCase();
}
