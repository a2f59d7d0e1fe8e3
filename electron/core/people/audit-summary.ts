/**
 * What the audit log keeps of a call's parameters: enough to tell what was done, never a secret,
 * and never a whole imported file or reply thread.
 */
import { AUDIT_SECRET_PARAMS } from '@shared/contract/areas/accounts';
import { SOURCE_KIND_SPECS } from '@shared/contract/source-config';

const SECRET_KEYS = new Set<string>(
  [...AUDIT_SECRET_PARAMS, ...Object.values(SOURCE_KIND_SPECS).flatMap((spec) => spec?.secretFields ?? [])].map((k) => k.toLowerCase()),
);
const SECRET_PATTERN = /secret|token|password|passphrase|api[-_]?key|credential/i;
const MAX_TEXT = 200;
const MAX_ITEMS = 20;
const MAX_SUMMARY = 2_000;

export const REDACTED = '[redacted]';

function summarise(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}… (${value.length} characters)` : value;
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 4) return '…';
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ITEMS).map((v) => summarise(v, depth + 1));
    if (value.length > MAX_ITEMS) shown.push(`… ${value.length - MAX_ITEMS} more`);
    return shown;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (SECRET_KEYS.has(key.toLowerCase()) || SECRET_PATTERN.test(key)) out[key] = v === null || v === undefined || v === '' ? v : REDACTED;
    else out[key] = summarise(v, depth + 1);
  }
  return out;
}

export function auditParams(params: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(summarise(params, 0)) ?? 'null';
  } catch {
    text = '"(not serialisable)"';
  }
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY)}…` : text;
}
