/**
 * The rules a new workspace starts with (all topics). They reproduce what the foundation's fixed
 * detectors caught, with the seasonal band instead of a fixed ratio. Users edit, disable or delete them.
 */
import type { AlertRuleInput, NegativeSurgeParams, RateParams, VolumeSpikeParams } from '../../domain/alert-rule';
import { DEFAULT_RESPONSE_TARGET_MINUTES } from '../../domain/waiting';

export const DEFAULT_RATE: RateParams = {
  sensitivity: 5,
  minCount: 10,
  minRatio: 2,
  baselineMinutes: 120,
  seasonal: true,
  criticalRatio: 5,
};

export const DEFAULT_VOLUME_SPIKE: VolumeSpikeParams = { kind: 'volume-spike', ...DEFAULT_RATE };
export const DEFAULT_NEGATIVE_SURGE: NegativeSurgeParams = { kind: 'negative-surge', ...DEFAULT_RATE, minCount: 15, minShare: 0.6 };

const common = { topicId: null, enabled: true, cooldownMinutes: 10, persistMinutes: 0, quietHours: null } as const;

export const DEFAULT_RULES: readonly AlertRuleInput[] = [
  { ...common, name: 'Negative surge', severity: 'warning', params: DEFAULT_NEGATIVE_SURGE },
  { ...common, name: 'Volume spike', severity: 'warning', params: DEFAULT_VOLUME_SPIKE },
  {
    ...common, name: 'Influencer complaint', severity: 'warning', cooldownMinutes: 60,
    params: { kind: 'influencer', minFollowers: 100_000, minClout: null, useWatchlists: true, negativeOnly: true, criticalFollowers: 1_000_000 },
  },
  { ...common, name: 'Source down or stale', severity: 'warning', cooldownMinutes: 10, params: { kind: 'source-down', sourceId: null } },
  { ...common, name: 'Response-time breach', severity: 'warning', cooldownMinutes: 60, params: { kind: 'response-time', targetMinutes: DEFAULT_RESPONSE_TARGET_MINUTES } },
  { ...common, name: 'New trending term', severity: 'info', enabled: false, cooldownMinutes: 60, params: { kind: 'trending-term', minCount: 10, windowMinutes: 15, baselineMinutes: 24 * 60 } },
];

/** A fresh rule of a kind, as the editor starts it. */
export function newRuleOfKind(kind: AlertRuleInput['params']['kind']): AlertRuleInput {
  const found = DEFAULT_RULES.find((r) => r.params.kind === kind);
  if (found) return { ...found, name: `${found.name} (copy)`, enabled: true };
  return { ...common, name: 'Keyword watch', severity: 'warning', params: { kind: 'keyword', query: '', minCount: 1, windowMinutes: 10 } };
}
