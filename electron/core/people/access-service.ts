/**
 * Who may use the hub: people and their sign-in sessions, paired walls, and the open connections
 * of each, so that revoking a sign-in or unpairing a wall closes its socket at once.
 */
import { roleAllows, type Caller, type PersonRole, type Role } from '@shared/contract/access';
import { PAIRING_CODE_LENGTH } from '@shared/contract/areas/accounts';
import type { DisplayPairing, Person } from '@shared/domain/people';
import { ApiError } from '../api/api-error';
import type { Logger } from '../base/logger';
import type { Store } from '../store/store';
import { decoyHash, hashPassphrase, verifyPassphrase } from './passphrase';
import { hashToken, newPairingCode, newToken } from './tokens';

export const PERSON_SESSION_MS = 7 * 24 * 3_600_000;
/** A wall TV is paired once and left alone; unpairing ends it sooner. */
export const DISPLAY_SESSION_MS = 365 * 24 * 3_600_000;
export const PAIRING_CODE_MS = 10 * 60_000;
/** More pending codes than this at once is a flood, not a room full of TVs. */
export const MAX_PENDING_PAIRINGS = 20;

export interface IssuedSession {
  token: string;
  expiresAt: number;
}

export type PairingState =
  | { status: 'pending'; code: string; expiresAt: number }
  | { status: 'paired'; displayId: string; session: IssuedSession }
  | { status: 'revoked' | 'expired' | 'unknown' };

interface LiveConnection {
  caller: Caller;
  end: (reason: string) => void;
}

export class AccessService {
  private readonly live = new Set<LiveConnection>();
  /** Tokens of the hub's own helpers, by hash: in memory only, gone when the core stops. */
  private readonly services = new Map<string, Caller>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  needsOwner(): boolean {
    return this.store.people.count() === 0;
  }

  /** First start only: the owner is the first admin. Refused once anyone exists. */
  async createOwner(name: string, passphrase: string, userAgent: string): Promise<IssuedSession> {
    const pass = await hashPassphrase(passphrase);
    const id = this.store.transaction(() => {
      if (this.store.people.count() > 0) throw new ApiError('conflict', 'the owner already exists; sign in instead');
      return this.store.people.insert(name, 'admin', pass, this.now());
    });
    this.logger.info('owner created', { name });
    return this.issue({ personId: id, pairingId: null }, PERSON_SESSION_MS, userAgent);
  }

  /** Null for a wrong name, a wrong passphrase or a disabled person (the caller is not told which). */
  async signIn(name: string, passphrase: string, userAgent: string): Promise<IssuedSession | null> {
    const person = this.store.people.byName(name, this.now());
    const ok = await verifyPassphrase(passphrase, person?.pass ?? (await decoyHash()));
    if (!person || !ok || person.disabled) return null;
    return this.issue({ personId: person.id, pairingId: null }, PERSON_SESSION_MS, userAgent);
  }

  signOut(token: string): void {
    const hash = hashToken(token);
    if (this.store.people.revokeSession(hash, this.now())) this.endLive((c) => 'sessionId' in c && c.sessionId === hash, 'signed out');
  }

  /** A token for one of the hub's own helpers (the PDF printer loading the report page). */
  serviceToken(name: string, role: Role): string {
    const token = newToken();
    this.services.set(hashToken(token), { kind: 'service', name, role });
    return token;
  }

  /** The caller a session token stands for, or null when it is unknown, expired or revoked. */
  callerFor(token: string): Caller | null {
    const hash = hashToken(token);
    const service = this.services.get(hash);
    if (service) return service;
    const at = this.now();
    const row = this.store.people.session(hash);
    if (!row || row.revokedAt !== null || row.expiresAt <= at) return null;
    if (row.personId !== null) {
      const person = this.store.people.byId(row.personId, at);
      if (!person || person.disabled) return null;
      return { kind: 'person', personId: person.id, name: person.name, role: person.role, sessionId: hash };
    }
    const pairing = row.pairingId === null ? null : this.store.people.pairing(row.pairingId);
    if (!pairing || pairing.status !== 'paired' || pairing.displayId === null) return null;
    return { kind: 'display', displayId: pairing.displayId, pairingId: pairing.id, sessionId: hash };
  }

