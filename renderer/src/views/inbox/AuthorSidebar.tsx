/**
 * Who is writing, beside the conversation: profile (clout, segment), the CRM record with its
 * fields and brand score, and their other conversations (one click opens one). Read through the
 * same call as the customer page; text is rendered as text only.
 */
import type { ConversationSummary } from '@shared/domain/care';
import { BRAND_SCORE_FORMULA } from '@shared/logic/care/brand-score';
import { useQuery } from '../../data/use-query';
import { Button, ErrorNotice, Time } from '../../ui';
import { careActions } from '../../stores/care';

export function AuthorSidebar({ conversation }: { conversation: ConversationSummary }) {
  const params =
    conversation.customerId !== null ? { customerId: conversation.customerId } : { platform: conversation.platform, handle: conversation.authorHandle };
  const { data: view, error } = useQuery('care.customers.get', params);

  if (!view) {
    return (
      <aside className="author-side" data-testid="author-sidebar" aria-busy={!error}>
        {error ? <ErrorNotice error={error} /> : 'Loading the author…'}
      </aside>
    );
  }
  const c = view.customer;
  const others = view.conversations.filter((x) => x.id !== conversation.id);
  return (
    <aside className="author-side" data-testid="author-sidebar" aria-label={`About @${conversation.authorHandle}`}>
      <h3>{c?.name ?? conversation.authorName ?? conversation.authorHandle}</h3>
      <p>
        @{conversation.authorHandle} · clout {Math.round(view.clout)}
        {view.segment ? ` · ${view.segment}` : ''}
      </p>
      {c ? (
        <dl data-testid="author-crm">
          <dt>CRM</dt>
          <dd>
            {c.crmId} · {c.tier}
          </dd>
          <dt>Lifetime value</dt>
          <dd>{c.lifetimeValue.toLocaleString()}</dd>
          <dt title={BRAND_SCORE_FORMULA}>Brand score</dt>
          <dd title={BRAND_SCORE_FORMULA}>{c.brandScore}</dd>
          {c.notes && (
            <>
              <dt>Notes</dt>
              <dd>{c.notes}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="author-side__none">Not in the CRM.</p>
      )}
      <h4>Other conversations ({others.length})</h4>
      <ul data-testid="author-conversations">
        {others.slice(0, 8).map((x) => (
          <li key={x.id}>
            <Button onClick={() => careActions.select(x.id)}>
              <Time ms={x.lastActivityAt} /> · {x.status}
            </Button>{' '}
            <span className="author-side__preview">{x.preview}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
