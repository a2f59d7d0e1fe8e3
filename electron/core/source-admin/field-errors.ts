/**
 * Turns a settings schema's verdict into messages the form can put next to each field: the path
 * names the field (`settings.url`), and a missing value says "required" rather than zod's
 * "expected string, received undefined".
 */
import type { z } from 'zod';
import type { FieldError } from '@shared/domain/source-admin';

/** At most this many problems are reported per save: enough for a form, bounded for a frame. */
const MAX_ERRORS = 20;

export function settingsErrors(error: z.ZodError, input: Readonly<Record<string, unknown>>, prefix = 'settings'): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    const field = [prefix, ...path].join('.');
    // One message per field: the first is the one that matters.
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: describeIssue(issue, path, input) });
    if (out.length >= MAX_ERRORS) break;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue, path: readonly string[], input: Readonly<Record<string, unknown>>): string {
  if (issue.code === 'unrecognized_keys') return `not a setting of this kind: ${issue.keys.slice(0, 5).join(', ')}`;
  const key = path[0];
  const value = key === undefined ? input : input[key];
  if (issue.code === 'invalid_type' && path.length === 1 && (value === undefined || value === null || value === '')) return 'required';
  return issue.message;
}
