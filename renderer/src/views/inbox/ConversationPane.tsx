/**
 * One conversation: who it is (and the CRM customer behind the handle), who else is looking, every
 * post, the replies with their state, and the complete history. Text from strangers is plain text;
 * links only through safeHttpUrl.
 */
import type { ConversationDetail, PresenceEntry } from '@shared/domain/care';
import { safeHttpUrl } from '@shared/logic/safe-url';
import { formatFull, formatHM } from '../../ui/time-format';
import { PlatformBadge } from '../../widgets/PlatformBadge';
import { TRIAGE_REASON_LABELS } from '@shared/logic/care/needs-reply';
import { Button } from '../../ui';

export interface ConversationPaneProps {
  detail: ConversationDetail;
  presence: PresenceEntry[];
  operator: string;
  onRetry: (replyId: number, byHand: boolean) => void;
  onApprove: (replyId: number, approve: boolean) => void;
  /** Replay: the thread as it stood then, without the buttons that act on replies. */
  readOnly?: boolean;
}

const REPLY_STATUS: Record<string, string> = {
  'pending-approval': 'waiting for approval',
  approved: 'approved, sending…',
  sent: 'sent',
  'sent-by-hand': 'sent by hand',
  failed: 'failed',
  rejected: 'rejected',
};

export function ConversationPane({ detail, presence, operator, onRetry, onApprove, readOnly = false }: ConversationPaneProps) {
  const c = detail.conversation;
  const others = presence.filter((p) => p.conversationId === c.id && p.agent !== operator);
  const lastPost = detail.mentions[detail.mentions.length - 1];
  const postUrl = safeHttpUrl(lastPost?.url ?? null);
  return (
    <article className="conversation" data-testid="conversation" data-conversation-id={c.id} data-status={c.status} data-assignee={c.assignee ?? ''}>
      <header className="conversation__head">
        <div>
          <h2 className="conversation__who">
            <PlatformBadge platform={c.platform} />{' '}
            {c.drillRunId !== null && (
              <span className="drill-mark" title="Injected by a crisis drill: not a real customer" data-testid="conversation-drill">
                DRILL
              </span>
            )}{' '}
            {c.authorName ?? c.authorHandle} <span className="conversation__handle">@{c.authorHandle}</span>
          </h2>
          <p className="conversation__meta">
            <span className={`status status--${c.status}`} data-testid="conversation-status">
              {c.status}
            </span>
            {' · '}
            <span data-testid="conversation-assignee">{c.assignee ? `with ${c.assignee}` : 'unassigned'}</span>
            {' · '}
            <span
              className={`triage triage--${c.needsReply ? 'reply' : 'none'}`}
              data-testid="conversation-triage"
              data-needs-reply={c.needsReply}
              title={`${c.triageReason === 'unclassified' ? 'opened before triage' : TRIAGE_REASON_LABELS[c.triageReason]} · m changes it`}
            >
              {c.needsReply ? 'needs a reply' : 'no reply needed'} (
              {c.triageReason === 'unclassified' ? 'opened before triage' : TRIAGE_REASON_LABELS[c.triageReason]})
            </span>
            {' · urgency '}
            {Math.round(c.urgency)} · clout {Math.round(c.clout)}
            {c.lang ? ` · ${c.lang}` : ''}
            {c.intents.length > 0 ? ` · ${c.intents.join(', ')}` : ''}
            {c.tags.length > 0 && (
              <>
                {' · '}
                {c.tags.map((t) => (
                  <span key={t} className="tag" data-testid="conversation-tag">
                    {t}
                  </span>
                ))}
              </>
            )}
            {c.privateChannel && <span className="tag tag--private"> moved to {c.privateChannel}</span>}
          </p>
          <p className="conversation__customer" data-testid="conversation-customer">
            {detail.customer ? (
              <>
                <a href={`#/customers/${detail.customer.id}`}>{detail.customer.name}</a> · {detail.customer.tier} · lifetime value{' '}
                {detail.customer.lifetimeValue.toLocaleString()} · brand score {detail.customer.brandScore}
              </>
            ) : (
              <a href={`#/customers/${c.platform}/${encodeURIComponent(c.authorHandle)}`}>Everything from @{c.authorHandle}</a>
            )}
          </p>
        </div>
        {others.length > 0 && (
          <p className="conversation__presence" data-testid="conversation-presence" role="status">
            {others.map((p) => `${p.agent} is ${p.activity}`).join(' · ')}
          </p>
        )}
      </header>

      <ol className="conversation__posts">
        {detail.mentions.map((m) => (
          <li key={m.id} className={`post post--${m.sentiment}`}>
            <span className="post__time" title={formatFull(m.publishedAt)}>
              {formatHM(m.publishedAt)}
            </span>
            <span className="post__author">@{m.authorHandle}</span>
            <p className="post__text">{m.text}</p>
          </li>
        ))}
        {detail.replies.map((r) => (
          <li key={`r${r.id}`} className={`post post--reply post--${r.status}`} data-testid="reply" data-reply-status={r.status}>
            <span className="post__time">{formatHM(r.sentAt ?? r.createdAt)}</span>
            <span className="post__author">
              {r.author} · {REPLY_STATUS[r.status] ?? r.status}
              {r.approvedBy ? ` · approved by ${r.approvedBy}` : ''}
            </span>
            <p className="post__text">{r.text}</p>
            {r.error && <p className="post__error">{r.error}</p>}
            {r.status === 'failed' && !readOnly && (
              <span className="post__actions">
                <Button onClick={() => onRetry(r.id, false)}>Try again</Button>
                <Button onClick={() => onRetry(r.id, true)}>I posted it by hand</Button>
              </span>
            )}
            {r.status === 'pending-approval' && !readOnly && (
              <span className="post__actions">
                <Button onClick={() => onApprove(r.id, true)} data-testid="reply-approve">
                  Approve and send
                </Button>
                <Button onClick={() => onApprove(r.id, false)}>Reject</Button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {postUrl && (
        <p className="conversation__link">
          <a href={postUrl} target="_blank" rel="noopener noreferrer">
            Open the post on {c.platform}
          </a>
        </p>
      )}

      <details className="conversation__history" open>
        <summary>History ({detail.events.length})</summary>
        <ol data-testid="history">
          {detail.events.map((e) => (
            <li key={e.id} data-kind={e.kind}>
              <time title={formatFull(e.at)}>{formatHM(e.at)}</time> <strong>{e.actor}</strong> <span className="history__kind">{e.kind}</span> {e.detail}
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}
