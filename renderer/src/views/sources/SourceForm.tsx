import { useMemo, useState } from 'react';
import type { SecretState, SourceKindInfo, SourceSettings, SourceTestResult } from '@shared/domain/source-admin';
import {
  errorsByField,
  formValuesFromSettings,
  intervalMsFromSeconds,
  intervalSeconds,
  settingsFromForm,
  type FormValue,
  type FormValues,
  type SecretEdit,
} from '@shared/logic/source-form';
import { useClient } from '../../lib/client-context';
import { useSourceEditorStore } from '../../stores/source-editor';
import { useAction } from '../../data/use-action';
import { Button, ErrorNotice, Field } from '../../ui';
import { SettingField } from './SettingField';
import { TestResult } from './TestResult';

export interface SourceFormProps {
  /** The kind's form; null for sources whose settings are not editable here (name and interval only). */
  kind: SourceKindInfo | null;
  kindName: string;
  /** The stored source when editing. */
  source: SourceSettings | null;
  onSaved(source: SourceSettings): void;
  onCancel(): void;
}

/** Add or edit one source: its kind's fields, name and interval, "Test connection", save. */
export function SourceForm({ kind, kindName, source, onSaved, onCancel }: SourceFormProps) {
  const client = useClient();
  const secretsInfo = useSourceEditorStore((s) => s.secrets);
  const fields = useMemo(() => kind?.fields ?? [], [kind]);
  const [name, setName] = useState(source?.name ?? kind?.title ?? '');
  const [interval, setIntervalText] = useState(intervalSeconds(source?.intervalMs ?? kind?.defaultIntervalMs ?? 60_000));
  const [values, setValues] = useState<FormValues>(() => formValuesFromSettings(fields, source?.settings ?? {}));
  const [secretEdits, setSecretEdits] = useState<Record<string, SecretEdit>>({});
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const saving = useAction<unknown>();
  const testing = useAction<SourceTestResult>();
  const busy = saving.pending || testing.pending;
  const test = testing.result;

  const secretState = (key: string): SecretState => source?.secrets[key] ?? 'unset';
  const settings = () => settingsFromForm(fields, values, secretEdits);

  const setValue = (key: string, value: FormValue) => setValues((v) => ({ ...v, [key]: value }));
  const setSecret = (key: string, edit: SecretEdit) => setSecretEdits((s) => ({ ...s, [key]: edit }));

  const onSave = () => {
    const intervalMs = intervalMsFromSeconds(interval);
    if (Number.isNaN(intervalMs)) {
      setErrors(new Map([['intervalMs', 'enter a number of seconds']]));
      return;
    }
    testing.reset();
    saving.run(async () => {
      const answer = source
        ? await client.call('sources.update', { id: source.id, name, intervalMs, ...(kind ? { settings: settings() } : {}) })
        : await client.call('sources.create', { kind: kind!.kind, name, intervalMs, settings: settings() });
      if (answer.ok) {
        setErrors(new Map());
        onSaved(answer.source);
      } else {
        setErrors(errorsByField(answer.errors));
      }
      return answer;
    });
  };

  const onTest = () => {
    if (!kind) return;
    saving.reset();
    testing.run(
      () => client.call('sources.test', { kind: kind.kind, settings: settings(), ...(source ? { id: source.id } : {}) }),
      (answer) => setErrors(answer.ok ? new Map() : errorsByField(answer.errors)),
    );
  };

  const general = errors.get('settings') ?? errors.get('kind');

  return (
    <div className="source-form" data-testid="source-form" data-kind={kind?.kind ?? source?.kind}>
      <div className="source-form__kind">
        <strong>{kindName}</strong>
        {kind && <div className="source-sub">{kind.description}</div>}
        {!kind && source && (
          <div className="source-sub">This source's own settings come from how Earshot was started; its name and interval can be changed here.</div>
        )}
      </div>
      <div className="source-form__grid">
        <Field id="source-name" label="Name" required error={errors.get('name')} testId="field-name" errorTestId="error-name">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              data-testid="input-name"
              type="text"
              value={name}
              maxLength={200}
              autoComplete="off"
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(e) => setName(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="source-interval"
          label="Poll every (seconds)"
          hint="Streams and webhooks deliver between polls; this is how often their buffer is stored."
          error={errors.get('intervalMs')}
          testId="field-interval"
          errorTestId="error-interval"
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              data-testid="input-interval"
              type="text"
              inputMode="decimal"
              value={interval}
              autoComplete="off"
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(e) => setIntervalText(e.currentTarget.value)}
            />
          )}
        </Field>
        {fields.map((field) => (
          <SettingField
            key={field.key}
            field={field}
            value={values[field.key]}
            secretState={field.type === 'secret' ? secretState(field.key) : undefined}
            secretEdit={secretEdits[field.key]}
            error={errors.get(field.key)}
            onChange={(value) => setValue(field.key, value)}
            onSecretEdit={(edit) => setSecret(field.key, edit)}
          />
        ))}
      </div>
      {fields.some((f) => f.type === 'secret') && secretsInfo && (
        <div className={secretsInfo.problem ? 'call-error' : 'source-sub'} data-testid="secrets-note" role={secretsInfo.problem ? 'alert' : undefined}>
          {secretsInfo.problem
            ? `Tokens cannot be stored right now: ${secretsInfo.problem}`
            : secretsInfo.backend === 'os-keychain'
              ? "Tokens and keys are encrypted with this computer's keychain; they never come back to this window."
              : 'Tokens and keys are kept in secrets.json in the data folder, readable only by your user account; they never come back to this window.'}
        </div>
      )}
      <ErrorNotice error={general} testId="error-settings" />
      <div className="source-form__actions">
        <Button variant="primary" data-testid="save-source" busy={busy} onClick={onSave}>
          {saving.pending ? 'Saving…' : source ? 'Save changes' : 'Add source'}
        </Button>
        {kind && (
          <Button data-testid="test-source" busy={busy} onClick={onTest}>
            {testing.pending ? 'Testing…' : 'Test connection'}
          </Button>
        )}
        <Button data-testid="cancel-source" disabled={saving.pending} onClick={onCancel}>
          Cancel
        </Button>
        {kind && <span className="source-sub">Test connection fetches one page with these settings and stores nothing.</span>}
      </div>
      <ErrorNotice error={saving.error ?? testing.error} testId="source-call-error" />
      {test && <TestResult result={test} />}
    </div>
  );
}
