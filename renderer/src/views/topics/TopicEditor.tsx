import { useId, useMemo, useState, type FormEvent } from 'react';
import { MAX_TOPIC_NAME_CHARS } from '@shared/contract/areas/topics';
import { TOPIC_KINDS, type Topic, type TopicKind } from '@shared/domain/topic';
import { queryErrorInfo, tryParseQuery } from '@shared/logic/query';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { Button, ErrorNotice, Field, Options } from '../../ui';
import { PreviewPanel } from './PreviewPanel';
import { QueryField } from './QueryField';
import { topicColour } from './topic-colour';

type FieldName = 'name' | 'kind' | 'query' | 'color';

/** "topics.create: name: a topic needs a name" or "query: … (at character 5)" → the field and the words. */
export function fieldOfError(message: string): { field: FieldName | null; message: string } {
  const m = /^(?:topics\.\w+: )?(name|kind|query|color): (.*)$/s.exec(message);
  return m ? { field: m[1] as FieldName, message: m[2]! } : { field: null, message };
}

const KIND_WORDS: Record<TopicKind, string> = { brand: 'Brand', competitor: 'Competitor', campaign: 'Campaign', product: 'Product', other: 'Other' };

export interface TopicEditorProps {
  /** The topic to edit, or null to add one. */
  topic: Topic | null;
  /** Every topic, so a duplicate name is caught as it is typed. */
  others: readonly Topic[];
  onDone(saved: boolean): void;
}

