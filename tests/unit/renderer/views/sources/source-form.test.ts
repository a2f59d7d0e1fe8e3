/** The Sources form's pure logic: inputs ↔ settings, secrets left out unless replaced, errors by field. */
import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '@shared/contract/source-config/spec';
import { errorsByField, formValuesFromSettings, intervalMsFromSeconds, intervalSeconds, settingsFromForm } from '@shared/logic/source-form';

const FIELDS: FieldSpec[] = [
  { key: 'baseUrl', label: 'API', type: 'url' },
  { key: 'query', label: 'Search', type: 'text', required: true },
  { key: 'limit', label: 'Limit', type: 'number' },
  { key: 'platform', label: 'Shown as', type: 'select', options: ['news', 'blog'] },
  { key: 'keywords', label: 'Keywords', type: 'list' },
  { key: 'replies', label: 'Include replies', type: 'boolean' },
  { key: 'token', label: 'Token', type: 'secret' },
];

describe('source form values', () => {
  it('shows stored settings in the inputs, secrets never', () => {
    const values = formValuesFromSettings(FIELDS, {
      baseUrl: 'https://a.example',
      query: 'kestrel',
      limit: 50,
      keywords: ['kestrel', '"no signal"'],
      replies: true,
      token: 'leaked?',
    });
    expect(values).toEqual({ baseUrl: 'https://a.example', query: 'kestrel', limit: '50', platform: '', keywords: 'kestrel\n"no signal"', replies: true });
  });

  it('sends typed values, leaves empty inputs out and splits lists by line', () => {
    const settings = settingsFromForm(FIELDS, {
      baseUrl: '  ',
      query: ' kestrel ',
      limit: '25',
      platform: 'blog',
      keywords: ' a \n\n "b c" \n',
      replies: false,
    });
    expect(settings).toEqual({ query: 'kestrel', limit: 25, platform: 'blog', keywords: ['a', '"b c"'], replies: false });
    // A number that does not read as one is sent as typed, so the core's check names the field.
    expect(settingsFromForm(FIELDS, { limit: 'ten' }).limit).toBe('ten');
  });

  it('sends a secret only when replaced, null when removed, nothing when kept', () => {
    expect(settingsFromForm(FIELDS, {}, {})).not.toHaveProperty('token');
    expect(settingsFromForm(FIELDS, {}, { token: { action: 'keep' } })).not.toHaveProperty('token');
    expect(settingsFromForm(FIELDS, {}, { token: { action: 'replace', value: ' abc123 ' } }).token).toBe('abc123');
    expect(settingsFromForm(FIELDS, {}, { token: { action: 'replace', value: '' } })).not.toHaveProperty('token');
    expect(settingsFromForm(FIELDS, {}, { token: { action: 'remove' } }).token).toBeNull();
  });

  it('puts each error next to its field, the first one per field', () => {
    const errors = errorsByField([
      { field: 'name', message: 'required' },
      { field: 'settings.query', message: 'enter what to search for' },
      { field: 'settings.query', message: 'second' },
      { field: 'settings.mapping.text', message: 'unknown column' },
      { field: 'settings', message: 'not a setting of this kind: colour' },
    ]);
    expect(Object.fromEntries(errors)).toEqual({
      name: 'required',
      query: 'enter what to search for',
      mapping: 'text: unknown column',
      settings: 'not a setting of this kind: colour',
    });
  });

  it('converts the interval between seconds and milliseconds', () => {
    expect(intervalSeconds(300_000)).toBe('300');
    expect(intervalSeconds(2_500)).toBe('2.5');
    expect(intervalMsFromSeconds(' 2.5 ')).toBe(2_500);
    expect(intervalMsFromSeconds('')).toBeNaN();
    expect(intervalMsFromSeconds('soon')).toBeNaN();
  });
});
