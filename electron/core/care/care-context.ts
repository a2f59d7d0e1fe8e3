/** What every part of the care service works with, and the conversation helpers they share. */
import type { CareEvents } from '@shared/contract/areas/care';
import type { EventPayloads } from '@shared/contract/events';
import type { ConversationSummary } from '@shared/domain/care';
import { ApiError } from '../api/api-error';
import type { Logger } from '../base/logger';
import type { LiveHub } from '../live/hub';
import { toSummary, type StoredConversation } from '../store/queries/care';
import type { Store } from '../store/store';

export interface CareContext {
  readonly store: Store;
  readonly hub: LiveHub;
  readonly logger: Logger;
  readonly now: () => number;
}

/** The actor named in the history for what Earshot did by itself (grouping, routing, failed sends). */
export const SYSTEM_ACTOR = 'system';

export function publishCare<T extends keyof CareEvents>(hub: LiveHub, topic: T, payload: EventPayloads[T]): void {
  hub.publish(topic, payload);
}

export function requireConversation(store: Store, id: number): StoredConversation {
  const c = store.care.get(id);
  if (!c) throw new ApiError('not-found', `conversation ${id} does not exist`);
  return c;
}

/** Pushes one conversation's current state to windows and returns it. */
export function pushConversation(ctx: CareContext, id: number): ConversationSummary {
  const summary = toSummary(requireConversation(ctx.store, id));
  publishCare(ctx.hub, 'care.conversations', { conversations: [summary] });
  return summary;
}
