import { useState } from 'react';
import type { SourceHealth } from '../../../../shared/domain/source';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { sourceEditorActions, useSourceEditorStore } from '../../stores/source-editor';

/**
 * Delete with a confirmation that says what happens: the source stops and its secrets are
 * forgotten; the mentions it already stored stay in history (walls, topics, search).
 */
export function DeleteSourceButton({ source }: { source: SourceHealth }) {
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = useSourceEditorStore((s) => s.target);

  const onDelete = async () => {
    setPending(true);
    setError(null);
    try {
      const answer = await client.call('sources.delete', { id: source.id });
      if (editing?.mode === 'edit' && editing.id === source.id) sourceEditorActions.close();
      sourceEditorActions.notify(`Deleted “${source.name}”; its ${answer.keptMentions.toLocaleString()} stored mentions stay in history.`);
    } catch (e) {
      setError(errorMessage(e));
      setPending(false);
    }
  };

  if (!confirming) {
    return (
      <button type="button" className="btn btn--danger" data-testid="delete-source" onClick={() => setConfirming(true)}>
        Delete
      </button>
    );
  }
  return (
    <div className="delete-confirm" role="group" aria-label={`Delete ${source.name}`} data-testid="delete-confirm">
      <div>
        Delete “{source.name}”? It stops now and its tokens are forgotten. The {source.itemsTotal.toLocaleString()} mentions it stored stay in history.
      </div>
      <div className="delete-confirm__buttons">
        <button type="button" className="btn btn--danger" data-testid="confirm-delete" disabled={pending} onClick={() => void onDelete()}>
          {pending ? 'Deleting…' : 'Delete source'}
        </button>
        <button type="button" className="btn" data-testid="cancel-delete" disabled={pending} onClick={() => setConfirming(false)}>
          Keep it
        </button>
      </div>
      {error && (
        <div className="call-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
