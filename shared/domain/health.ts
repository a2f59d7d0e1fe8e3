import type { SourceHealth } from './source';

/** The body of `GET /api/health` and of the `health.get` call. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  /** Why the status is "degraded" (a full disk, failing or stale sources); empty when ok. */
  reasons?: string[];
  version: string;
  uptimeSeconds: number;
  startedAt: number;
  mentions: number;
  dataDir: string;
  sources: SourceHealth[];
}
