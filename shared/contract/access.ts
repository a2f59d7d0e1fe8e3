/**
 * Who may make each call. Every area declares, next to its parameter schemas, the least role a
 * call needs and whether it changes state (changes are written to the audit log). The maps are
 * checked with `satisfies Record<keyof …Params, MethodAccess>`, so a call added to an area without
 * an access entry does not compile.
 */

/** Ordered: each role can do everything the roles before it can. */
export const ROLES = ['wall', 'agent', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** The roles a person can hold (walls are displays, paired rather than signed in). */
export const PERSON_ROLES = ['agent', 'lead', 'admin'] as const satisfies readonly Role[];
export type PersonRole = (typeof PERSON_ROLES)[number];

/**
 * `read`: changes nothing. `change`: changes state and is audited. `presence`: a window's periodic
 * report of itself (what a wall shows, who views a conversation); it changes only short-lived state
 * and would flood the audit log, so it is not audited.
 */
export type AccessKind = 'read' | 'change' | 'presence';

export interface MethodAccess {
  readonly role: Role;
  readonly kind: AccessKind;
  /**
   * The parameter that names who acts (e.g. `by`). For a signed-in person the core fills it with the
   * person's name, whatever the caller sent; only the local owner (the hub's own window) may name someone.
   */
  readonly actor?: string;
}

export const read = (role: Role): MethodAccess => ({ role, kind: 'read' });
export const change = (role: Role, actor?: string): MethodAccess => (actor === undefined ? { role, kind: 'change' } : { role, kind: 'change', actor });
export const presence = (role: Role, actor?: string): MethodAccess => (actor === undefined ? { role, kind: 'presence' } : { role, kind: 'presence', actor });

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function roleAllows(have: Role, need: Role): boolean {
  return roleRank(have) >= roleRank(need);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is on the other end of a session, as the core sees it. */
export type Caller =
  /** The hub's own window (Electron IPC) or an in-process caller: trusted as an admin. */
  | { kind: 'local-owner'; name: string | null }
  | { kind: 'person'; personId: number; name: string; role: PersonRole; sessionId: string }
  | { kind: 'display'; displayId: string; pairingId: number; sessionId: string }
  /** The hub's own helpers that load its pages (serve mode's PDF printer): in memory only, never stored. */
  | { kind: 'service'; name: string; role: Role }
  | { kind: 'anonymous' };

/** The role a caller acts with, or null for an anonymous one (who may call nothing). */
export function callerRole(caller: Caller): Role | null {
  switch (caller.kind) {
    case 'local-owner':
      return 'admin';
    case 'person':
      return caller.role;
    case 'display':
      return 'wall';
    case 'service':
      return caller.role;
    case 'anonymous':
      return null;
  }
}

/** How a caller is named in history and the audit log. */
export function callerName(caller: Caller): string {
  switch (caller.kind) {
    case 'local-owner':
      return caller.name ?? 'local owner';
    case 'person':
      return caller.name;
    case 'display':
      return `wall ${caller.displayId}`;
    case 'service':
      return caller.name;
    case 'anonymous':
      return 'anonymous';
  }
}

/** What a signed-in window learns about itself (`/api/auth/me`, the hello frame). */
export interface Identity {
  kind: Caller['kind'];
  name: string;
  role: Role | null;
  displayId: string | null;
}

export function identityOf(caller: Caller): Identity {
  return { kind: caller.kind, name: callerName(caller), role: callerRole(caller), displayId: caller.kind === 'display' ? caller.displayId : null };
}
