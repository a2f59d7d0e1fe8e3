/** One conversation's row, its state changes and its append-only history. */
import type { ConversationEvent, ConversationStatus, PrivateChannel } from '@shared/domain/care';
import type { Db } from '../../database';
import { toConversation, type ConversationRow, type StoredConversation } from './rows';

export function conversationQueries(db: Db) {
  const getConversation = db.prepare<[number], ConversationRow>('SELECT * FROM care_conversations WHERE id = ?');
  const insertEvent = db.prepare('INSERT INTO care_events (conversation_id, at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)');
  const events = db.prepare<[number], { id: number; conversation_id: number; at: number; actor: string; kind: string; detail: string }>(
    'SELECT * FROM care_events WHERE conversation_id = ? ORDER BY id',
  );
  const mentionIds = db.prepare<[number], { mention_id: number }>(
    'SELECT mention_id FROM care_conversation_mentions WHERE conversation_id = ? ORDER BY mention_id',
  );
  /** The one atomic claim: succeeds only when nobody else holds the conversation. */
  const claim = db.prepare(`
    UPDATE care_conversations SET assignee = @agent,
      status = CASE WHEN status IN ('new', 'waiting-on-customer') THEN 'assigned' ELSE status END
    WHERE id = @id AND status <> 'resolved' AND (assignee IS NULL OR assignee = @agent)`);
  const setAssignee = db.prepare('UPDATE care_conversations SET assignee = ?, team_id = COALESCE(?, team_id), status = ? WHERE id = ?');
  const setStatus = db.prepare('UPDATE care_conversations SET status = ? WHERE id = ?');
  const setTags = db.prepare('UPDATE care_conversations SET tags = ? WHERE id = ?');
  const markResponded = db.prepare(`
    UPDATE care_conversations SET first_response_at = COALESCE(first_response_at, @at), waiting_since = NULL, waiting_mention_id = NULL,
      status = CASE WHEN status IN ('new', 'assigned') THEN 'waiting-on-customer' ELSE status END
    WHERE id = @id`);
  const markPrivate = db.prepare(`
    UPDATE care_conversations SET private_channel = @channel, first_response_at = COALESCE(first_response_at, @at),
      waiting_since = NULL, waiting_mention_id = NULL WHERE id = @id`);
  const resolve = db.prepare(`
    UPDATE care_conversations SET status = 'resolved', resolved_at = @at,
      resolution = CASE WHEN private_channel IS NULL THEN 'public' ELSE 'private' END,
      waiting_since = NULL, waiting_mention_id = NULL WHERE id = @id`);
  const reopen = db.prepare(
    `UPDATE care_conversations SET status = CASE WHEN assignee IS NULL THEN 'new' ELSE 'assigned' END, resolved_at = NULL, resolution = NULL WHERE id = ?`,
  );
  const byCustomer = db.prepare<[number], ConversationRow>('SELECT * FROM care_conversations WHERE customer_id = ? ORDER BY last_activity_at DESC LIMIT 200');
  const byAuthorKeyAll = db.prepare<[string], ConversationRow>(
    'SELECT * FROM care_conversations WHERE author_key = ? ORDER BY last_activity_at DESC LIMIT 200',
  );

  return {
    get(id: number): StoredConversation | null {
      const row = getConversation.get(id);
      return row ? toConversation(row) : null;
    },
    byAuthorKey(authorKey: string): StoredConversation[] {
      return byAuthorKeyAll.all(authorKey).map(toConversation);
    },
    byCustomer(customerId: number): StoredConversation[] {
      return byCustomer.all(customerId).map(toConversation);
    },
    addEvent(conversationId: number, at: number, actor: string, kind: string, detail: string): void {
      insertEvent.run(conversationId, at, actor, kind, detail);
    },
    events(conversationId: number): ConversationEvent[] {
      return events.all(conversationId).map((r) => ({ id: r.id, conversationId: r.conversation_id, at: r.at, actor: r.actor, kind: r.kind, detail: r.detail }));
    },
    mentionIds(conversationId: number): number[] {
      return mentionIds.all(conversationId).map((r) => r.mention_id);
    },
    claim(id: number, agent: string): boolean {
      return claim.run({ id, agent }).changes === 1;
    },
    setAssignee(id: number, agent: string | null, teamId: number | null, status: ConversationStatus): void {
      setAssignee.run(agent, teamId, status, id);
    },
    setStatus(id: number, status: ConversationStatus): void {
      setStatus.run(status, id);
    },
    setTags(id: number, tags: string[]): void {
      setTags.run(JSON.stringify(tags), id);
    },
    markResponded(id: number, at: number): void {
      markResponded.run({ id, at });
    },
    markPrivate(id: number, channel: PrivateChannel, at: number): void {
      markPrivate.run({ id, channel, at });
    },
    resolve(id: number, at: number): void {
      resolve.run({ id, at });
    },
    reopen(id: number): void {
      reopen.run(id);
    },
  };
}
