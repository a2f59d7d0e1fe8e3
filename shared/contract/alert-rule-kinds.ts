/**
 * The registry of alert rule kinds, like the widget and source-kind registries: one entry per kind
 * with the schema of its parameters (checked at the boundary), its default parameters, how the
 * engine treats its signals, and a description of its parameters form that the renderer draws
 * without knowing the kind. The core's detector for each kind is registered beside it in
 * `electron/core/alerts/rule-kind-detectors.ts`. A new kind: its parameters type in
 * `shared/domain/alert-rule.ts`, an entry here, a detector there (docs/architecture.md).
 */
import { z } from 'zod';
import type { AlertSeverity } from '../domain/alert';
import type {
  InfluencerParams,
  KeywordParams,
  NegativeSurgeParams,
  RateParams,
  ResponseTimeParams,
  RuleKind,
  RuleParams,
  SourceDownParams,
  TrendingTermParams,
  VolumeSpikeParams,
} from '../domain/alert-rule';
import { DEFAULT_RESPONSE_TARGET_MINUTES } from '../domain/waiting';

/** One parameter's field in the rule editor. */
export interface RuleParamField<P> {
  key: Exclude<keyof P, 'kind'> & string;
  label: string;
  /** 'number' may hold decimals; 'query' is a query in the topic language. */
  type: 'number' | 'integer' | 'boolean' | 'text' | 'query';
  /** Empty means null (the parameter is then ignored, or never escalates). */
  nullable?: boolean;
  /** One line under the field. */
  help?: string;
}

export interface RuleKindSpec<P extends RuleParams> {
  kind: P['kind'];
  /** "Volume spike", as lists and the kind picker show it. */
  title: string;
  /** What it watches and when it fires, in a sentence. */
  description: string;
  schema: z.ZodType<P>;
  /** The parameters a new rule of this kind starts with. */
  defaults: P;
  /** What a new rule of this kind is called and how loud it starts. */
  starter: { name: string; severity: AlertSeverity; cooldownMinutes: number };
  /**
   * 'event': each signal is something that happened (a post, a match) and opens at once;
   * 'condition': a state that must persist for the rule's persist time and resolves when it ends.
   */
  signals: 'event' | 'condition';
  /** How long the condition must have been false before an open alert resolves itself. */
  resolveAfterMinutes: number;
  /** Whether a topic scopes what it watches (a source failing or a customer waiting is nobody's topic). */
  topicScoped: boolean;
  fields: ReadonlyArray<RuleParamField<P>>;
}

const rateShape = {
  sensitivity: z.number().min(1).max(20),
  minCount: z.number().int().min(1).max(1_000_000),
  minRatio: z.number().min(1).max(100),
  baselineMinutes: z
    .number()
    .int()
    .min(15)
    .max(7 * 24 * 60),
  seasonal: z.boolean(),
  criticalRatio: z.number().min(1).max(1000).nullable(),
};

const DEFAULT_RATE: RateParams = { sensitivity: 5, minCount: 10, minRatio: 2, baselineMinutes: 120, seasonal: true, criticalRatio: 5 };

const rateFields: ReadonlyArray<RuleParamField<RateParams & { kind: string }>> = [
  { key: 'sensitivity', label: 'Sensitivity (σ above the expectation)', type: 'number', help: 'Lower fires sooner.' },
  { key: 'minCount', label: 'Minimum count', type: 'integer', help: 'Never fires on fewer mentions than this in the window.' },
  { key: 'minRatio', label: 'Minimum × the expectation', type: 'number' },
  { key: 'baselineMinutes', label: 'Trailing baseline (min)', type: 'integer' },
  { key: 'seasonal', label: 'Compare with the same time on previous days', type: 'boolean' },
  { key: 'criticalRatio', label: 'Critical from × the expectation (empty: never)', type: 'number', nullable: true },
];

const volumeSpike: RuleKindSpec<VolumeSpikeParams> = {
  kind: 'volume-spike',
  title: 'Volume spike',
  description: 'More mentions than the scope’s own baseline (and the same time on previous days) explains.',
  schema: z.object({ kind: z.literal('volume-spike'), ...rateShape }).strict(),
  defaults: { kind: 'volume-spike', ...DEFAULT_RATE },
  starter: { name: 'Volume spike', severity: 'warning', cooldownMinutes: 10 },
  signals: 'condition',
  resolveAfterMinutes: 5,
  topicScoped: true,
  fields: rateFields as ReadonlyArray<RuleParamField<VolumeSpikeParams>>,
};

const negativeSurge: RuleKindSpec<NegativeSurgeParams> = {
  kind: 'negative-surge',
  title: 'Negative surge',
  description: 'More negative mentions than the baseline explains, or a negative share high enough on its own.',
  schema: z.object({ kind: z.literal('negative-surge'), ...rateShape, minShare: z.number().min(0).max(1) }).strict(),
  defaults: { kind: 'negative-surge', ...DEFAULT_RATE, minCount: 15, minShare: 0.6 },
  starter: { name: 'Negative surge', severity: 'warning', cooldownMinutes: 10 },
  signals: 'condition',
  resolveAfterMinutes: 5,
  topicScoped: true,
  fields: [
    ...(rateFields as ReadonlyArray<RuleParamField<NegativeSurgeParams>>),
    { key: 'minShare', label: 'Negative share that fires on its own (0–1)', type: 'number' },
  ],
};

