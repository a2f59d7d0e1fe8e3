import { useMemo, useState } from 'react';
import type { SecretState, SourceKindInfo, SourceSettings, SourceTestResult } from '../../../../shared/domain/source-admin';
import {
  errorsByField,
  formValuesFromSettings,
  intervalMsFromSeconds,
  intervalSeconds,
  settingsFromForm,
  type FormValue,
  type FormValues,
  type SecretEdit,
} from '../../../../shared/logic/source-form';
import { useClient } from '../../lib/client-context';
import { useSourceEditorStore } from '../../stores/source-editor';
import { errorMessage } from '../../lib/error-message';
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
  const [callError, setCallError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'saving' | 'testing' | null>(null);
  const [test, setTest] = useState<SourceTestResult | null>(null);

  const secretState = (key: string): SecretState => source?.secrets[key] ?? 'unset';
  const settings = () => settingsFromForm(fields, values, secretEdits);

  const setValue = (key: string, value: FormValue) => setValues((v) => ({ ...v, [key]: value }));
  const setSecret = (key: string, edit: SecretEdit) => setSecretEdits((s) => ({ ...s, [key]: edit }));

  const onSave = async () => {
    const intervalMs = intervalMsFromSeconds(interval);
    if (Number.isNaN(intervalMs)) {
      setErrors(new Map([['intervalMs', 'enter a number of seconds']]));
      return;
    }
    setBusy('saving');
    setCallError(null);
    try {
      const answer = source
        ? await client.call('sources.update', { id: source.id, name, intervalMs, ...(kind ? { settings: settings() } : {}) })
        : await client.call('sources.create', { kind: kind!.kind, name, intervalMs, settings: settings() });
      if (answer.ok) {
        setErrors(new Map());
        onSaved(answer.source);
      } else {
        setErrors(errorsByField(answer.errors));
      }
    } catch (error) {
      setCallError(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const onTest = async () => {
    if (!kind) return;
    setBusy('testing');
    setCallError(null);
    setTest(null);
    try {
      const answer = await client.call('sources.test', { kind: kind.kind, settings: settings(), ...(source ? { id: source.id } : {}) });
      setTest(answer);
      setErrors(answer.ok ? new Map() : errorsByField(answer.errors));
    } catch (error) {
      setCallError(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const general = errors.get('settings') ?? errors.get('kind');

  return (
    <div className="source-form" data-testid="source-form" data-kind={kind?.kind ?? source?.kind}>
      <div className="source-form__kind">
        <strong>{kindName}</strong>
        {kind && <div className="source-sub">{kind.description}</div>}
        {!kind && source && <div className="source-sub">This source's own settings come from how Earshot was started; its name and interval can be changed here.</div>}
      </div>
      <div className="source-form__grid">
        <div className={`setting${errors.has('name') ? ' setting--invalid' : ''}`} data-testid="field-name">
          <label htmlFor="source-name" className="setting__label">
            Name<span className="setting__required"> *</span>
          </label>
          <input id="source-name" data-testid="input-name" type="text" value={name} maxLength={200} autoComplete="off" aria-invalid={errors.has('name') || undefined} onChange={(e) => setName(e.currentTarget.value)} />
          {errors.has('name') && (
            <div className="setting__error" role="alert" data-testid="error-name">
              {errors.get('name')}
            </div>
          )}
        </div>
        <div className={`setting${errors.has('intervalMs') ? ' setting--invalid' : ''}`} data-testid="field-interval">
          <label htmlFor="source-interval" className="setting__label">
            Poll every (seconds)
          </label>
          <input id="source-interval" data-testid="input-interval" type="text" inputMode="decimal" value={interval} autoComplete="off" aria-invalid={errors.has('intervalMs') || undefined} onChange={(e) => setIntervalText(e.currentTarget.value)} />
          <div className="setting__help">Streams and webhooks deliver between polls; this is how often their buffer is stored.</div>
          {errors.has('intervalMs') && (
            <div className="setting__error" role="alert" data-testid="error-interval">
              {errors.get('intervalMs')}
            </div>
          )}
        </div>
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
              ? 'Tokens and keys are encrypted with this computer\'s keychain; they never come back to this window.'
              : 'Tokens and keys are kept in secrets.json in the data folder, readable only by your user account; they never come back to this window.'}
        </div>
      )}
      {general && (
        <div className="call-error" role="alert" data-testid="error-settings">
          {general}
        </div>
      )}
      <div className="source-form__actions">
        <button type="button" className="btn btn--primary" data-testid="save-source" disabled={busy !== null} onClick={() => void onSave()}>
          {busy === 'saving' ? 'Saving…' : source ? 'Save changes' : 'Add source'}
        </button>
        {kind && (
          <button type="button" className="btn" data-testid="test-source" disabled={busy !== null} onClick={() => void onTest()}>
            {busy === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
        )}
        <button type="button" className="btn" data-testid="cancel-source" disabled={busy === 'saving'} onClick={onCancel}>
          Cancel
        </button>
        {kind && <span className="source-sub">Test connection fetches one page with these settings and stores nothing.</span>}
      </div>
      {callError && (
        <div className="call-error" role="alert" data-testid="source-call-error">
          {callError}
        </div>
      )}
      {test && <TestResult result={test} />}
    </div>
  );
}
