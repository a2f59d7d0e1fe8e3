/** Issue 8: incident reports (the report model, CSV and PDF exports). */
import type { z } from 'zod';

export const reportsParams = {} as const satisfies Record<string, z.ZodType>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the area.
export interface ReportsResults {}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the area.
export interface ReportsEvents {}

export const REPORTS_EVENT_TOPICS = [] as const satisfies readonly (keyof ReportsEvents)[];