const influencer: RuleKindSpec<InfluencerParams> = {
  kind: 'influencer',
  title: 'Influencer post',
  description: 'A post by an author with a large following, high clout or on a watchlist.',
  schema: z
    .object({
      kind: z.literal('influencer'),
      minFollowers: z.number().int().min(0).max(10_000_000_000).nullable(),
      minClout: z.number().min(0).max(100).nullable(),
      useWatchlists: z.boolean(),
      negativeOnly: z.boolean(),
      criticalFollowers: z.number().int().min(0).max(10_000_000_000).nullable(),
    })
    .strict(),
  defaults: { kind: 'influencer', minFollowers: 100_000, minClout: null, useWatchlists: true, negativeOnly: true, criticalFollowers: 1_000_000 },
  starter: { name: 'Influencer complaint', severity: 'warning', cooldownMinutes: 60 },
  signals: 'event',
  resolveAfterMinutes: 120,
  topicScoped: true,
  fields: [
    { key: 'minFollowers', label: 'Minimum followers (empty: ignore)', type: 'integer', nullable: true },
    { key: 'minClout', label: 'Minimum clout 0–100 (empty: ignore)', type: 'number', nullable: true },
    { key: 'useWatchlists', label: 'Authors on a watchlist count', type: 'boolean' },
    { key: 'negativeOnly', label: 'Negative mentions only', type: 'boolean' },
    { key: 'criticalFollowers', label: 'Critical from followers (empty: never)', type: 'integer', nullable: true },
  ],
};

const keyword: RuleKindSpec<KeywordParams> = {
  kind: 'keyword',
  title: 'Keyword watch',
  description: 'Mentions matching a query, as often as you say within a window.',
  schema: z
    .object({
      kind: z.literal('keyword'),
      query: z.string().trim().min(1).max(1000),
      minCount: z.number().int().min(1).max(100_000),
      windowMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    })
    .strict(),
  defaults: { kind: 'keyword', query: '', minCount: 1, windowMinutes: 10 },
  starter: { name: 'Keyword watch', severity: 'warning', cooldownMinutes: 10 },
  signals: 'event',
  resolveAfterMinutes: 5,
  topicScoped: true,
  fields: [
    { key: 'query', label: 'Query (topic language)', type: 'query', help: 'The same language as topic queries, e.g. lawyer OR "class action".' },
    { key: 'minCount', label: 'Minimum count', type: 'integer' },
    { key: 'windowMinutes', label: 'Window (min)', type: 'integer' },
  ],
};

const trendingTerm: RuleKindSpec<TrendingTermParams> = {
  kind: 'trending-term',
  title: 'New trending term',
  description: 'A term that was absent from the baseline and is now frequent.',
  schema: z
    .object({
      kind: z.literal('trending-term'),
      minCount: z.number().int().min(1).max(100_000),
      windowMinutes: z
        .number()
        .int()
        .min(5)
        .max(24 * 60),
      baselineMinutes: z
        .number()
        .int()
        .min(60)
        .max(7 * 24 * 60),
    })
    .strict(),
  defaults: { kind: 'trending-term', minCount: 10, windowMinutes: 15, baselineMinutes: 24 * 60 },
  starter: { name: 'New trending term', severity: 'info', cooldownMinutes: 60 },
  signals: 'event',
  resolveAfterMinutes: 60,
  topicScoped: true,
  fields: [
    { key: 'minCount', label: 'Minimum count', type: 'integer' },
    { key: 'windowMinutes', label: 'Window (min)', type: 'integer' },
    { key: 'baselineMinutes', label: 'Absent for (min)', type: 'integer' },
  ],
};

const responseTime: RuleKindSpec<ResponseTimeParams> = {
  kind: 'response-time',
  title: 'Response-time breach',
  description: 'A customer has waited longer than the target for an answer.',
  schema: z
    .object({
      kind: z.literal('response-time'),
      targetMinutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    })
    .strict(),
  defaults: { kind: 'response-time', targetMinutes: DEFAULT_RESPONSE_TARGET_MINUTES },
  starter: { name: 'Response-time breach', severity: 'warning', cooldownMinutes: 60 },
  signals: 'condition',
  resolveAfterMinutes: 0,
  topicScoped: false,
  fields: [{ key: 'targetMinutes', label: 'Answer within (min)', type: 'integer' }],
};

const sourceDown: RuleKindSpec<SourceDownParams> = {
  kind: 'source-down',
  title: 'Source down or stale',
  description: 'A source failing, rate-limited for long, or silent for several of its intervals.',
  schema: z.object({ kind: z.literal('source-down'), sourceId: z.string().min(1).max(100).nullable() }).strict(),
  defaults: { kind: 'source-down', sourceId: null },
  starter: { name: 'Source down or stale', severity: 'warning', cooldownMinutes: 10 },
  signals: 'condition',
  resolveAfterMinutes: 0,
  topicScoped: false,
  fields: [{ key: 'sourceId', label: 'Source id (empty: every source)', type: 'text', nullable: true }],
};

/** Every kind, complete by type: a kind added to RULE_KINDS without an entry does not compile. */
export const RULE_KIND_SPECS: { readonly [K in RuleKind]: RuleKindSpec<Extract<RuleParams, { kind: K }>> } = {
  'volume-spike': volumeSpike,
  'negative-surge': negativeSurge,
  influencer,
  keyword,
  'trending-term': trendingTerm,
  'response-time': responseTime,
  'source-down': sourceDown,
};

export function ruleKindSpec<K extends RuleKind>(kind: K): RuleKindSpec<Extract<RuleParams, { kind: K }>> {
  return RULE_KIND_SPECS[kind];
}

/** A kind's spec for parameters of that kind (the editor holds a union). */
export function specOfParams(params: RuleParams): RuleKindSpec<RuleParams> {
  return RULE_KIND_SPECS[params.kind] as unknown as RuleKindSpec<RuleParams>;
}
