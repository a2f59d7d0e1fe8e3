import type { FieldSpec } from '@shared/contract/source-config/spec';
import { useState } from 'react';
import { mustUpload, uploadFile } from '../../lib/upload';
import { Button, Field } from '../../ui';
import type { SecretState } from '@shared/domain/source-admin';
import type { FormValue, SecretEdit } from '@shared/logic/source-form';

export interface SettingFieldProps {
  field: FieldSpec;
  value: FormValue | undefined;
  /** Secret fields only: whether a value is stored, and what the user is doing with it. */
  secretState?: SecretState | undefined;
  secretEdit?: SecretEdit | undefined;
  error: string | undefined;
  onChange(value: FormValue): void;
  onSecretEdit(edit: SecretEdit): void;
}

/** One setting of a source's form, drawn from its kind's field description, with its error under it. */
export function SettingField({ field, value, secretState, secretEdit, error, onChange, onSecretEdit }: SettingFieldProps) {
  const id = `setting-${field.key}`;
  // The same ids Field gives its hint and error, so the control is described by both.
  const describedBy = [field.help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'data-testid': `input-${field.key}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  const text = typeof value === 'string' ? value : '';

  let control;
  switch (field.type) {
    case 'boolean':
      control = <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
      break;
    case 'select':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)}>
          {!field.required && <option value="">(default)</option>}
          {field.required && text === '' && <option value="">Choose…</option>}
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
      break;
    case 'textarea':
    case 'list':
      control = (
        <textarea
          {...common}
          rows={field.type === 'list' ? 4 : 3}
          value={text}
          placeholder={field.placeholder ?? (field.type === 'list' ? 'one per line' : undefined)}
          spellCheck={false}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
      break;
    case 'secret':
      control = <SecretInput field={field} common={common} state={secretState ?? 'unset'} edit={secretEdit ?? { action: 'keep' }} onEdit={onSecretEdit} />;
      break;
    default:
      // The import source's file: a browser uploads it (the hub refuses paths from the network).
      if (field.key === 'file' && mustUpload()) {
        control = <UploadInput common={common} value={text} onChange={onChange} />;
        break;
      }
      control = (
        <input
          {...common}
          type="text"
          inputMode={field.type === 'number' ? 'decimal' : field.type === 'url' ? 'url' : undefined}
          value={text}
          placeholder={field.placeholder}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }

  return (
    <Field
      id={id}
      label={field.label}
      required={field.required}
      hint={field.help}
      error={error}
      testId={`field-${field.key}`}
      errorTestId={`error-${field.key}`}
    >
      {() => control}
    </Field>
  );
}

interface SecretInputProps {
  field: FieldSpec;
  common: { id: string; 'data-testid': string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };
  state: SecretState;
  edit: SecretEdit;
  onEdit(edit: SecretEdit): void;
}

/**
 * A stored secret is never sent to the window: it shows as "•••• stored" with Replace (and, for
 * optional ones, Remove). Typing goes into a password field that is only sent on save or test.
 */
function SecretInput({ field, common, state, edit, onEdit }: SecretInputProps) {
  if (state === 'set' && edit.action === 'keep') {
    return (
      <div className="secret">
        <span className="secret__stored" data-testid={`secret-stored-${field.key}`}>
          •••• stored
        </span>
        <Button data-testid={`replace-secret-${field.key}`} onClick={() => onEdit({ action: 'replace', value: '' })}>
          Replace
        </Button>
        {!field.required && (
          <Button data-testid={`remove-secret-${field.key}`} onClick={() => onEdit({ action: 'remove' })}>
            Remove
          </Button>
        )}
      </div>
    );
  }
  if (edit.action === 'remove') {
    return (
      <div className="secret">
        <span className="secret__removed">will be removed on save</span>
        <Button onClick={() => onEdit({ action: 'keep' })}>Keep it</Button>
      </div>
    );
  }
  return (
    <div className="secret">
      <input
        {...common}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={edit.action === 'replace' ? edit.value : ''}
        placeholder={field.placeholder ?? (state === 'set' ? 'new value' : undefined)}
        onChange={(e) => onEdit({ action: 'replace', value: e.currentTarget.value })}
      />
      {state === 'set' && <Button onClick={() => onEdit({ action: 'keep' })}>Keep stored</Button>}
    </div>
  );
}

function UploadInput({ common, value, onChange }: { common: Record<string, unknown>; value: string; onChange: (value: string) => void }) {
  const [status, setStatus] = useState<string | null>(value.startsWith('upload:') ? 'uploaded' : value ? `on the hub: ${value}` : null);
  return (
    <span>
      <input
        {...common}
        type="file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (!file) return;
          setStatus(`uploading ${file.name}…`);
          uploadFile(file).then(
            (up) => {
              onChange(up.path);
              setStatus(`uploaded ${up.name} (${up.bytes} bytes)`);
            },
            (error: unknown) => setStatus(error instanceof Error ? error.message : String(error)),
          );
        }}
      />{' '}
      {status && <span data-testid="setting-file-status">{status}</span>}
    </span>
  );
}
