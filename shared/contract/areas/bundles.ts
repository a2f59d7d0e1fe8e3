/** Issue 8: incident bundles (export with a checksum, import as a read-only workspace). */
import type { z } from 'zod';

export const bundlesParams = {} as const satisfies Record<string, z.ZodType>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the area.
export interface BundlesResults {}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the area.
export interface BundlesEvents {}

export const BUNDLES_EVENT_TOPICS = [] as const satisfies readonly (keyof BundlesEvents)[];
