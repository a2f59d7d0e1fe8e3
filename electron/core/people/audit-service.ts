/** The audit log: every state-changing call, with its own retention apart from the mentions'. */
import { callerName, callerRole } from '@shared/contract/access';
import type { AuditSettings } from '@shared/contract/areas/accounts';
import type { AuditEntry } from '@shared/domain/people';
import type { AuditRecord } from '../live/session';
import type { AuditFilter } from '../store/queries/audit';
import type { Store } from '../store/store';
import { auditParams } from './audit-summary';

const SETTINGS_KEY = 'audit.settings';
export const DEFAULT_AUDIT_SETTINGS: AuditSettings = { retentionDays: 400 };
export const MAX_EXPORT_ROWS = 100_000;
const DAY_MS = 24 * 3_600_000;

export class AuditService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  record(record: AuditRecord): void {
    this.store.audit.append({
      at: this.now(),
      actorKind: record.caller.kind,
      actorName: callerName(record.caller),
      personId: record.caller.kind === 'person' ? record.caller.personId : null,
      role: callerRole(record.caller),
      method: record.method,
      params: auditParams(record.params),
      outcome: record.outcome,
      message: record.message.slice(0, 500),
    });
  }

  page(filter: AuditFilter): AuditEntry[] {
    return this.store.audit.page(filter);
  }

  exportCsv(filter: Omit<AuditFilter, 'limit' | 'beforeId'>): { csv: string; rows: number } {
    const entries = this.store.audit.page({ ...filter, limit: MAX_EXPORT_ROWS });
    const lines = ['id,time (UTC),who,kind,role,method,outcome,message,parameters'];
    for (const e of entries) {
      lines.push(
        [String(e.id), new Date(e.at).toISOString(), e.actorName, e.actorKind, e.role ?? '', e.method, e.outcome, e.message, e.params].map(csvCell).join(','),
      );
    }
    return { csv: `${lines.join('\r\n')}\r\n`, rows: entries.length };
  }

  settings(): AuditSettings {
    const stored = this.store.settings.get(SETTINGS_KEY) as Partial<AuditSettings> | undefined;
    const days = stored?.retentionDays;
    return { retentionDays: typeof days === 'number' && Number.isInteger(days) && days >= 7 ? days : DEFAULT_AUDIT_SETTINGS.retentionDays };
  }

  saveSettings(settings: AuditSettings): AuditSettings {
    this.store.settings.set(SETTINGS_KEY, settings);
    return this.settings();
  }

  /** Deletes entries older than the retention; returns how many. */
  prune(): number {
    return this.store.audit.prune(this.now() - this.settings().retentionDays * DAY_MS);
  }
}

/**
 * RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula: the log
 * holds text anyone could type (names, notes).
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
