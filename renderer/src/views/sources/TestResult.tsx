import type { SourceTestResult } from '@shared/domain/source-admin';
import { formatCompact, formatDuration } from '@shared/logic/format';
import { EmptyState, formatFull } from '../../ui';

/** What a "test connection" found: the mentions it would store (as text), what it would skip, or why it failed. */
export function TestResult({ result }: { result: SourceTestResult }) {
  if (!result.ok) {
    return (
      <div className="test-result test-result--failed" role="alert" data-testid="test-result" data-ok="false">
        <div className="test-result__title">Connection test failed</div>
        <div className="test-result__error" data-testid="test-error">
          {result.error}
        </div>
        {result.retryAfterMs !== null && (
          <div className="source-sub">The platform asks to wait {formatDuration(result.retryAfterMs)} before the next request.</div>
        )}
      </div>
    );
  }
  return (
    <div className="test-result" role="status" data-testid="test-result" data-ok="true" data-valid={result.valid} data-received={result.received}>
      <div className="test-result__title">
        Connection works: {result.received} item{result.received === 1 ? '' : 's'} on the first page, {result.valid} would be stored
        {result.skipped.length > 0 && `, ${result.received - result.valid} skipped`}
        {result.moreAvailable && ' (more pages available)'} · {formatDuration(result.durationMs)}
      </div>
      {result.sample.length === 0 ? (
        <EmptyState>Nothing new on the first page.</EmptyState>
      ) : (
        <ol className="test-sample" data-testid="test-sample">
          {result.sample.map((m) => (
            <li key={m.externalId} className="test-sample__item" data-testid="test-mention" data-external-id={m.externalId}>
              <div className="test-sample__meta">
                <span className="test-sample__author">{m.authorName ? `${m.authorName} (${m.authorHandle})` : m.authorHandle}</span>
                {m.authorFollowers !== null && m.authorFollowers !== undefined && <span> · {formatCompact(m.authorFollowers)} followers</span>}
                <span> · {m.platform}</span>
                {m.lang && <span> · {m.lang}</span>}
                <span> · {formatFull(m.publishedAt)}</span>
              </div>
              {/* Text from strangers: rendered as text, never as HTML. */}
              <div className="test-sample__text">{m.text}</div>
              {m.url && <div className="source-sub test-sample__url">{m.url}</div>}
            </li>
          ))}
        </ol>
      )}
      {result.skipped.length > 0 && (
        <div className="test-skipped" data-testid="test-skipped">
          <div className="source-sub">Would be skipped:</div>
          <ul>
            {result.skipped.map((s) => (
              <li key={s.index}>
                item {s.index + 1}: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
