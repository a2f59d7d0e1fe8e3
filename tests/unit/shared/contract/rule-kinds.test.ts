/**
 * The rule-kind registry (shared/contract/alert-rule-kinds.ts) and the detectors beside it
 * (electron/core/alerts/rule-kind-detectors.ts): every kind is complete in every layer, its form
 * describes exactly its parameters, and the rules a new workspace starts with did not change.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { RULE_KIND_SPECS } from '@shared/contract/alert-rule-kinds';
import { ruleInputSchema, ruleParamsSchema } from '@shared/contract/alert-rule-schema';
import { RULE_KINDS } from '@shared/domain/alert-rule';
import { DEFAULT_RULES, newRuleOfKind } from '@shared/logic/alerts/defaults';
import { EVENT_RULES, resolveAfterMs } from '@shared/logic/alerts/engine';
import { RULE_KIND_DETECTORS } from '../../../../electron/core/alerts/rule-kind-detectors';

describe('alert rule kinds', () => {
  it.each(RULE_KINDS)('%s: schema, defaults, form and detector agree', (kind) => {
    const spec = RULE_KIND_SPECS[kind];
    expect(spec.kind).toBe(kind);
    expect(spec.title.length).toBeGreaterThan(3);
    expect(spec.description.length).toBeGreaterThan(20);
    // The defaults pass the kind's schema (a keyword watch needs its query written first).
    const valid: Record<string, unknown> = kind === 'keyword' ? { ...spec.defaults, query: 'outage' } : { ...spec.defaults };
    expect(spec.schema.safeParse(valid).success).toBe(true);
    expect(ruleParamsSchema.safeParse(valid).success).toBe(true);
    const keys = Object.keys((spec.schema as unknown as z.ZodObject).shape)
      .filter((k) => k !== 'kind')
      .sort();
    // The form has one field per parameter, no more, no less.
    expect(spec.fields.map((f) => f.key).sort()).toEqual(keys);
    expect(
      Object.keys(spec.defaults)
        .filter((k) => k !== 'kind')
        .sort(),
    ).toEqual(keys);
    // Nullable fields are exactly the parameters the schema lets be null.
    for (const field of spec.fields) {
      expect(spec.schema.safeParse({ ...valid, [field.key]: null }).success, `${kind}.${field.key} may be null`).toBe(field.nullable === true);
    }
    // A parameter the form does not know is refused.
    expect(ruleParamsSchema.safeParse({ ...valid, unknownParameter: 1 }).success).toBe(false);
    const detector = RULE_KIND_DETECTORS[kind];
    expect(typeof detector.onTick).toBe('function');
    // Per-post detectors produce events: they open at once, without the persist time.
    if (detector.onMentions) expect(spec.signals).toBe('event');
    expect(EVENT_RULES.has(kind)).toBe(spec.signals === 'event');
    expect(resolveAfterMs(kind)).toBe(spec.resolveAfterMinutes * 60_000);
  });

  it('a keyword rule starts with an empty query, which the boundary refuses until one is written', () => {
    const rule = newRuleOfKind('keyword');
    expect(rule.params).toEqual({ kind: 'keyword', query: '', minCount: 1, windowMinutes: 10 });
    expect(ruleInputSchema.safeParse(rule).success).toBe(false);
    expect(ruleInputSchema.safeParse({ ...rule, params: { ...rule.params, query: 'outage' } }).success).toBe(true);
  });

  it('every other kind starts as a rule the boundary accepts', () => {
    for (const kind of RULE_KINDS.filter((k) => k !== 'keyword')) expect(ruleInputSchema.safeParse(newRuleOfKind(kind)).success, kind).toBe(true);
  });

  it('a new workspace starts with the same rules as before the registry (migration 005 seeds them)', () => {
    const common = { topicId: null, enabled: true, cooldownMinutes: 10, persistMinutes: 0, quietHours: null };
    const rate = { sensitivity: 5, minCount: 10, minRatio: 2, baselineMinutes: 120, seasonal: true, criticalRatio: 5 };
    expect(DEFAULT_RULES).toEqual([
      { ...common, name: 'Negative surge', severity: 'warning', params: { kind: 'negative-surge', ...rate, minCount: 15, minShare: 0.6 } },
      { ...common, name: 'Volume spike', severity: 'warning', params: { kind: 'volume-spike', ...rate } },
      {
        ...common,
        name: 'Influencer complaint',
        severity: 'warning',
        cooldownMinutes: 60,
        params: { kind: 'influencer', minFollowers: 100_000, minClout: null, useWatchlists: true, negativeOnly: true, criticalFollowers: 1_000_000 },
      },
      { ...common, name: 'Source down or stale', severity: 'warning', cooldownMinutes: 10, params: { kind: 'source-down', sourceId: null } },
      { ...common, name: 'Response-time breach', severity: 'warning', cooldownMinutes: 60, params: { kind: 'response-time', targetMinutes: 60 } },
      {
        ...common,
        name: 'New trending term',
        severity: 'info',
        enabled: false,
        cooldownMinutes: 60,
        params: { kind: 'trending-term', minCount: 10, windowMinutes: 15, baselineMinutes: 24 * 60 },
      },
    ]);
  });
});
