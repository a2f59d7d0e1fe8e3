/** Replies written in a conversation, from approval to sending (or the recorded failure). */
import type { CareReply } from '@shared/domain/care';
import type { Db } from '../../database';

interface ReplyRow {
  id: number;
  conversation_id: number;
  author: string;
  text: string;
  template_id: number | null;
  channel: string;
  account_id: number | null;
  reply_to_mention_id: number | null;
  status: string;
  approved_by: string | null;
  external_id: string | null;
  external_url: string | null;
  platform: string | null;
  error: string | null;
  created_at: number;
  sent_at: number | null;
}

function toReply(r: ReplyRow): CareReply & { replyToMentionId: number | null } {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    author: r.author,
    text: r.text,
    templateId: r.template_id,
    channel: r.channel as CareReply['channel'],
    accountId: r.account_id,
    status: r.status as CareReply['status'],
    approvedBy: r.approved_by,
    externalId: r.external_id,
    externalUrl: r.external_url,
    error: r.error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    replyToMentionId: r.reply_to_mention_id,
  };
}

export type StoredReply = ReturnType<typeof toReply>;

export function replyQueries(db: Db) {
  const insert = db.prepare(
    `INSERT INTO care_replies (conversation_id, author, text, template_id, channel, account_id, reply_to_mention_id, status, created_at)
     VALUES (@conversationId, @author, @text, @templateId, @channel, @accountId, @replyToMentionId, @status, @at)`,
  );
  const byId = db.prepare<[number], ReplyRow>('SELECT * FROM care_replies WHERE id = ?');
  const byConversation = db.prepare<[number], ReplyRow>('SELECT * FROM care_replies WHERE conversation_id = ? ORDER BY id');
  const update = db.prepare(
    `UPDATE care_replies SET status = @status, approved_by = COALESCE(@approvedBy, approved_by), external_id = COALESCE(@externalId, external_id),
       external_url = COALESCE(@externalUrl, external_url), platform = COALESCE(@platform, platform), error = @error, sent_at = COALESCE(@sentAt, sent_at) WHERE id = @id`,
  );

  return {
    insertReply(r: {
      conversationId: number;
      author: string;
      text: string;
      templateId: number | null;
      channel: CareReply['channel'];
      accountId: number | null;
      replyToMentionId: number | null;
      status: CareReply['status'];
      at: number;
    }): number {
      return Number(insert.run(r).lastInsertRowid);
    },
    reply(id: number): StoredReply | null {
      const row = byId.get(id);
      return row ? toReply(row) : null;
    },
    replies(conversationId: number): StoredReply[] {
      return byConversation.all(conversationId).map(toReply);
    },
    updateReply(
      id: number,
      patch: {
        status: CareReply['status'];
        approvedBy?: string | null;
        externalId?: string | null;
        externalUrl?: string | null;
        platform?: string | null;
        error?: string | null;
        sentAt?: number | null;
      },
    ): void {
      update.run({
        id,
        status: patch.status,
        approvedBy: patch.approvedBy ?? null,
        externalId: patch.externalId ?? null,
        externalUrl: patch.externalUrl ?? null,
        platform: patch.platform ?? null,
        error: patch.error ?? null,
        sentAt: patch.sentAt ?? null,
      });
    },
  };
}
