/**
 * Incident bundles (export with a checksum, import as a read-only workspace). The file
 * format is `shared/contract/bundle-schema.ts`.
 */
import { z } from 'zod';
import { change, read, type MethodAccess } from '../access';
import type { WorkspaceInfo } from '../../domain/review';
import type { BundleSummary } from '../bundle-schema';
import { workspaceIdSchema } from './review';

const id = z.number().int().positive();
/** Epoch ms between 2000 and 2100. */
const time = z.number().int().min(946_684_800_000).max(4_102_444_800_000);
/** A path on the core's machine (the core reads it; the window never touches the disk). */
const localPath = z.string().trim().min(1).max(4096);

export const bundlesParams = {
  /**
   * Writes `<data>/exports/<name>.earshot-bundle` from a workspace: an incident (its alerts' span
   * with an hour either side, its topic) or a period [from, to], optionally of one topic.
   */
  'bundles.export': z
    .object({
      workspace: workspaceIdSchema.default('live'),
      incidentId: id.nullable().default(null),
      from: time.nullable().default(null),
      to: time.nullable().default(null),
      topicId: id.nullable().default(null),
      title: z.string().trim().min(1).max(300).nullable().default(null),
    })
    .strict()
    .refine((p) => p.incidentId !== null || (p.from !== null && p.to !== null), 'give an incident, or a period (from and to)')
    .refine(
      (p) => p.incidentId !== null || p.from === null || p.to === null || (p.to > p.from && p.to - p.from <= 366 * 24 * 3_600_000),
      'from must be before to, at most a year apart',
    ),
  /** Checks a bundle file on the core's machine (size, format, version, contents, checksum) without importing it. */
  'bundles.verify': z.object({ path: localPath }).strict(),
  /** Checks a bundle file and opens it as a new read-only workspace. */
  'bundles.import': z.object({ path: localPath, name: z.string().trim().min(1).max(80).optional() }).strict(),
} as const satisfies Record<string, z.ZodType>;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const bundlesAccess = {
  'bundles.export': change('lead'),
  'bundles.verify': read('admin'),
  'bundles.import': change('admin'),
} as const satisfies Record<keyof typeof bundlesParams, MethodAccess>;

export interface BundlesResults {
  /** `path`: where the file was written, on the core's machine. */
  'bundles.export': BundleSummary & { path: string };
  'bundles.verify': BundleSummary;
  'bundles.import': { workspace: WorkspaceInfo; bundle: BundleSummary };
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- bundles push nothing (workspace changes go out as review.workspaces.changed).
export interface BundlesEvents {}

export const BUNDLES_EVENT_TOPICS = [] as const satisfies readonly (keyof BundlesEvents)[];
