import { useEffect, useState } from 'react';
import type { SourceKindInfo, SourceSettings } from '../../../../shared/domain/source-admin';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { sourceEditorActions, useSourceEditorStore, type EditorTarget } from '../../stores/source-editor';
import { SourceForm } from './SourceForm';

/** The settings panel: pick a kind and fill its form, or edit a stored source. */
export function SourceEditor({ target }: { target: Exclude<EditorTarget, null> }) {
  const client = useClient();
  const kinds = useSourceEditorStore((s) => s.kinds);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (kinds !== null) return;
    let live = true;
    client.call('sources.kinds', {}).then(
      (answer) => live && sourceEditorActions.setKinds(answer.kinds, answer.secrets),
      (error: unknown) => live && setLoadError(errorMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [client, kinds]);

  const onSaved = (source: SourceSettings) => sourceEditorActions.close(target.mode === 'create' ? `Added “${source.name}”; it starts at once.` : `Saved “${source.name}”; it restarted with the new settings.`);
  const onCancel = () => sourceEditorActions.close();

  return (
    <section className="console__section source-editor" aria-labelledby="source-editor-heading" data-testid="source-editor">
      <h2 id="source-editor-heading">{target.mode === 'create' ? 'Add a source' : 'Edit source'}</h2>
      {loadError && (
        <div className="call-error" role="alert">
          {loadError}
        </div>
      )}
      {kinds === null && !loadError && <p className="console__empty">Loading…</p>}
      {kinds !== null && (target.mode === 'create' ? <CreateSource kinds={kinds} onSaved={onSaved} onCancel={onCancel} /> : <EditSource id={target.id} kinds={kinds} onSaved={onSaved} onCancel={onCancel} />)}
    </section>
  );
}

interface PanelProps {
  kinds: SourceKindInfo[];
  onSaved(source: SourceSettings): void;
  onCancel(): void;
}

function CreateSource({ kinds, onSaved, onCancel }: PanelProps) {
  const [kindName, setKindName] = useState('');
  const kind = kinds.find((k) => k.kind === kindName) ?? null;
  return (
    <div className="source-create">
      <label className="setting__label" htmlFor="source-kind">
        Kind of source
      </label>
      <select id="source-kind" data-testid="source-kind" value={kindName} onChange={(e) => setKindName(e.currentTarget.value)}>
        <option value="">Choose what to listen to…</option>
        {kinds.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.title}
          </option>
        ))}
      </select>
      {!kind && (
        <button type="button" className="btn" data-testid="cancel-source" onClick={onCancel}>
          Cancel
        </button>
      )}
      {/* Keyed by kind: picking another kind starts a fresh form. */}
      {kind && <SourceForm key={kind.kind} kind={kind} kindName={kind.title} source={null} onSaved={onSaved} onCancel={onCancel} />}
    </div>
  );
}

function EditSource({ id, kinds, onSaved, onCancel }: PanelProps & { id: string }) {
  const client = useClient();
  const [source, setSource] = useState<SourceSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setSource(null);
    client.call('sources.get', { id }).then(
      (answer) => live && setSource(answer.source),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [client, id]);
  if (error) {
    return (
      <div className="call-error" role="alert">
        {error}
      </div>
    );
  }
  if (!source) return <p className="console__empty">Loading…</p>;
  const kind = source.editable ? (kinds.find((k) => k.kind === source.kind) ?? null) : null;
  return <SourceForm key={source.id} kind={kind} kindName={kind?.title ?? source.kind} source={source} onSaved={onSaved} onCancel={onCancel} />;
}
