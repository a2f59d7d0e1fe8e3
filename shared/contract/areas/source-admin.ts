/**
 * The Sources settings screen's calls (part of the listening area, merged into `listening.ts`):
 * kinds, one source's settings, create/update/delete and "test connection". Parameters are only
 * bounded here; the core checks settings against the kind's schema and answers field by field.
 */
import { z } from 'zod';
import { change, read, type MethodAccess } from '../access';
import type { SecretsInfo, SourceKindInfo, SourceSaveResult, SourceSettings, SourceTestResult } from '../../domain/source-admin';

const sourceId = z.string().min(1).max(100);
const kind = z.string().min(1).max(50);
/** Field values as the form sends them; each kind's schema decides what they must be. */
const settings = z.record(z.string().max(100), z.unknown());
const name = z.string().max(500);
const intervalMs = z.number().finite();

export const sourceAdminParams = {
  /** Every kind a user can add, with its form (no schemas, no secrets), and where secrets are kept. */
  'sources.kinds': z.object({}).strict(),
  /** One source's settings; secret fields only say whether a value is stored. */
  'sources.get': z.object({ id: sourceId }).strict(),
  'sources.create': z.object({ kind, name, intervalMs: intervalMs.optional(), enabled: z.boolean().optional(), settings }).strict(),
  /**
   * Changes name, interval and/or settings; the source restarts with them. In `settings`, a secret
   * field left out keeps its stored value, an empty string or null removes it, a string replaces it.
   */
  'sources.update': z.object({ id: sourceId, name: name.optional(), intervalMs: intervalMs.optional(), settings: settings.optional() }).strict(),
  /** Stops the source and forgets its secrets; the mentions it stored stay in history. */
  'sources.delete': z.object({ id: sourceId }).strict(),
  /**
   * Builds the adapter from unsaved settings and polls one page with a timeout; stores nothing.
   * With `id`, secret fields left out are taken from that source's stored secrets.
   */
  'sources.test': z.object({ kind, settings, id: sourceId.optional() }).strict(),
  /** Settings → Outbound: the hosts the core may reach although they resolve to internal addresses. */
  'sources.outbound.get': z.object({}).strict(),
  /** Replaces the outbound allowlist; refused as a whole (naming each bad line) if any line is invalid. */
  'sources.outbound.save': z.object({ hosts: z.array(z.string().max(300)).max(1000) }).strict(),
} as const satisfies Record<string, z.ZodType>;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const sourceAdminAccess = {
  'sources.kinds': read('admin'),
  'sources.get': read('admin'),
  'sources.create': change('admin'),
  'sources.update': change('admin'),
  'sources.delete': change('admin'),
  // Stores nothing, but reaches out with stored secrets: an admin's call.
  'sources.test': read('admin'),
  // Which internal hosts the hub may reach: an admin's decision, audited.
  'sources.outbound.get': read('admin'),
  'sources.outbound.save': change('admin'),
} as const satisfies Record<keyof typeof sourceAdminParams, MethodAccess>;

export interface SourceAdminResults {
  'sources.kinds': { kinds: SourceKindInfo[]; secrets: SecretsInfo };
  'sources.get': { source: SourceSettings };
  'sources.create': SourceSaveResult;
  'sources.update': SourceSaveResult;
  'sources.delete': { id: string; keptMentions: number };
  'sources.test': SourceTestResult;
  'sources.outbound.get': { hosts: string[] };
  'sources.outbound.save': { hosts: string[] };
}
