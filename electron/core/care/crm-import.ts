/**
 * Customers from a CRM export (CSV): id, name, handles, lifetime value, tier. Columns are found by
 * name (case and spacing ignored, a few common spellings accepted); handles are separated by
 * spaces, commas, semicolons or "|", with or without "@". Each row is checked on its own: a bad
 * row is reported with its line number and the column at fault, and the good rows are imported.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { normaliseHandle } from '@shared/logic/care/grouping';

export interface CrmRow {
  crmId: string;
  name: string;
  handles: string[];
  lifetimeValue: number;
  tier: string;
}

export interface CrmRowError {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  message: string;
}

export class CrmFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrmFormatError';
  }
}

const COLUMN_NAMES = {
  crmId: ['id', 'customer_id', 'customerid', 'crm_id', 'crmid'],
  name: ['name', 'customer_name', 'full_name', 'fullname'],
  handles: ['handles', 'handle', 'social_handles', 'socialhandles'],
  lifetimeValue: ['lifetime_value', 'lifetimevalue', 'ltv', 'clv', 'lifetime_value_usd'],
  tier: ['tier', 'segment', 'level'],
} as const;

type Column = keyof typeof COLUMN_NAMES;

function key(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const rowSchema = z.object({
  crmId: z.string().trim().min(1, 'empty id').max(200, 'id longer than 200 characters'),
  name: z.string().trim().min(1, 'empty name').max(200, 'name longer than 200 characters'),
  handles: z.array(z.string().min(1).max(100, 'a handle longer than 100 characters')).max(20, 'more than 20 handles'),
  lifetimeValue: z.number({ error: 'not a number' }).finite('not a number').min(0, 'negative').max(1e12, 'implausibly large'),
  tier: z.string().trim().max(50, 'tier longer than 50 characters'),
});

const FIELD_LABEL: Record<Column, string> = { crmId: 'id', name: 'name', handles: 'handles', lifetimeValue: 'lifetime value', tier: 'tier' };

export function parseCrmCsv(text: string): { rows: CrmRow[]; errors: CrmRowError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw new CrmFormatError(`not a readable CSV file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const header = records[0];
  if (!header) throw new CrmFormatError('the file is empty');
  const columns = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const column of Object.keys(COLUMN_NAMES) as Column[]) {
    const index = header.findIndex((h) => (COLUMN_NAMES[column] as readonly string[]).includes(key(h)));
    if (index === -1 && column !== 'tier') missing.push(`${FIELD_LABEL[column]} (${COLUMN_NAMES[column].join(' / ')})`);
    columns[column] = index;
  }
  if (missing.length > 0) throw new CrmFormatError(`missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}; found: ${header.join(', ')}`);

  const rows: CrmRow[] = [];
  const errors: CrmRowError[] = [];
  const seen = new Set<string>();
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const cell = (c: Column) => (columns[c] === -1 ? '' : (record[columns[c]] ?? ''));
    const ltvText = cell('lifetimeValue').replace(/[$€£,\s]/g, '');
    const candidate = {
      crmId: cell('crmId'),
      name: cell('name'),
      handles: cell('handles')
        .split(/[\s,;|]+/)
        .map(normaliseHandle)
        .filter((h) => h.length > 0),
      lifetimeValue: ltvText === '' ? Number.NaN : Number(ltvText),
      tier: cell('tier'),
    };
    const parsed = rowSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      errors.push({ line, message: `${FIELD_LABEL[issue.path[0] as Column] ?? 'row'}: ${issue.message}` });
      return;
    }
    if (seen.has(parsed.data.crmId)) {
      errors.push({ line, message: `id: "${parsed.data.crmId.slice(0, 50)}" appears twice; the first row was kept` });
      return;
    }
    seen.add(parsed.data.crmId);
    rows.push({ ...parsed.data, tier: parsed.data.tier || 'standard' });
  });
  return { rows, errors };
}
