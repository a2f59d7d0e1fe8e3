/** The annotations of the chosen period: listed, and (live workspace only) added and deleted. */
import { useState } from 'react';
import { ANNOTATION_KINDS, LIVE_WORKSPACE, type AnnotationKind } from '@shared/domain/review';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { Button, ErrorNotice, Options, Time, toDateTimeInput } from '../../ui';
import { loadOperatorName } from '../../lib/operator-name';
import type { Period } from './ReviewView';

export function AnnotationsSection({ workspace, period }: { workspace: string; period: Period }) {
  const client = useClient();
  const writable = workspace === LIVE_WORKSPACE;
  // Only the live record changes; a read-only copy's annotations are as recorded.
  const list = useQuery('annotations.list', { workspace, from: period.from, to: period.to }, { refreshOn: writable ? ['annotations.changed'] : [] });
  const annotations = list.data?.annotations ?? null;
  const action = useAction<unknown>();
  const [at, setAt] = useState(toDateTimeInput(period.from));
  const [kind, setKind] = useState<AnnotationKind>('external');
  const [text, setText] = useState('');

  const atMs = Date.parse(at);
  return (
    <section className="console__section review" data-testid="review-annotations">
      <h2>Annotations</h2>
      <ErrorNotice error={action.error ?? list.error} />
      <ul className="review__annotations">
        {(annotations ?? []).map((a) => (
          <li key={a.id} data-testid="review-annotation" data-at={a.at}>
            <Time ms={a.at} style="moment" /> <span className="review__tag">{a.kind}</span> {a.text} <span className="review__by">— {a.author}</span>
            {writable && (
              <Button
                variant="danger"
                data-testid="review-annotation-delete"
                onClick={() => action.run(() => client.call('annotations.delete', { workspace, id: a.id, by: loadOperatorName() }), list.reload)}
              >
                Delete
              </Button>
            )}
          </li>
        ))}
        {annotations && annotations.length === 0 && <li>No annotations in this period.</li>}
      </ul>
      {writable ? (
        <form
          className="review__form"
          onSubmit={(e) => {
            e.preventDefault();
            action.run(
              () => client.call('annotations.add', { workspace, at: atMs, kind, text: text.trim(), by: loadOperatorName(), topicId: null, incidentId: null }),
              () => {
                setText('');
                list.reload();
              },
            );
          }}
        >
          <label>
            At <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} data-testid="review-annotation-at" />
          </label>
          <select value={kind} onChange={(e) => setKind(e.target.value as AnnotationKind)} aria-label="Kind" data-testid="review-annotation-kind">
            <Options items={ANNOTATION_KINDS} value={(k) => k} />
          </select>
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={2000}
            placeholder="e.g. statement published"
            aria-label="Annotation"
            data-testid="review-annotation-text"
          />
          <Button type="submit" variant="primary" disabled={!text.trim() || !Number.isFinite(atMs)} busy={action.pending} data-testid="review-annotation-add">
            Add annotation
          </Button>
        </form>
      ) : (
        <p>This workspace is a read-only copy: its annotations are shown as recorded.</p>
      )}
    </section>
  );
}
