import type { Role } from '@shared/contract/access';
import type { AuditEntry } from '@shared/domain/people';
import type { Db } from '../database';

export type AuditQueries = ReturnType<typeof auditQueries>;

export interface AuditFilter {
  actor?: string;
  method?: string;
  from?: number;
  to?: number;
  /** Entries with a smaller id than this (the next page). */
  beforeId?: number;
  limit: number;
}

interface RawEntry {
  id: number;
  at: number;
  actor_kind: string;
  actor_name: string;
  role: string | null;
  method: string;
  params: string;
  outcome: string;
  message: string;
}

function toEntry(row: RawEntry): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actorKind: row.actor_kind as AuditEntry['actorKind'],
    actorName: row.actor_name,
    role: row.role as Role | null,
    method: row.method,
    params: row.params,
    outcome: row.outcome,
    message: row.message,
  };
}

/** The audit log: appended to, read newest first with filters, and pruned by its own retention. */
export function auditQueries(db: Db) {
  const append = db.prepare(
    `INSERT INTO audit_log (at, actor_kind, actor_name, person_id, role, method, params, outcome, message)
     VALUES (@at, @actorKind, @actorName, @personId, @role, @method, @params, @outcome, @message)`,
  );
  // Optional filters as "? IS NULL OR …" keep one prepared statement for every combination.
  const page = db.prepare(
    `SELECT id, at, actor_kind, actor_name, role, method, params, outcome, message FROM audit_log
     WHERE (@actor IS NULL OR actor_name = @actor COLLATE NOCASE)
       AND (@method IS NULL OR method = @method OR method LIKE @methodPrefix)
       AND (@from IS NULL OR at >= @from)
       AND (@to IS NULL OR at < @to)
       AND (@beforeId IS NULL OR id < @beforeId)
     ORDER BY id DESC LIMIT @limit`,
  );
  const prune = db.prepare('DELETE FROM audit_log WHERE at < ?');
  const count = db.prepare('SELECT COUNT(*) FROM audit_log').pluck();

  return {
    append(entry: Omit<AuditEntry, 'id'> & { personId: number | null }): void {
      append.run(entry);
    },
    page(filter: AuditFilter): AuditEntry[] {
      return (
        page.all({
          actor: filter.actor ?? null,
          method: filter.method ?? null,
          // "care" or "care." finds every care call.
          methodPrefix: filter.method ? `${filter.method.replace(/[\\%_]/g, '').replace(/\.$/, '')}.%` : null,
          from: filter.from ?? null,
          to: filter.to ?? null,
          beforeId: filter.beforeId ?? null,
          limit: filter.limit,
        }) as RawEntry[]
      ).map(toEntry);
    },
    prune: (before: number): number => prune.run(before).changes,
    count: (): number => count.get() as number,
  };
}
