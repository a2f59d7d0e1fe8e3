import { useState } from 'react';
import type { SourceHealth } from '@shared/domain/source';
import { useClient } from '../../lib/client-context';
import type { ApiResult } from '@shared/contract/api';
import { useAction } from '../../data/use-action';
import { Button, ErrorNotice } from '../../ui';
import { sourceEditorActions, useSourceEditorStore } from '../../stores/source-editor';

/**
 * Delete with a confirmation that says what happens: the source stops and its secrets are
 * forgotten; the mentions it already stored stay in history (walls, topics, search).
 */
export function DeleteSourceButton({ source }: { source: SourceHealth }) {
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const deleting = useAction<ApiResult<'sources.delete'>>();
  const editing = useSourceEditorStore((s) => s.target);

  const onDelete = () =>
    deleting.run(
      () => client.call('sources.delete', { id: source.id }),
      (answer) => {
        if (editing?.mode === 'edit' && editing.id === source.id) sourceEditorActions.close();
        sourceEditorActions.notify(`Deleted “${source.name}”; its ${answer.keptMentions.toLocaleString()} stored mentions stay in history.`);
      },
    );

  if (!confirming) {
    return (
      <Button variant="danger" data-testid="delete-source" onClick={() => setConfirming(true)}>
        Delete
      </Button>
    );
  }
  return (
    <div className="delete-confirm" role="group" aria-label={`Delete ${source.name}`} data-testid="delete-confirm">
      <div>
        Delete “{source.name}”? It stops now and its tokens are forgotten. The {source.itemsTotal.toLocaleString()} mentions it stored stay in history.
      </div>
      <div className="delete-confirm__buttons">
        <Button variant="danger" data-testid="confirm-delete" busy={deleting.pending || deleting.result !== null} onClick={onDelete}>
          {deleting.pending || deleting.result ? 'Deleting…' : 'Delete source'}
        </Button>
        <Button data-testid="cancel-delete" disabled={deleting.pending} onClick={() => setConfirming(false)}>
          Keep it
        </Button>
      </div>
      <ErrorNotice error={deleting.error} />
    </div>
  );
}
