/** Runtime checks of alert rules and webhook destinations at the boundary (calls, stored JSON). */
import { z } from 'zod';
import { ALERT_SEVERITIES } from '../domain/alert';
import { RULE_KINDS, WEBHOOK_FORMATS, type AlertRuleInput, type RuleKind, type RuleParams } from '../domain/alert-rule';
import { RULE_KIND_SPECS } from './alert-rule-kinds';

/** Parameters of any kind, each checked by its kind's schema in the registry (`alert-rule-kinds.ts`). */
export const ruleParamsSchema = z.discriminatedUnion(
  'kind',
  RULE_KINDS.map((kind) => RULE_KIND_SPECS[kind].schema) as unknown as [
    z.ZodObject<{ kind: z.ZodLiteral<RuleKind> }>,
    ...Array<z.ZodObject<{ kind: z.ZodLiteral<RuleKind> }>>,
  ],
) as unknown as z.ZodType<RuleParams>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour)');

export const ruleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    topicId: z.number().int().positive().nullable(),
    enabled: z.boolean(),
    severity: z.enum(ALERT_SEVERITIES),
    cooldownMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60),
    persistMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    quietHours: z.object({ from: clock, to: clock }).strict().nullable(),
    params: ruleParamsSchema,
  })
  .strict();

// The schema and the hand-written domain type must describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesDomain: Same<z.output<typeof ruleInputSchema>, AlertRuleInput> = true;
void schemaMatchesDomain;

export const webhookInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    url: z
      .string()
      .trim()
      .max(2000)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'only http(s) URLs'),
    format: z.enum(WEBHOOK_FORMATS),
    minSeverity: z.enum(ALERT_SEVERITIES),
    enabled: z.boolean(),
    /** New secret; omitted keeps the stored one, null removes it. */
    secret: z.string().min(8).max(500).nullable().optional(),
  })
  .strict();
export type WebhookInput = z.output<typeof webhookInputSchema>;
