/**
 * People, wall pairing and the audit log. Signing in and out are HTTP requests (the session cookie
 * is HttpOnly, so only the server can set it); these calls manage who may sign in and what they did.
 */
import { z } from 'zod';
import { change, read, type MethodAccess } from '../access';
import { PERSON_ROLES, type Identity } from '../access';
import type { AuditEntry, DisplayPairing, Person } from '../../domain/people';
import { displayIdSchema } from '../wall-schema';

const id = z.number().int().positive();
export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is needed')
  .max(100)
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters');
/** Long enough to resist guessing over the network at the sign-in rate limit. */
export const MIN_PASSPHRASE_LENGTH = 10;
export const passphraseSchema = z.string().min(MIN_PASSPHRASE_LENGTH, `at least ${MIN_PASSPHRASE_LENGTH} characters`).max(1000);
export const PAIRING_CODE_LENGTH = 6;
export const pairingCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[A-Z0-9]{${PAIRING_CODE_LENGTH}}$`), `a ${PAIRING_CODE_LENGTH}-character code`);

export const AUDIT_PAGE_MAX = 500;
export const auditFilterSchema = z
  .object({
    actor: z.string().trim().min(1).max(100).optional(),
    /** A method name, or an area prefix like `care`. */
    method: z.string().trim().min(1).max(100).optional(),
    from: z.number().int().min(0).optional(),
    to: z.number().int().min(0).optional(),
  })
  .strict();

export const accountsParams = {
  /** Who this session is. */
  'account.me': z.object({}).strict(),
  /** A signed-in person changes their own passphrase; their other sessions end. */
  'account.changePassphrase': z.object({ current: z.string().min(1).max(1000), passphrase: passphraseSchema }).strict(),

  'people.list': z.object({}).strict(),
  'people.add': z.object({ name: personNameSchema, role: z.enum(PERSON_ROLES), passphrase: passphraseSchema }).strict(),
  /** Changing the role or disabling a person ends their sessions at once. */
  'people.update': z.object({ id, role: z.enum(PERSON_ROLES).optional(), disabled: z.boolean().optional() }).strict(),
  /** Sets a new passphrase and ends the person's sessions. */
  'people.resetPassphrase': z.object({ id, passphrase: passphraseSchema }).strict(),
  'people.signOutEverywhere': z.object({ id }).strict(),

  /** Walls waiting with a code, and paired walls. */
  'walls.pairing.list': z.object({}).strict(),
  /** Pairs the TV showing `code` with a display: it then reads only what that display shows. */
  'walls.pairing.approve': z.object({ code: pairingCodeSchema, displayId: displayIdSchema }).strict(),
  /** Unpairs: the wall's session ends at once and its socket is closed. */
  'walls.pairing.revoke': z.object({ id }).strict(),

  /** Newest first; pass the last id as `beforeId` for the next page. */
  'audit.list': z
    .object({ filter: auditFilterSchema.default({}), beforeId: id.optional(), limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(200) })
    .strict(),
  /** The filtered log as CSV (at most 100,000 rows). */
  'audit.exportCsv': z.object({ filter: auditFilterSchema.default({}) }).strict(),
  'audit.settings.get': z.object({}).strict(),
  /** Entries older than `retentionDays` are deleted (hourly); the log keeps its own rule, apart from the mentions'. */
  'audit.settings.save': z.object({ retentionDays: z.number().int().min(7).max(3650) }).strict(),
} as const satisfies Record<string, z.ZodType>;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const accountsAccess = {
  'account.me': read('wall'),
  'account.changePassphrase': change('agent'),
  'people.list': read('admin'),
  'people.add': change('admin'),
  'people.update': change('admin'),
  'people.resetPassphrase': change('admin'),
  'people.signOutEverywhere': change('admin'),
  'walls.pairing.list': read('lead'),
  'walls.pairing.approve': change('lead'),
  'walls.pairing.revoke': change('lead'),
  'audit.list': read('admin'),
  'audit.exportCsv': read('admin'),
  'audit.settings.get': read('admin'),
  'audit.settings.save': change('admin'),
} as const satisfies Record<keyof typeof accountsParams, MethodAccess>;

export interface AuditSettings {
  retentionDays: number;
}

export interface AccountsResults {
  'account.me': { identity: Identity };
  'account.changePassphrase': { changed: true; otherSessionsEnded: number };
  'people.list': { people: Person[] };
  'people.add': { people: Person[] };
  'people.update': { people: Person[] };
  'people.resetPassphrase': { people: Person[] };
  'people.signOutEverywhere': { people: Person[]; ended: number };
  'walls.pairing.list': { pairings: DisplayPairing[] };
  'walls.pairing.approve': { pairings: DisplayPairing[] };
  'walls.pairing.revoke': { pairings: DisplayPairing[] };
  'audit.list': { entries: AuditEntry[] };
  'audit.exportCsv': { csv: string; fileName: string; rows: number };
  'audit.settings.get': { settings: AuditSettings };
  'audit.settings.save': { settings: AuditSettings };
}

/** Fields of calls whose values are secrets: never written to the audit log. */
export const AUDIT_SECRET_PARAMS = ['passphrase', 'current', 'secret', 'password', 'token', 'accessToken', 'appPassword', 'apiKey'] as const;
