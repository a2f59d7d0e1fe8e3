/**
 * Who this window acts as. In a browser it is the signed-in person or the paired wall, known from
 * `/api/auth/state` before the app renders; in the Electron window it is the local owner.
 */
import type { Identity, Role } from '@shared/contract/access';
import { roleAllows } from '@shared/contract/access';

let current: Identity | null = null;

export function setIdentity(identity: Identity | null): void {
  current = identity;
}

export function currentIdentity(): Identity | null {
  return current;
}

/** A signed-in person (serve mode): the core names them in history, whatever a field says. */
export function signedInPerson(): string | null {
  return current?.kind === 'person' ? current.name : null;
}

/** Whether this window may use what needs `role` (the Electron window may do everything). */
export function mayUse(role: Role): boolean {
  if (current === null) return true;
  return current.role !== null && roleAllows(current.role, role);
}

/** Shape of `GET /api/auth/state`. */
export interface AuthState {
  signedIn: boolean;
  identity: Identity | null;
  needsOwner: boolean;
  canCreateOwner: boolean;
}

export async function fetchAuthState(): Promise<AuthState> {
  const res = await fetch('/api/auth/state', { cache: 'no-store', credentials: 'same-origin' });
  if (!res.ok) throw new Error(`the hub answered ${res.status}`);
  return (await res.json()) as AuthState;
}

/** POSTs JSON to one of serve mode's auth routes; returns the parsed body, or throws its error text. */
export async function postAuth<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const parsed = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new Error(parsed.error ?? `the hub answered ${res.status}`);
  return parsed as T;
}

export async function signOut(): Promise<void> {
  await postAuth('/api/auth/sign-out', {}).catch(() => undefined);
  window.location.reload();
}
