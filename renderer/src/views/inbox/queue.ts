/**
 * The triage queue as the inbox holds it, and the two ways it changes between snapshots: pushed
 * conversations (in place, never moving a row under an agent) and a further page.
 */
import type { ConversationSummary } from '@shared/domain/care';

export interface Queue {
  items: ConversationSummary[];
  total: number;
  /** A search matched more posts than the hub reads for one page: `total` is "at least". */
  totalIsLowerBound?: boolean;
  nextCursor: string | null;
  /** Conversations pushed since the list was loaded that are not in it (shown as "N new"). */
  unseen: number[];
  /** When this first page was asked: a new one may move the selection, a pushed change does not. */
  snapshot: number;
}

/** A push: replace loaded rows in place; count the others as new (a row never moves under an agent). */
export function applyConversations(queue: Queue, conversations: readonly ConversationSummary[]): Queue {
  const byId = new Map(conversations.map((c) => [c.id, c]));
  let changed = false;
  const items = queue.items.map((c) => {
    const next = byId.get(c.id);
    if (!next) return c;
    changed = true;
    byId.delete(c.id);
    return next;
  });
  const fresh = [...byId.values()].filter((c) => c.status !== 'resolved').map((c) => c.id);
  const unseen = fresh.length === 0 ? queue.unseen : [...new Set([...queue.unseen, ...fresh])];
  return changed || unseen !== queue.unseen ? { ...queue, items: changed ? items : queue.items, unseen } : queue;
}

/** The next page, only onto the list it continues (a new first page may have replaced it meanwhile). */
export function appendPage(queue: Queue, cursor: string, items: readonly ConversationSummary[], nextCursor: string | null): Queue {
  if (queue.nextCursor !== cursor) return queue;
  const known = new Set(queue.items.map((c) => c.id));
  return { ...queue, items: [...queue.items, ...items.filter((c) => !known.has(c.id))], nextCursor };
}

/** A write's answer, where the list shows that conversation (the push that follows agrees). */
export function withConversation(queue: Queue | null, conversation: ConversationSummary): Queue | null {
  return queue && { ...queue, items: queue.items.map((c) => (c.id === conversation.id ? conversation : c)) };
}
