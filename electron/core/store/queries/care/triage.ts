/** Triage's reads and writes: an agent's decision on a conversation, the lessons per author, the brand's own handles. */
import type { Db } from '../../database';

export function triageQueries(db: Db) {
  const setTriage = db.prepare('UPDATE care_conversations SET needs_reply = ?, triage_reason = ?, needs_reply_since = ? WHERE id = ?');
  const teach = db.prepare(`
    INSERT INTO care_triage_lessons (author_key, needs_reply, taught_by, taught_at, conversation_id) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (author_key) DO UPDATE SET needs_reply = excluded.needs_reply, taught_by = excluded.taught_by, taught_at = excluded.taught_at, conversation_id = excluded.conversation_id`);
  const lessons = db.prepare<[string], { author_key: string; needs_reply: number }>(
    'SELECT l.author_key, l.needs_reply FROM json_each(?) j JOIN care_triage_lessons l ON l.author_key = j.value',
  );
  // Newest first through the open index; bulk "select near-identical" compares these in the core.
  const openPreviews = db.prepare<[number], { id: number; preview: string }>(
    `SELECT id, preview FROM care_conversations WHERE status <> 'resolved' ORDER BY last_activity_at DESC, id DESC LIMIT ?`,
  );
  const ofMention = db.prepare<[number], { conversation_id: number }>('SELECT conversation_id FROM care_conversation_mentions WHERE mention_id = ?');
  const accountHandles = db.prepare<[], { identifier: string }>('SELECT DISTINCT identifier FROM care_accounts');

  return {
    /** An agent's decision, from `at` on (replay before `at` shows what triage had decided). */
    setTriage(id: number, needsReply: boolean, reason: string, at: number): void {
      setTriage.run(needsReply ? 1 : 0, reason, needsReply ? at : null, id);
    },
    teachTriage(authorKey: string, needsReply: boolean, by: string, at: number, conversationId: number): void {
      teach.run(authorKey, needsReply ? 1 : 0, by, at, conversationId);
    },
    /** The lessons for these author keys (one look-up per ingest batch). */
    triageLessons(authorKeys: readonly string[]): Map<string, boolean> {
      if (authorKeys.length === 0) return new Map();
      return new Map(lessons.all(JSON.stringify(authorKeys)).map((l) => [l.author_key, l.needs_reply === 1]));
    },
    /** The conversation a stored post was grouped into, if any. */
    conversationOfMention(mentionId: number): number | null {
      return ofMention.get(mentionId)?.conversation_id ?? null;
    },
    /** Open conversations' previews, newest first. */
    openPreviews(limit: number): { id: number; preview: string }[] {
      return openPreviews.all(limit);
    },
    /** The handles our reply accounts post as (a Bluesky identifier is the handle; a Mastodon one may be user@instance). */
    accountHandles(): string[] {
      return accountHandles.all().map((a) => a.identifier);
    },
  };
}
