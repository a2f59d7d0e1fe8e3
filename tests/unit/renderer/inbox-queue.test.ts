/**
 * The inbox queue between snapshots: a pushed change replaces its row where it is (rows never move
 * under an agent), conversations that are not loaded wait as "N new" (resolved ones do not), a push
 * that changes nothing keeps the same object (no redraw), and a further page lands only on the list
 * it continues.
 */
import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '@shared/domain/care';
import { appendPage, applyConversations, withConversation, type Queue } from '../../../renderer/src/views/inbox/queue';

function conversation(id: number, patch: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    status: 'new',
    assignee: null,
    teamId: null,
    platform: 'mastodon',
    sourceId: 'demo',
    authorHandle: `user${id}`,
    authorName: null,
    preview: `post ${id}`,
    urgency: 50,
    sentiment: 'negative',
    clout: 10,
    lang: 'en',
    intents: [],
    topicIds: [],
    tags: [],
    segment: null,
    mentionCount: 1,
    openedAt: 1_000,
    lastActivityAt: 2_000,
    waitingSince: 1_000,
    firstResponseAt: null,
    resolvedAt: null,
    resolution: null,
    privateChannel: null,
    customerId: null,
    needsReply: true,
    triageReason: 'unclassified',
    drillRunId: null,
    ...patch,
  };
}

const queue = (ids: number[], nextCursor: string | null = 'c1'): Queue => ({
  items: ids.map((id) => conversation(id)),
  total: 10,
  nextCursor,
  unseen: [],
  snapshot: 1,
});

describe('a pushed change', () => {
  it('replaces a loaded row in place and keeps the order', () => {
    const next = applyConversations(queue([3, 2, 1]), [conversation(2, { status: 'resolved', urgency: 99 })]);
    expect(next.items.map((c) => c.id)).toEqual([3, 2, 1]);
    expect(next.items[1]!.status).toBe('resolved');
    expect(next.unseen).toEqual([]);
  });

  it('counts conversations that are not loaded as new, once each, and never resolved ones', () => {
    const once = applyConversations(queue([3, 2]), [conversation(7), conversation(8, { status: 'resolved' })]);
    const twice = applyConversations(once, [conversation(7), conversation(9)]);
    expect(once.unseen).toEqual([7]);
    expect(twice.unseen).toEqual([7, 9]);
    expect(twice.items.map((c) => c.id)).toEqual([3, 2]);
  });

  it('keeps the same queue when nothing it shows changed', () => {
    const q = queue([3, 2]);
    expect(applyConversations(q, [conversation(5, { status: 'resolved' })])).toBe(q);
  });

  it("applies a write's answer to its row only", () => {
    const next = withConversation(queue([3, 2]), conversation(3, { assignee: 'bo' }));
    expect(next!.items.map((c) => c.assignee)).toEqual(['bo', null]);
    expect(withConversation(null, conversation(3))).toBeNull();
  });
});

describe('a further page', () => {
  it('appends what is not loaded yet and moves the cursor on', () => {
    const next = appendPage(queue([5, 4], 'c1'), 'c1', [conversation(4), conversation(3), conversation(2)], 'c2');
    expect(next.items.map((c) => c.id)).toEqual([5, 4, 3, 2]);
    expect(next.nextCursor).toBe('c2');
  });

  it('is dropped when the list it continued was replaced meanwhile', () => {
    const fresh = queue([9, 8], 'other');
    expect(appendPage(fresh, 'c1', [conversation(3)], 'c2')).toBe(fresh);
  });
});