  /** Whether a caller's session still holds (checked on every call, so expiry needs no timer). */
  stillValid(caller: Caller): boolean {
    if (caller.kind !== 'person' && caller.kind !== 'display') return true;
    const row = this.store.people.session(caller.sessionId);
    return row !== null && row.revokedAt === null && row.expiresAt > this.now();
  }

  /** An open connection of `caller`; returns the function that forgets it. */
  track(caller: Caller, end: (reason: string) => void): () => void {
    const entry = { caller, end };
    this.live.add(entry);
    return () => this.live.delete(entry);
  }

  // --- people (admins)

  list(): Person[] {
    return this.store.people.list(this.now()).map(({ pass: _pass, ...person }) => person);
  }

  async add(name: string, role: PersonRole, passphrase: string): Promise<Person[]> {
    const pass = await hashPassphrase(passphrase);
    if (this.store.people.byName(name, this.now())) throw new ApiError('conflict', `someone is already called "${name}"`);
    this.store.people.insert(name, role, pass, this.now());
    return this.list();
  }

  update(id: number, changes: { role?: PersonRole; disabled?: boolean }, by: Caller): Person[] {
    const at = this.now();
    this.store.transaction(() => {
      const person = this.requirePerson(id);
      const losesAdmin = person.role === 'admin' && !person.disabled && ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true);
      if (losesAdmin && this.store.people.enabledAdmins() <= 1)
        throw new ApiError('conflict', `${person.name} is the last admin; make someone else an admin first`);
      if (by.kind === 'person' && by.personId === id && changes.disabled === true) throw new ApiError('conflict', 'you cannot disable yourself');
      if (changes.role !== undefined) this.store.people.setRole(id, changes.role, at);
      if (changes.disabled !== undefined) this.store.people.setDisabled(id, changes.disabled, at);
    });
    // A session holds the role it opened with: a change takes effect by signing in again.
    if (changes.role !== undefined || changes.disabled === true) this.endPersonSessions(id, 'your role or account changed; sign in again');
    return this.list();
  }

  async resetPassphrase(id: number, passphrase: string): Promise<Person[]> {
    this.requirePerson(id);
    const pass = await hashPassphrase(passphrase);
    this.store.people.setPassphrase(id, pass, this.now());
    this.endPersonSessions(id, 'your passphrase was reset; sign in again');
    return this.list();
  }

  /** A person's own change: the current passphrase proves it is them; their other sessions end. */
  async changeOwnPassphrase(caller: Caller, current: string, passphrase: string): Promise<number> {
    if (caller.kind !== 'person') throw new ApiError('bad-params', 'only a signed-in person has a passphrase to change');
    const person = this.requirePerson(caller.personId);
    if (!(await verifyPassphrase(current, person.pass))) throw new ApiError('forbidden', 'the current passphrase is wrong');
    this.store.people.setPassphrase(person.id, await hashPassphrase(passphrase), this.now());
    const at = this.now();
    // Every other session of this person ends; this one stays signed in.
    const ended = this.store.people.revokePersonSessionsExcept(person.id, caller.sessionId, at);
    this.endLive((c) => c.kind === 'person' && c.personId === person.id && c.sessionId !== caller.sessionId, 'your passphrase was changed; sign in again');
    return ended;
  }

  signOutEverywhere(id: number): number {
    this.requirePerson(id);
    return this.endPersonSessions(id, 'signed out by an admin');
  }

  // --- wall pairing

  /** A TV asks to be paired: it shows `code`, and keeps `secret` (its pairing cookie) to collect its session. */
  startPairing(userAgent: string): { code: string; secret: string; expiresAt: number } | null {
    const at = this.now();
    if (this.store.people.pendingPairings(at) >= MAX_PENDING_PAIRINGS) return null;
    this.store.people.prunePairings(at);
    let code = newPairingCode(PAIRING_CODE_LENGTH);
    while (this.store.people.pendingPairing(code, at)) code = newPairingCode(PAIRING_CODE_LENGTH);
    const secret = newToken();
    const expiresAt = at + PAIRING_CODE_MS;
    this.store.people.insertPairing({ code, secretHash: hashToken(secret), expiresAt, userAgent: userAgent.slice(0, 300) }, at);
    return { code, secret, expiresAt };
  }

  /** The TV polls this; once a lead approved it, it receives its display session. */
  pairingState(secret: string, userAgent: string): PairingState {
    const pairing = this.store.people.pairingBySecret(hashToken(secret));
    if (!pairing) return { status: 'unknown' };
    if (pairing.status === 'revoked') return { status: 'revoked' };
    if (pairing.status === 'pending') {
      return pairing.expiresAt <= this.now() ? { status: 'expired' } : { status: 'pending', code: pairing.code, expiresAt: pairing.expiresAt };
    }
    const session = this.issue({ personId: null, pairingId: pairing.id }, DISPLAY_SESSION_MS, userAgent);
    return { status: 'paired', displayId: pairing.displayId ?? '', session };
  }

  pairings(): DisplayPairing[] {
    return this.store.people.pairings(this.now());
  }

  approvePairing(code: string, displayId: string, by: string): DisplayPairing[] {
    const at = this.now();
    const pending = this.store.people.pendingPairing(code, at);
    if (!pending) throw new ApiError('not-found', `no wall is waiting with the code ${code} (codes last ${PAIRING_CODE_MS / 60_000} minutes)`);
    this.store.people.approvePairing(pending.id, displayId, by, at);
    return this.pairings();
  }

  revokePairing(id: number): DisplayPairing[] {
    const at = this.now();
    if (!this.store.people.pairing(id)) throw new ApiError('not-found', `no pairing ${id}`);
    this.store.transaction(() => {
      this.store.people.revokePairing(id, at);
      this.store.people.revokePairingSessions(id, at);
    });
    this.endLive((c) => c.kind === 'display' && c.pairingId === id, 'this wall was unpaired');
    return this.pairings();
  }

  /** Daily housekeeping: sessions and codes of no further use. */
  prune(): void {
    const at = this.now();
    this.store.people.pruneSessions(at - 30 * 24 * 3_600_000);
    this.store.people.prunePairings(at);
  }

  private issue(owner: { personId: number | null; pairingId: number | null }, lifetimeMs: number, userAgent: string): IssuedSession {
    const token = newToken();
    const expiresAt = this.now() + lifetimeMs;
    this.store.people.insertSession({ tokenHash: hashToken(token), ...owner, expiresAt, userAgent: userAgent.slice(0, 300) }, this.now());
    return { token, expiresAt };
  }

  private requirePerson(id: number) {
    const person = this.store.people.byId(id, this.now());
    if (!person) throw new ApiError('not-found', `no person ${id}`);
    return person;
  }

  private endPersonSessions(id: number, reason: string): number {
    const ended = this.store.people.revokePersonSessions(id, this.now());
    this.endLive((c) => c.kind === 'person' && c.personId === id, reason);
    return ended;
  }

  private endLive(match: (caller: Caller) => boolean, reason: string): void {
    for (const entry of [...this.live]) {
      if (!match(entry.caller)) continue;
      this.live.delete(entry);
      try {
        entry.end(reason);
      } catch (error) {
        this.logger.warn('could not close a connection', { error: String(error) });
      }
    }
  }
}

/** For handlers that act on someone else's behalf only when the caller outranks them. */
export function canManage(caller: Caller): boolean {
  return caller.kind === 'local-owner' || (caller.kind === 'person' && roleAllows(caller.role, 'admin'));
}
