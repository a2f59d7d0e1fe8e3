/**
 * The Sources settings form's pure logic: what each field's input holds, how the inputs become a
 * settings object for the core, and which error goes next to which field. Kept out of React so it
 * is unit-tested; the core still checks everything against the kind's schema.
 */
import type { FieldSpec } from '../contract/source-config/spec';
import type { FieldError } from '../domain/source-admin';

/** What an input holds: text for most fields, a boolean for checkboxes. */
export type FormValue = string | boolean;
export type FormValues = Record<string, FormValue>;

/**
 * What the user did with a secret field: left the stored value alone, typed a new one, or asked
 * to remove it (optional secrets only).
 */
export type SecretEdit = { action: 'keep' } | { action: 'replace'; value: string } | { action: 'remove' };

/** The inputs' starting values for a stored source's settings (secret fields start empty). */
export function formValuesFromSettings(fields: readonly FieldSpec[], settings: Readonly<Record<string, unknown>>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    if (field.type === 'secret') continue;
    const value = settings[field.key];
    if (field.type === 'boolean') values[field.key] = value === true;
    else if (field.type === 'list') values[field.key] = Array.isArray(value) ? value.map(String).join('\n') : '';
    else values[field.key] = value === undefined || value === null ? '' : String(value);
  }
  return values;
}

/**
 * The settings object to send. Empty inputs are left out (the schema's default or "required"
 * applies); numbers are sent as numbers when they read as one (otherwise as typed, so the core
 * says what is wrong); lists are one entry per line. Secret fields: a replaced value is sent,
 * "remove" sends null, "keep" sends nothing (the core keeps the stored value).
 */
export function settingsFromForm(
  fields: readonly FieldSpec[],
  values: Readonly<FormValues>,
  secrets: Readonly<Record<string, SecretEdit>> = {},
): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.type === 'secret') {
      const edit = secrets[field.key] ?? { action: 'keep' };
      if (edit.action === 'replace' && edit.value.trim() !== '') settings[field.key] = edit.value.trim();
      else if (edit.action === 'remove') settings[field.key] = null;
      continue;
    }
    const value = values[field.key];
    if (field.type === 'boolean') {
      if (typeof value === 'boolean') settings[field.key] = value;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') continue;
    if (field.type === 'number') {
      const n = Number(text);
      settings[field.key] = Number.isFinite(n) ? n : text;
    } else if (field.type === 'list') {
      settings[field.key] = text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
    } else {
      settings[field.key] = text;
    }
  }
  return settings;
}

/**
 * Errors keyed by what the form shows them under: `name`, `intervalMs`, `kind`, a settings field's
 * key, or `settings` for problems with the settings as a whole. The first message per key wins.
 */
export function errorsByField(errors: readonly FieldError[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const error of errors) {
    const parts = error.field.split('.');
    const key = parts[0] === 'settings' ? (parts[1] ?? 'settings') : (parts[0] ?? 'settings');
    const detail = parts[0] === 'settings' && parts.length > 2 ? `${parts.slice(2).join('.')}: ${error.message}` : error.message;
    if (!out.has(key)) out.set(key, detail);
  }
  return out;
}

/** Seconds as the interval input shows them ("300", "2.5"). */
export function intervalSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** The interval input back to milliseconds; NaN when it does not read as a number. */
export function intervalMsFromSeconds(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return Number.NaN;
  const seconds = Number(trimmed);
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : Number.NaN;
}
