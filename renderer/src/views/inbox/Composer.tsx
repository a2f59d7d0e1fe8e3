/**
 * The reply composer: approved responses (Alt+1…9 inserts one, variables filled), the account to
 * send from (or by hand: the text is copied and the reply recorded as sent by hand), Ctrl+Enter
 * sends. Only approved templates are offered; who approved each is shown.
 */
import { forwardRef, useState, type KeyboardEvent } from 'react';
import { MASTODON_DEFAULT_LIMIT, replyLength, replyLimit } from '@shared/logic/care/reply-length';
import type { CareAccount, ConversationSummary, ReplyTemplate } from '@shared/domain/care';
import { renderTemplate, unfilledVariables } from '@shared/logic/care/templates';
import { useQuery } from '../../data/use-query';
import { Button } from '../../ui';

export interface ComposerProps {
  conversation: ConversationSummary;
  templates: ReplyTemplate[];
  accounts: CareAccount[];
  operator: string;
  topicName: string | null;
  needsApproval: boolean;
  busy: boolean;
  onSend: (text: string, templateId: number | null, accountId: number | null) => void;
  onFocusChange: (focused: boolean) => void;
}

export const Composer = forwardRef<HTMLTextAreaElement, ComposerProps>(function Composer(
  { conversation, templates, accounts, operator, topicName, needsApproval, busy, onSend, onFocusChange },
  ref,
) {
  const [text, setText] = useState('');
  const [templateId, setTemplateId] = useState<number | null>(null);
  const usable = accounts.filter((a) => a.platform === conversation.platform && a.hasSecret);
  const [accountId, setAccountId] = useState<number | null>(usable[0]?.id ?? null);
  // Only a Mastodon instance sets its own limit; until it is read the network's default applies.
  const instanceLimit = useQuery('care.accounts.replyLimit', conversation.platform === 'mastodon' && accountId !== null ? { accountId } : null).data;
  const limit = replyLimit(conversation.platform, instanceLimit?.maxCharacters ?? null);
  const length = replyLength(conversation.platform, text);
  const limitNote =
    conversation.platform === 'mastodon'
      ? (instanceLimit?.detail ?? `Mastodon's default ${MASTODON_DEFAULT_LIMIT} until the instance's own limit is read`)
      : `${conversation.platform}: ${limit} characters as the network counts them`;
  const approved = templates.filter((t) => t.approvedBy !== null);

  const insert = (t: ReplyTemplate) => {
    setText(
      renderTemplate(t.body, {
        name: conversation.authorName ?? conversation.authorHandle,
        handle: `@${conversation.authorHandle}`,
        agent: operator,
        ...(topicName ? { topic: topicName } : {}),
      }),
    );
    setTemplateId(t.id);
  };

  const send = () => {
    const body = text.trim();
    if (!body || busy || length > limit) return;
    const account = usable.find((a) => a.id === accountId) ?? null;
    if (!account) void navigator.clipboard?.writeText(body).catch(() => undefined);
    onSend(body, templateId, account?.id ?? null);
    setText('');
    setTemplateId(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    } else if (e.altKey && /^[1-9]$/.test(e.key)) {
      const t = approved[Number(e.key) - 1];
      if (t) {
        e.preventDefault();
        insert(t);
      }
    } else if (e.altKey && /^Digit[1-9]$/.test(e.code)) {
      // macOS turns Alt+digit into another character; the key code still says which digit.
      const t = approved[Number(e.code.slice(5)) - 1];
      if (t) {
        e.preventDefault();
        insert(t);
      }
    } else if (e.key === 'Escape') {
      e.currentTarget.blur();
    }
  };

  const missing = unfilledVariables(text);
  return (
    <section className="composer" aria-label="Reply">
      {approved.length > 0 && (
        <ol className="composer__templates" aria-label="Approved responses">
          {approved.slice(0, 9).map((t, i) => (
            <li key={t.id}>
              <Button onClick={() => insert(t)} data-testid="template-button" title={t.body}>
                <kbd>Alt+{i + 1}</kbd> {t.name} <span className="composer__approved">approved by {t.approvedBy}</span>
              </Button>
            </li>
          ))}
        </ol>
      )}
      <textarea
        ref={ref}
        className="composer__text"
        data-testid="reply-text"
        value={text}
        maxLength={2000}
        rows={4}
        placeholder="Write a reply (r) — Alt+1…9 inserts an approved response — Ctrl+Enter sends"
        onChange={(e) => {
          setText(e.currentTarget.value);
          if (e.currentTarget.value === '') setTemplateId(null);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => onFocusChange(true)}
        onBlur={() => onFocusChange(false)}
      />
      {missing.length > 0 && <p className="composer__warn">Fill in: {missing.map((v) => `{{${v}}}`).join(', ')}</p>}
      <div className="composer__row">
        <label>
          Send
          <select
            value={accountId ?? ''}
            onChange={(e) => setAccountId(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
            data-testid="reply-account"
          >
            <option value="">by hand (copy the text, post it yourself)</option>
            {usable.map((a) => (
              <option key={a.id} value={a.id}>
                from {a.name} ({a.platform})
              </option>
            ))}
          </select>
        </label>
        {needsApproval && <span className="composer__warn">Sensitive topic: a lead or reviewer approves before it goes out.</span>}
        <span className={`composer__count${length > limit ? ' composer__count--over' : ''}`} title={limitNote} data-testid="composer-count" data-limit={limit}>
          {length}/{limit}
        </span>
        <Button variant="primary" onClick={send} disabled={busy || text.trim() === '' || length > limit} data-testid="reply-send">
          {usable.some((a) => a.id === accountId) ? 'Send' : 'Copy & record as sent by hand'} <kbd>Ctrl+Enter</kbd>
        </Button>
      </div>
    </section>
  );
});
