import type { PersonRole } from '@shared/contract/access';
import type { DisplayPairing, Person } from '@shared/domain/people';
import type { Db } from '../database';

export type PeopleQueries = ReturnType<typeof peopleQueries>;

export interface PassphraseHash {
  hash: string;
  salt: string;
  params: string;
}

export interface PersonRow extends Person {
  pass: PassphraseHash;
}

export interface SessionRow {
  tokenHash: string;
  personId: number | null;
  pairingId: number | null;
  expiresAt: number;
  revokedAt: number | null;
}

interface RawPerson {
  id: number;
  name: string;
  role: string;
  pass_hash: string;
  pass_salt: string;
  pass_params: string;
  disabled: number;
  created_at: number;
  updated_at: number;
  active_sessions: number;
}

interface RawPairing {
  id: number;
  code: string;
  status: string;
  display_id: string | null;
  created_at: number;
  expires_at: number;
  approved_by: string | null;
  approved_at: number | null;
  user_agent: string;
}

const PERSON_COLUMNS = `p.id, p.name, p.role, p.pass_hash, p.pass_salt, p.pass_params, p.disabled, p.created_at, p.updated_at,
  (SELECT COUNT(*) FROM auth_sessions s WHERE s.person_id = p.id AND s.revoked_at IS NULL AND s.expires_at > @now) AS active_sessions`;

const PAIRING_COLUMNS = 'id, code, status, display_id, created_at, expires_at, approved_by, approved_at, user_agent';

function toPerson(row: RawPerson): PersonRow {
  return {
    id: row.id,
    name: row.name,
    role: row.role as PersonRole,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    activeSessions: row.active_sessions,
    pass: { hash: row.pass_hash, salt: row.pass_salt, params: row.pass_params },
  };
}

function toPairing(row: RawPairing): DisplayPairing {
  return {
    id: row.id,
    code: row.code,
    status: row.status as DisplayPairing['status'],
    displayId: row.display_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    userAgent: row.user_agent,
  };
}

