import type { AlertSeverity } from '@shared/domain/alert';

export function severityRank(s: AlertSeverity): number {
  return s === 'critical' ? 2 : s === 'warning' ? 1 : 0;
}
