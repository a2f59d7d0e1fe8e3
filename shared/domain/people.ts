import type { PersonRole, Role } from '../contract/access';

/** A person who signs in to the hub (never with their passphrase or its hash). */
export interface Person {
  id: number;
  name: string;
  role: PersonRole;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
  /** Sessions not expired, signed out or revoked. */
  activeSessions: number;
}

/** A wall TV that asked to be paired, or one that is. */
export interface DisplayPairing {
  id: number;
  code: string;
  status: 'pending' | 'paired' | 'revoked';
  displayId: string | null;
  createdAt: number;
  expiresAt: number;
  approvedBy: string | null;
  approvedAt: number | null;
  userAgent: string;
}

/** One audited call. */
export interface AuditEntry {
  id: number;
  at: number;
  actorKind: 'local-owner' | 'person' | 'display' | 'service' | 'anonymous';
  actorName: string;
  role: Role | null;
  method: string;
  /** JSON of the parameters with secrets redacted and long texts shortened. */
  params: string;
  /** `ok` or the error code. */
  outcome: string;
  message: string;
}
