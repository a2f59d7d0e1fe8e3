/** Runtime checks of alert rules and webhook destinations at the boundary (calls, stored JSON). */
import { z } from 'zod';
import { ALERT_SEVERITIES } from '../domain/alert';
import { WEBHOOK_FORMATS, type AlertRuleInput } from '../domain/alert-rule';

const rate = {
  sensitivity: z.number().min(1).max(20),
  minCount: z.number().int().min(1).max(1_000_000),
  minRatio: z.number().min(1).max(100),
  baselineMinutes: z.number().int().min(15).max(7 * 24 * 60),
  seasonal: z.boolean(),
  criticalRatio: z.number().min(1).max(1000).nullable(),
};

export const ruleParamsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('volume-spike'), ...rate }).strict(),
  z.object({ kind: z.literal('negative-surge'), ...rate, minShare: z.number().min(0).max(1) }).strict(),
  z.object({
    kind: z.literal('influencer'),
    minFollowers: z.number().int().min(0).max(10_000_000_000).nullable(),
    minClout: z.number().min(0).max(100).nullable(),
    useWatchlists: z.boolean(),
    negativeOnly: z.boolean(),
    criticalFollowers: z.number().int().min(0).max(10_000_000_000).nullable(),
  }).strict(),
  z.object({
    kind: z.literal('keyword'),
    query: z.string().trim().min(1).max(1000),
    minCount: z.number().int().min(1).max(100_000),
    windowMinutes: z.number().int().min(1).max(24 * 60),
  }).strict(),
  z.object({
    kind: z.literal('trending-term'),
    minCount: z.number().int().min(1).max(100_000),
    windowMinutes: z.number().int().min(5).max(24 * 60),
    baselineMinutes: z.number().int().min(60).max(7 * 24 * 60),
  }).strict(),
  z.object({ kind: z.literal('response-time'), targetMinutes: z.number().int().min(1).max(7 * 24 * 60) }).strict(),
  z.object({ kind: z.literal('source-down'), sourceId: z.string().min(1).max(100).nullable() }).strict(),
]);

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour)');

export const ruleInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  topicId: z.number().int().positive().nullable(),
  enabled: z.boolean(),
  severity: z.enum(ALERT_SEVERITIES),
  cooldownMinutes: z.number().int().min(0).max(7 * 24 * 60),
  persistMinutes: z.number().int().min(0).max(24 * 60),
  quietHours: z.object({ from: clock, to: clock }).strict().nullable(),
  params: ruleParamsSchema,
}).strict();

// The schema and the hand-written domain type must describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesDomain: Same<z.output<typeof ruleInputSchema>, AlertRuleInput> = true;
void schemaMatchesDomain;

export const webhookInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  url: z.string().trim().max(2000).url().refine((u) => /^https?:\/\//i.test(u), 'only http(s) URLs'),
  format: z.enum(WEBHOOK_FORMATS),
  minSeverity: z.enum(ALERT_SEVERITIES),
  enabled: z.boolean(),
  /** New secret; omitted keeps the stored one, null removes it. */
  secret: z.string().min(8).max(500).nullable().optional(),
}).strict();
export type WebhookInput = z.output<typeof webhookInputSchema>;
