/** Sends an approved reply through its platform account, or records it as posted by hand. */
import type { StoredReply } from '../store/queries/care';
import type { CareAccounts } from './accounts';
import { SYSTEM_ACTOR, type CareContext } from './care-context';
import { sendBlueskyReply, sendMastodonReply, SendError, type FetchLike } from './senders';

export class ReplyDelivery {
  constructor(
    private readonly ctx: CareContext,
    private readonly accounts: CareAccounts,
    private readonly fetchFn: FetchLike,
  ) {}

  /** Sends an approved reply (or records it as sent by hand); a failure is recorded, never thrown away. */
  async deliver(replyId: number): Promise<StoredReply> {
    const reply = this.ctx.store.care.reply(replyId)!;
    const at = this.ctx.now();
    if (reply.channel === 'manual') {
      this.ctx.store.transaction(() => {
        this.ctx.store.care.updateReply(replyId, { status: 'sent-by-hand', sentAt: at });
        this.ctx.store.care.markResponded(reply.conversationId, at);
        this.ctx.store.care.addEvent(reply.conversationId, at, reply.author, 'reply-sent-by-hand', `${reply.author} posted the reply by hand`);
      });
      return this.ctx.store.care.reply(replyId)!;
    }
    try {
      const account = reply.accountId === null ? null : this.ctx.store.care.account(reply.accountId);
      if (!account) throw new SendError('the account was removed');
      const secret = this.accounts.secretFor(account.secretRef, account.baseUrl);
      if (!secret)
        throw new SendError(
          `account "${account.name}" has no stored ${account.platform === 'mastodon' ? 'access token' : 'app password'} for ${new URL(account.baseUrl).origin} (enter it again after an address change)`,
        );
      const mention = reply.replyToMentionId === null ? null : (this.ctx.store.mentions.byIds([reply.replyToMentionId])[0] ?? null);
      if (!mention) throw new SendError('the post to answer is no longer stored');
      if (mention.drillRunId !== null) {
        // A drill's posts are made up: answering one must never reach a real platform. The reply
        // counts for the drill's timings as if sent, and the history says why nothing went out.
        this.ctx.store.transaction(() => {
          this.ctx.store.care.updateReply(replyId, { status: 'sent', sentAt: at });
          this.ctx.store.care.markResponded(reply.conversationId, at);
          this.ctx.store.care.addEvent(
            reply.conversationId,
            at,
            reply.author,
            'reply-sent',
            `drill: not sent to ${account.platform} (the post was injected by a crisis drill)`,
          );
        });
        return this.ctx.store.care.reply(replyId)!;
      }
      const target = { externalId: mention.externalId, url: mention.url };
      const sent =
        account.platform === 'mastodon'
          ? await sendMastodonReply(this.fetchFn, { baseUrl: account.baseUrl, token: secret }, target, reply.text, `earshot-reply-${replyId}`)
          : await sendBlueskyReply(this.fetchFn, { baseUrl: account.baseUrl, identifier: account.identifier, appPassword: secret }, target, reply.text, at);
      const done = this.ctx.now();
      this.ctx.store.transaction(() => {
        this.ctx.store.care.updateReply(replyId, {
          status: 'sent',
          externalId: sent.externalId,
          externalUrl: sent.url,
          platform: account.platform,
          sentAt: done,
        });
        this.ctx.store.care.markResponded(reply.conversationId, done);
        this.ctx.store.care.addEvent(reply.conversationId, done, reply.author, 'reply-sent', `sent from ${account.name} on ${account.platform}`);
      });
    } catch (error) {
      const message = error instanceof SendError ? error.message : `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
      this.ctx.logger.warn('care reply not sent', { reply: replyId, error: message });
      this.ctx.store.transaction(() => {
        this.ctx.store.care.updateReply(replyId, { status: 'failed', error: message });
        this.ctx.store.care.addEvent(reply.conversationId, this.ctx.now(), SYSTEM_ACTOR, 'reply-failed', message);
      });
    }
    return this.ctx.store.care.reply(replyId)!;
  }
}
