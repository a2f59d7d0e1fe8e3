/**
 * Writing a reply in a conversation: the approval a sensitive topic needs, then delivery; a failed
 * reply can be retried or marked as posted by hand.
 */
import type { ConversationDetail } from '@shared/domain/care';
import { ApiError } from '../api/api-error';
import type { StoredConversation } from '../store/queries/care';
import { pushConversation, requireConversation, type CareContext } from './care-context';
import type { CareInbox } from './inbox';
import type { ReplyDelivery } from './reply-delivery';
import { readCareSettings } from './settings';
import type { CareTeam } from './team';
import { replyLength, replyLimit } from '@shared/logic/care/reply-length';

export class CareReplies {
  constructor(
    private readonly ctx: CareContext,
    private readonly team: CareTeam,
    private readonly inbox: CareInbox,
    private readonly delivery: ReplyDelivery,
  ) {}

  /** Whether a reply in this conversation must wait for a lead's or reviewer's approval. */
  needsApproval(c: StoredConversation, author: string): boolean {
    const sensitive = readCareSettings(this.ctx).approvalTopicIds.some((t) => c.topicIds.includes(t));
    const role = this.team.role(author);
    return sensitive && role !== 'lead' && role !== 'pr-legal';
  }

  async reply(p: { conversationId: number; author: string; text: string; templateId: number | null; accountId: number | null }): Promise<ConversationDetail> {
    const at = this.ctx.now();
    const c = requireConversation(this.ctx.store, p.conversationId);
    let channel: 'mastodon' | 'bluesky' | 'manual' = 'manual';
    if (p.accountId !== null) {
      const account = this.ctx.store.care.account(p.accountId);
      if (!account) throw new ApiError('not-found', `account ${p.accountId} does not exist`);
      if (account.platform !== c.platform)
        throw new ApiError('bad-params', `account "${account.name}" posts to ${account.platform}, but the conversation is on ${c.platform}`);
      channel = account.platform;
    }
    if (p.templateId !== null) {
      const t = this.ctx.store.care.template(p.templateId);
      if (!t) throw new ApiError('not-found', `template ${p.templateId} does not exist`);
      if (!t.approvedBy) throw new ApiError('conflict', `template "${t.name}" is not approved yet`);
    }
    // X and Bluesky refuse longer posts; say so before anything is stored. (Mastodon's limit is the instance's: it answers for itself.)
    if (channel !== 'mastodon' && (c.platform === 'x' || c.platform === 'bluesky')) {
      const length = replyLength(c.platform, p.text);
      const limit = replyLimit(c.platform);
      if (length > limit) throw new ApiError('bad-params', `text: ${length} characters as ${c.platform} counts them; ${c.platform} allows ${limit}`);
    }
    const pending = this.needsApproval(c, p.author);
    const lastMention = this.ctx.store.care.mentionIds(c.id).pop() ?? null;
    const replyId = this.ctx.store.transaction(() => {
      const id = this.ctx.store.care.insertReply({ ...p, channel, replyToMentionId: lastMention, status: pending ? 'pending-approval' : 'approved', at });
      this.ctx.store.care.addEvent(
        c.id,
        at,
        p.author,
        pending ? 'reply-awaiting-approval' : 'reply-written',
        pending ? `${p.author} wrote a reply that needs approval (sensitive topic): ${p.text}` : `${p.author} wrote a reply: ${p.text}`,
      );
      return id;
    });
    if (!pending) await this.delivery.deliver(replyId);
    pushConversation(this.ctx, c.id);
    return this.inbox.detail(c.id);
  }

  async approveReply(replyId: number, by: string, approve: boolean, reason: string): Promise<ConversationDetail> {
    const reply = this.ctx.store.care.reply(replyId);
    if (!reply) throw new ApiError('not-found', `reply ${replyId} does not exist`);
    if (reply.status !== 'pending-approval') throw new ApiError('conflict', `reply ${replyId} is not waiting for approval (it is ${reply.status})`);
    const role = this.team.role(by);
    if (role !== 'lead' && role !== 'pr-legal') throw new ApiError('conflict', `${by} cannot approve replies: only leads and PR/legal reviewers can`);
    const at = this.ctx.now();
    this.ctx.store.transaction(() => {
      this.ctx.store.care.updateReply(replyId, { status: approve ? 'approved' : 'rejected', approvedBy: by });
      this.ctx.store.care.addEvent(
        reply.conversationId,
        at,
        by,
        approve ? 'reply-approved' : 'reply-rejected',
        `${by} ${approve ? 'approved' : 'rejected'} ${reply.author}'s reply${reason ? `: ${reason}` : ''}`,
      );
    });
    if (approve) await this.delivery.deliver(replyId);
    pushConversation(this.ctx, reply.conversationId);
    return this.inbox.detail(reply.conversationId);
  }

  /** A failed reply can be tried again, or marked as posted by hand after all. */
  async retryReply(replyId: number, by: string, byHand: boolean): Promise<ConversationDetail> {
    const reply = this.ctx.store.care.reply(replyId);
    if (!reply) throw new ApiError('not-found', `reply ${replyId} does not exist`);
    if (reply.status !== 'failed') throw new ApiError('conflict', `reply ${replyId} did not fail (it is ${reply.status})`);
    const at = this.ctx.now();
    if (byHand) {
      this.ctx.store.transaction(() => {
        this.ctx.store.care.updateReply(replyId, { status: 'sent-by-hand', sentAt: at });
        this.ctx.store.care.markResponded(reply.conversationId, at);
        this.ctx.store.care.addEvent(reply.conversationId, at, by, 'reply-sent-by-hand', `${by} posted the failed reply by hand`);
      });
    } else {
      this.ctx.store.care.addEvent(reply.conversationId, at, by, 'reply-retried', `${by} tried sending again`);
      await this.delivery.deliver(replyId);
    }
    pushConversation(this.ctx, reply.conversationId);
    return this.inbox.detail(reply.conversationId);
  }
}