/** Add or edit a topic: fields checked as you type, the query parsed locally (with its error position) and previewed on stored history. */
export function TopicEditor({ topic, others, onDone }: TopicEditorProps) {
  const client = useClient();
  const formId = useId();
  const [name, setName] = useState(topic?.name ?? '');
  const [kind, setKind] = useState<TopicKind>(topic?.kind ?? 'brand');
  const [query, setQuery] = useState(topic?.query ?? '');
  const [autoColour, setAutoColour] = useState(topic ? topic.color === null : true);
  const [colour, setColour] = useState(topic ? topicColour(topic) : '#5aa8ff');
  const [enabled, setEnabled] = useState(topic?.enabled ?? true);
  // Alert counts leave spam and coordinated posts out unless the topic keeps them in.
  const [spamChoice, setSpamOut] = useState<boolean | null>(null);
  const storedSpam = useQuery('signals.spamExcluded.get', topic ? { topicId: topic.id } : null);
  const spamOut = spamChoice ?? storedSpam.data?.excluded ?? true;
  const [serverErrors, setServerErrors] = useState<Partial<Record<FieldName | 'form', string>>>({});
  const save = useAction<unknown>();
  const saving = save.pending;

  const parsed = useMemo(() => tryParseQuery(query), [query]);
  const queryError = query === '' && !serverErrors.query ? null : parsed.ok ? null : queryErrorInfo(parsed.error);
  const trimmed = name.trim();
  const nameError =
    trimmed.length > MAX_TOPIC_NAME_CHARS
      ? `at most ${MAX_TOPIC_NAME_CHARS} characters`
      : others.some((t) => t.id !== topic?.id && t.name.toLocaleLowerCase() === trimmed.toLocaleLowerCase())
        ? `a topic called "${trimmed}" already exists`
        : (serverErrors.name ?? null);
  const canSave = !saving && trimmed !== '' && nameError === null && parsed.ok;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!canSave) return;
    setServerErrors({});
    const fields = { name: trimmed, kind, query, color: autoColour ? null : colour, enabled };
    save.run(async () => {
      let saved: Topic;
      try {
        saved = (await (topic ? client.call('topics.update', { id: topic.id, ...fields }) : client.call('topics.create', fields))).topic;
      } catch (error) {
        const { field, message } = fieldOfError(errorMessage(error));
        setServerErrors({ [field ?? 'form']: message });
        return null;
      }
      try {
        await client.call('signals.spamExcluded.set', { topicId: saved.id, excluded: spamOut });
      } catch (error) {
        setServerErrors({ form: `saved, but the spam setting was not: ${errorMessage(error)}` });
        return null;
      }
      onDone(true);
      return saved;
    });
  };

  const ids = { name: `${formId}-name`, kind: `${formId}-kind`, query: `${formId}-query`, colour: `${formId}-colour`, enabled: `${formId}-enabled` };
  return (
    <form className="topic-editor" data-testid="topic-editor" onSubmit={submit} noValidate aria-label={topic ? `Edit topic ${topic.name}` : 'Add a topic'}>
      <h3>{topic ? `Edit “${topic.name}”` : 'Add a topic'}</h3>
      <div className="topic-editor__row">
        <Field id={ids.name} label="Name" error={nameError} errorTestId="topic-name-error">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              data-testid="topic-name"
              value={name}
              maxLength={MAX_TOPIC_NAME_CHARS + 20}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(e) => {
                setName(e.target.value);
                setServerErrors((s) => ({ ...s, name: undefined }));
              }}
            />
          )}
        </Field>
        <Field id={ids.kind} label="Kind" error={serverErrors.kind}>
          {({ id, describedBy }) => (
            <select id={id} data-testid="topic-kind" value={kind} aria-describedby={describedBy} onChange={(e) => setKind(e.target.value as TopicKind)}>
              <Options items={TOPIC_KINDS} value={(k) => k} label={(k) => KIND_WORDS[k]} />
            </select>
          )}
        </Field>
        <div className="topic-editor__field">
          <label htmlFor={ids.colour}>Colour</label>
          <div className="topic-editor__colour">
            <input id={ids.colour} type="color" data-testid="topic-colour" value={colour} disabled={autoColour} onChange={(e) => setColour(e.target.value)} />
            <label className="topic-editor__inline">
              <input type="checkbox" data-testid="topic-colour-auto" checked={autoColour} onChange={(e) => setAutoColour(e.target.checked)} /> automatic
            </label>
          </div>
          <ErrorNotice error={serverErrors.color} />
        </div>
        <div className="topic-editor__field">
          <span className="topic-editor__label">Listening</span>
          <label className="topic-editor__inline" htmlFor={ids.enabled}>
            <input id={ids.enabled} type="checkbox" data-testid="topic-enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> match new
            mentions
          </label>
          <label className="topic-editor__inline" htmlFor={`${formId}-spam`}>
            <input id={`${formId}-spam`} type="checkbox" data-testid="topic-spam-excluded" checked={spamOut} onChange={(e) => setSpamOut(e.target.checked)} />{' '}
            leave spam and coordinated posts out of alert counts
          </label>
        </div>
      </div>
      <div className="topic-editor__field">
        <label htmlFor={ids.query}>
          Query{' '}
          <span className="topic-editor__hint">
            e.g. <code>kestrel* AND (outage OR "no signal") -test</code>
          </span>
        </label>
        <QueryField
          id={ids.query}
          value={query}
          onChange={(v) => {
            setQuery(v);
            setServerErrors((s) => ({ ...s, query: undefined }));
          }}
          error={queryError}
        />
        <ErrorNotice error={queryError ? null : serverErrors.query} />
      </div>
      <PreviewPanel query={query} enabled={parsed.ok} />
      <ErrorNotice error={serverErrors.form} testId="topic-save-error" />
      <div className="topic-editor__actions">
        <Button type="submit" variant="primary" data-testid="topic-save" disabled={!canSave} busy={saving}>
          {saving ? 'Saving…' : topic ? 'Save changes' : 'Add topic'}
        </Button>
        <Button data-testid="topic-cancel" onClick={() => onDone(false)}>
          Cancel
        </Button>
        {!topic && <span className="topic-editor__hint">Stored mentions that match are tagged in the background after saving.</span>}
      </div>
    </form>
  );
}