/** People, their sessions and paired walls. Tokens and secrets arrive here already hashed. */
export function peopleQueries(db: Db) {
  const count = db.prepare('SELECT COUNT(*) FROM people').pluck();
  const all = db.prepare(`SELECT ${PERSON_COLUMNS} FROM people p ORDER BY p.name`);
  const byId = db.prepare(`SELECT ${PERSON_COLUMNS} FROM people p WHERE p.id = @id`);
  const byName = db.prepare(`SELECT ${PERSON_COLUMNS} FROM people p WHERE p.name = @name`);
  const insert = db.prepare(
    `INSERT INTO people (name, role, pass_hash, pass_salt, pass_params, disabled, created_at, updated_at)
     VALUES (@name, @role, @hash, @salt, @params, 0, @now, @now)`,
  );
  const setRole = db.prepare('UPDATE people SET role = ?, updated_at = ? WHERE id = ?');
  const setDisabled = db.prepare('UPDATE people SET disabled = ?, updated_at = ? WHERE id = ?');
  const setPass = db.prepare('UPDATE people SET pass_hash = ?, pass_salt = ?, pass_params = ?, updated_at = ? WHERE id = ?');
  const adminsEnabled = db.prepare("SELECT COUNT(*) FROM people WHERE role = 'admin' AND disabled = 0").pluck();

  const insertSession = db.prepare(
    `INSERT INTO auth_sessions (token_hash, person_id, pairing_id, created_at, expires_at, last_seen_at, user_agent)
     VALUES (@tokenHash, @personId, @pairingId, @now, @expiresAt, @now, @userAgent)`,
  );
  const sessionByHash = db.prepare(
    'SELECT token_hash AS tokenHash, person_id AS personId, pairing_id AS pairingId, expires_at AS expiresAt, revoked_at AS revokedAt FROM auth_sessions WHERE token_hash = ?',
  );
  const touchSession = db.prepare('UPDATE auth_sessions SET last_seen_at = ? WHERE token_hash = ?');
  const revokeSession = db.prepare('UPDATE auth_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL');
  const revokePersonSessions = db.prepare('UPDATE auth_sessions SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL');
  const revokePersonSessionsExcept = db.prepare('UPDATE auth_sessions SET revoked_at = ? WHERE person_id = ? AND token_hash <> ? AND revoked_at IS NULL');
  const revokePairingSessions = db.prepare('UPDATE auth_sessions SET revoked_at = ? WHERE pairing_id = ? AND revoked_at IS NULL');
  const pruneSessions = db.prepare('DELETE FROM auth_sessions WHERE expires_at < ? OR revoked_at < ?');

  const insertPairing = db.prepare(
    `INSERT INTO display_pairings (code, secret_hash, status, created_at, expires_at, user_agent)
     VALUES (@code, @secretHash, 'pending', @now, @expiresAt, @userAgent)`,
  );
  const pendingByCode = db.prepare(`SELECT ${PAIRING_COLUMNS} FROM display_pairings WHERE code = ? AND status = 'pending' AND expires_at > ?`);
  const pairingBySecret = db.prepare(`SELECT ${PAIRING_COLUMNS} FROM display_pairings WHERE secret_hash = ?`);
  const pairingById = db.prepare(`SELECT ${PAIRING_COLUMNS} FROM display_pairings WHERE id = ?`);
  const pairingsShown = db.prepare(
    `SELECT ${PAIRING_COLUMNS} FROM display_pairings WHERE (status = 'pending' AND expires_at > ?) OR status = 'paired' ORDER BY status DESC, created_at DESC`,
  );
  const pendingCount = db.prepare("SELECT COUNT(*) FROM display_pairings WHERE status = 'pending' AND expires_at > ?").pluck();
  const approvePairing = db.prepare(
    "UPDATE display_pairings SET status = 'paired', display_id = ?, approved_by = ?, approved_at = ? WHERE id = ? AND status = 'pending'",
  );
  const revokePairing = db.prepare("UPDATE display_pairings SET status = 'revoked', revoked_at = ? WHERE id = ? AND status <> 'revoked'");
  const prunePairings = db.prepare("DELETE FROM display_pairings WHERE status = 'pending' AND expires_at < ?");

  return {
    count: (): number => count.get() as number,
    list: (now: number): PersonRow[] => (all.all({ now }) as RawPerson[]).map(toPerson),
    byId(id: number, now: number): PersonRow | null {
      const row = byId.get({ id, now }) as RawPerson | undefined;
      return row ? toPerson(row) : null;
    },
    byName(name: string, now: number): PersonRow | null {
      const row = byName.get({ name, now }) as RawPerson | undefined;
      return row ? toPerson(row) : null;
    },
    insert(name: string, role: PersonRole, pass: PassphraseHash, now: number): number {
      return Number(insert.run({ name, role, hash: pass.hash, salt: pass.salt, params: pass.params, now }).lastInsertRowid);
    },
    setRole: (id: number, role: PersonRole, now: number): boolean => setRole.run(role, now, id).changes === 1,
    setDisabled: (id: number, disabled: boolean, now: number): boolean => setDisabled.run(disabled ? 1 : 0, now, id).changes === 1,
    setPassphrase: (id: number, pass: PassphraseHash, now: number): boolean => setPass.run(pass.hash, pass.salt, pass.params, now, id).changes === 1,
    enabledAdmins: (): number => adminsEnabled.get() as number,

    insertSession(row: { tokenHash: string; personId: number | null; pairingId: number | null; expiresAt: number; userAgent: string }, now: number): void {
      insertSession.run({ ...row, now });
    },
    session: (tokenHash: string): SessionRow | null => (sessionByHash.get(tokenHash) as SessionRow | undefined) ?? null,
    touchSession: (tokenHash: string, now: number): void => void touchSession.run(now, tokenHash),
    revokeSession: (tokenHash: string, now: number): boolean => revokeSession.run(now, tokenHash).changes === 1,
    revokePersonSessions: (personId: number, now: number): number => revokePersonSessions.run(now, personId).changes,
    revokePersonSessionsExcept: (personId: number, keepTokenHash: string, now: number): number =>
      revokePersonSessionsExcept.run(now, personId, keepTokenHash).changes,
    revokePairingSessions: (pairingId: number, now: number): number => revokePairingSessions.run(now, pairingId).changes,
    /** Sessions expired or revoked before `before` are of no further use. */
    pruneSessions: (before: number): number => pruneSessions.run(before, before).changes,

    insertPairing(row: { code: string; secretHash: string; expiresAt: number; userAgent: string }, now: number): number {
      return Number(insertPairing.run({ ...row, now }).lastInsertRowid);
    },
    pendingPairing(code: string, now: number): DisplayPairing | null {
      const row = pendingByCode.get(code, now) as RawPairing | undefined;
      return row ? toPairing(row) : null;
    },
    pairingBySecret(secretHash: string): DisplayPairing | null {
      const row = pairingBySecret.get(secretHash) as RawPairing | undefined;
      return row ? toPairing(row) : null;
    },
    pairing(id: number): DisplayPairing | null {
      const row = pairingById.get(id) as RawPairing | undefined;
      return row ? toPairing(row) : null;
    },
    pairings: (now: number): DisplayPairing[] => (pairingsShown.all(now) as RawPairing[]).map(toPairing),
    pendingPairings: (now: number): number => pendingCount.get(now) as number,
    approvePairing: (id: number, displayId: string, by: string, now: number): boolean => approvePairing.run(displayId, by, now, id).changes === 1,
    revokePairing: (id: number, now: number): boolean => revokePairing.run(now, id).changes === 1,
    prunePairings: (before: number): number => prunePairings.run(before).changes,
  };
}
