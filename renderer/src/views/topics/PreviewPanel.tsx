import type { TopicPreview } from '@shared/contract/areas/topics';
import { formatAgo } from '@shared/logic/format';
import { safeHttpUrl } from '@shared/logic/safe-url';
import { useQuery } from '../../data/use-query';
import { useSettled } from '../../data/use-settled';
import { ErrorNotice } from '../../ui';
import { useClockStore } from '../../stores/clock';

export const PREVIEW_DEBOUNCE_MS = 350;
const SAMPLE_SIZE = 8;

type State = { status: 'idle' } | { status: 'loading' } | { status: 'done'; preview: TopicPreview } | { status: 'failed'; message: string };

const METHOD_WORDS: Record<'index' | 'index+filter' | 'scan', string> = {
  index: 'counted in the full-text index',
  'index+filter': 'found in the full-text index, then checked one by one',
  scan: 'checked one by one (nothing in this query can use the index)',
};

/**
 * What a query would match in stored history, asked for a moment after typing stops. Answers to
 * an older query are dropped, so the panel always describes what is in the editor now.
 */
export function PreviewPanel({ query, enabled }: { query: string; enabled: boolean }) {
  const now = useClockStore((s) => s.now);
  const asked = useSettled(query, PREVIEW_DEBOUNCE_MS);
  const preview = useQuery('topics.preview', enabled ? { query: asked, limit: SAMPLE_SIZE } : null);
  const state: State = !enabled
    ? { status: 'idle' }
    : asked !== query || (!preview.data && !preview.error)
      ? { status: 'loading' }
      : preview.data
        ? { status: 'done', preview: preview.data }
        : { status: 'failed', message: preview.error ?? '' };

  if (state.status === 'idle')
    return (
      <div className="topic-preview topic-preview--idle" data-testid="topic-preview">
        Type a valid query to see what it matches in stored mentions.
      </div>
    );
  if (state.status === 'loading')
    return (
      <div className="topic-preview" data-testid="topic-preview" data-state="loading">
        Counting stored mentions…
      </div>
    );
  if (state.status === 'failed') return <ErrorNotice className="topic-preview" error={`Preview failed: ${state.message}`} testId="topic-preview" />;
  const p = state.preview;
  if (!p.ok)
    return (
      <div className="topic-preview" data-testid="topic-preview" data-state="invalid">
        The core refused this query: {p.error.message}
      </div>
    );
  return (
    <div className="topic-preview" data-testid="topic-preview" data-state="done">
      <p className="topic-preview__count" data-testid="preview-count" data-count={p.count} data-partial={String(p.partial)}>
        <strong>{p.partial ? `at least ${p.count.toLocaleString()}` : p.count.toLocaleString()}</strong> stored mention{p.count === 1 ? '' : 's'} match
        <span className="topic-preview__how">
          {' '}
          — {METHOD_WORDS[p.method]}
          {p.partial && `; only the newest ${p.examined.toLocaleString()} candidates were checked`}
        </span>
      </p>
      {p.sample.length > 0 && (
        <ol className="topic-preview__sample" aria-label="Newest matching mentions">
          {p.sample.map((m) => {
            const href = safeHttpUrl(m.url);
            return (
              <li key={m.id} data-testid="preview-mention" data-mention-id={m.id}>
                <div className="topic-preview__meta">
                  <span className="topic-preview__author">@{m.authorHandle}</span> · {m.platform} · {formatAgo(m.publishedAt, now)}
                  {href && (
                    <>
                      {' · '}
                      <a href={href} target="_blank" rel="noreferrer noopener">
                        open
                      </a>
                    </>
                  )}
                </div>
                <div className="topic-preview__text">{m.text}</div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
