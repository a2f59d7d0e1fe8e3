import { useEffect, useState } from 'react';
import type { SourceKindInfo, SourceSettings } from '@shared/domain/source-admin';
import { useQuery } from '../../data/use-query';
import { Button, EmptyState, ErrorNotice, Options } from '../../ui';
import { sourceEditorActions, useSourceEditorStore, type EditorTarget } from '../../stores/source-editor';
import { SourceForm } from './SourceForm';

/** The settings panel: pick a kind and fill its form, or edit a stored source. */
export function SourceEditor({ target }: { target: Exclude<EditorTarget, null> }) {
  const kinds = useSourceEditorStore((s) => s.kinds);
  // The kinds are fixed for the core's lifetime: asked once, kept in the editor's store.
  const answer = useQuery('sources.kinds', kinds === null ? {} : null);
  useEffect(() => {
    if (answer.data) sourceEditorActions.setKinds(answer.data.kinds, answer.data.secrets);
  }, [answer.data]);
  const loadError = kinds === null ? answer.error : null;

  const onSaved = (source: SourceSettings) =>
    sourceEditorActions.close(
      target.mode === 'create' ? `Added “${source.name}”; it starts at once.` : `Saved “${source.name}”; it restarted with the new settings.`,
    );
  const onCancel = () => sourceEditorActions.close();

  return (
    <section className="console__section source-editor" aria-labelledby="source-editor-heading" data-testid="source-editor">
      <h2 id="source-editor-heading">{target.mode === 'create' ? 'Add a source' : 'Edit source'}</h2>
      <ErrorNotice error={loadError} />
      {kinds === null && !loadError && <EmptyState>Loading…</EmptyState>}
      {kinds !== null &&
        (target.mode === 'create' ? (
          <CreateSource kinds={kinds} onSaved={onSaved} onCancel={onCancel} />
        ) : (
          <EditSource id={target.id} kinds={kinds} onSaved={onSaved} onCancel={onCancel} />
        ))}
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
        <Options items={kinds} value={(k) => k.kind} label={(k) => k.title} empty="Choose what to listen to…" />
      </select>
      {!kind && (
        <Button data-testid="cancel-source" onClick={onCancel}>
          Cancel
        </Button>
      )}
      {/* Keyed by kind: picking another kind starts a fresh form. */}
      {kind && <SourceForm key={kind.kind} kind={kind} kindName={kind.title} source={null} onSaved={onSaved} onCancel={onCancel} />}
    </div>
  );
}

function EditSource({ id, kinds, onSaved, onCancel }: PanelProps & { id: string }) {
  const { data, error } = useQuery('sources.get', { id });
  const source = data?.source ?? null;
  if (!source) return error ? <ErrorNotice error={error} /> : <EmptyState>Loading…</EmptyState>;
  const kind = source.editable ? (kinds.find((k) => k.kind === source.kind) ?? null) : null;
  return <SourceForm key={source.id} kind={kind} kindName={kind?.title ?? source.kind} source={source} onSaved={onSaved} onCancel={onCancel} />;
}
