/**
 * The rules a new workspace starts with (all topics), built from the rule-kind registry's defaults.
 * They reproduce what the foundation's fixed detectors caught, with the seasonal band instead of a
 * fixed ratio. Users edit, disable or delete them. Migration 005 seeds a fresh database with these.
 */
import { RULE_KIND_SPECS } from '../../contract/alert-rule-kinds';
import type { AlertRuleInput, NegativeSurgeParams, RateParams, RuleKind, VolumeSpikeParams } from '../../domain/alert-rule';

export const DEFAULT_VOLUME_SPIKE: VolumeSpikeParams = RULE_KIND_SPECS['volume-spike'].defaults;
export const DEFAULT_NEGATIVE_SURGE: NegativeSurgeParams = RULE_KIND_SPECS['negative-surge'].defaults;
export const DEFAULT_RATE: RateParams = (({ kind: _kind, ...rate }) => rate)(DEFAULT_VOLUME_SPIKE);

const common = { topicId: null, enabled: true, cooldownMinutes: 10, persistMinutes: 0, quietHours: null } as const;

/** A fresh rule of a kind, as the editor starts it: the kind's starter name, severity, cooldown and default parameters. */
export function newRuleOfKind(kind: RuleKind): AlertRuleInput {
  const spec = RULE_KIND_SPECS[kind];
  return { ...common, name: spec.starter.name, severity: spec.starter.severity, cooldownMinutes: spec.starter.cooldownMinutes, params: spec.defaults };
}

export const DEFAULT_RULES: readonly AlertRuleInput[] = [
  newRuleOfKind('negative-surge'),
  newRuleOfKind('volume-spike'),
  newRuleOfKind('influencer'),
  newRuleOfKind('source-down'),
  newRuleOfKind('response-time'),
  // Off until someone wants it: new words are noisy on a quiet brand.
  { ...newRuleOfKind('trending-term'), enabled: false },
];
