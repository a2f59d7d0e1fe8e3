/** The annotations of the chosen period: listed, and (live workspace only) added and deleted. */
import { useEffect, useState } from 'react';
import { ANNOTATION_KINDS, LIVE_WORKSPACE, type Annotation, type AnnotationKind } from '../../../../shared/domain/review';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { loadOperatorName } from '../../lib/operator-name';
import { formatReplayMoment } from '../../replay/format';
import type { Period } from './ReviewView';

function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function AnnotationsSection({ workspace, period }: { workspace: string; period: Period }) {
  const client = useClient();
  const [annotations, setAnnotations] = useState<Annotation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const [at, setAt] = useState(toLocalInput(period.from));
  const [kind, setKind] = useState<AnnotationKind>('external');
  const [text, setText] = useState('');
  const writable = workspace === LIVE_WORKSPACE;

  useEffect(() => {
    let alive = true;
    const load = () =>
      client.call('annotations.list', { workspace, from: period.from, to: period.to }).then(
        (r) => alive && setAnnotations(r.annotations),
        (e: unknown) => alive && setError(errorMessage(e)),
      );
    const disposers = [client.onHello(load)];
    if (workspace === LIVE_WORKSPACE) disposers.push(client.subscribe('annotations.changed', load));
    return () => {
      alive = false;
      disposers.forEach((d) => d());
    };
  }, [client, workspace, period.from, period.to, round]);

  const atMs = Date.parse(at);
  return (
    <section className="console__section review" data-testid="review-annotations">
      <h2>Annotations</h2>
      {error && (
        <p className="review__error" role="alert">
          {error}
        </p>
      )}
      <ul className="review__annotations">
        {(annotations ?? []).map((a) => (
          <li key={a.id} data-testid="review-annotation" data-at={a.at}>
            <time dateTime={new Date(a.at).toISOString()}>{formatReplayMoment(a.at)}</time> <span className="review__tag">{a.kind}</span> {a.text} <span className="review__by">— {a.author}</span>
            {writable && (
              <button
                type="button"
                data-testid="review-annotation-delete"
                onClick={() => {
                  setError(null);
                  client.call('annotations.delete', { workspace, id: a.id, by: loadOperatorName() }).then(
                    () => setRound((r) => r + 1),
                    (e: unknown) => setError(errorMessage(e)),
                  );
                }}
              >
                delete
              </button>
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
            setError(null);
            client.call('annotations.add', { workspace, at: atMs, kind, text: text.trim(), by: loadOperatorName(), topicId: null, incidentId: null }).then(
              () => {
                setText('');
                setRound((r) => r + 1);
              },
              (err: unknown) => setError(errorMessage(err)),
            );
          }}
        >
          <label>
            At <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} data-testid="review-annotation-at" />
          </label>
          <select value={kind} onChange={(e) => setKind(e.target.value as AnnotationKind)} aria-label="Kind" data-testid="review-annotation-kind">
            {ANNOTATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <input value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} placeholder="e.g. statement published" aria-label="Annotation" data-testid="review-annotation-text" />
          <button type="submit" disabled={!text.trim() || !Number.isFinite(atMs)} data-testid="review-annotation-add">
            Add annotation
          </button>
        </form>
      ) : (
        <p>This workspace is a read-only copy: its annotations are shown as recorded.</p>
      )}
    </section>
  );
}
