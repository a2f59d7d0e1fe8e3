/**
 * Alerts: rules, backtests, alert lifecycle and history, incidents, outbound webhooks.
 * Calls: each entry pairs the zod schema of its parameters (checked by the core) with its result
 * type in `AlertingResults`. The foundation's `alerts.open`, `alerts.acknowledge` and the
 * `alerts.changed` push stay in `core.ts`.
 */
import { z } from 'zod';
import { change, read, type MethodAccess } from '../access';
import type { Alert, AlertHistoryEntry, Incident } from '../../domain/alert';
import type { AlertRule, BacktestResult, WebhookDelivery, WebhookDestination } from '../../domain/alert-rule';
import type { Mention } from '../../domain/mention';
import { ruleInputSchema, webhookInputSchema } from '../alert-rule-schema';

const id = z.number().int().positive();
const person = z.string().trim().min(1).max(100);
/** Epoch ms between 2000 and 2100. */
const time = z.number().int().min(946_684_800_000).max(4_102_444_800_000);

export const alertingParams = {
  'alerts.rules.list': z.object({}).strict(),
  /** Creates (no id) or replaces a rule. */
  'alerts.rules.save': z.object({ id: id.nullable(), rule: ruleInputSchema }).strict(),
  'alerts.rules.delete': z.object({ id }).strict(),
  /** Replays stored per-minute history through an unsaved rule; at most 31 days. */
  'alerts.rules.backtest': z
    .object({ rule: ruleInputSchema, from: time, to: time })
    .strict()
    .refine((p) => p.to > p.from && p.to - p.from <= 31 * 24 * 3_600_000, 'from must be before to, at most 31 days apart'),
  /** Newest first, resolved ones included. */
  'alerts.recent': z.object({ limit: z.number().int().min(1).max(500) }).strict(),
  /** One alert with its history, contributing mentions, incident and rule. */
  'alerts.get': z.object({ id }).strict(),
  'alerts.snooze': z.object({ id, until: time, by: person }).strict(),
  'alerts.assign': z.object({ id, assignee: person.nullable(), by: person }).strict(),
  'alerts.resolve': z.object({ id, by: person }).strict(),
  'alerts.incidents': z.object({ limit: z.number().int().min(1).max(200) }).strict(),
  'alerts.webhooks.list': z.object({}).strict(),
  'alerts.webhooks.save': z.object({ id: id.nullable(), destination: webhookInputSchema }).strict(),
  'alerts.webhooks.delete': z.object({ id }).strict(),
  /** Sends a test payload to one destination now and reports the outcome. */
  'alerts.webhooks.test': z.object({ id }).strict(),
  'alerts.webhooks.deliveries': z.object({ limit: z.number().int().min(1).max(500) }).strict(),
} as const satisfies Record<string, z.ZodType>;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const alertingAccess = {
  'alerts.rules.list': read('agent'),
  'alerts.rules.save': change('lead'),
  'alerts.rules.delete': change('lead'),
  'alerts.rules.backtest': read('lead'),
  'alerts.recent': read('agent'),
  'alerts.get': read('agent'),
  'alerts.snooze': change('lead', 'by'),
  'alerts.assign': change('lead', 'by'),
  'alerts.resolve': change('lead', 'by'),
  'alerts.incidents': read('agent'),
  'alerts.webhooks.list': read('admin'),
  'alerts.webhooks.save': change('admin'),
  'alerts.webhooks.delete': change('admin'),
  // Sends a request out and records the delivery.
  'alerts.webhooks.test': change('admin'),
  'alerts.webhooks.deliveries': read('admin'),
} as const satisfies Record<keyof typeof alertingParams, MethodAccess>;

export interface AlertingResults {
  'alerts.rules.list': { rules: AlertRule[] };
  'alerts.rules.save': { rule: AlertRule };
  'alerts.rules.delete': { deleted: true };
  'alerts.rules.backtest': BacktestResult;
  'alerts.recent': { alerts: Alert[] };
  'alerts.get': { alert: Alert; history: AlertHistoryEntry[]; mentions: Mention[]; incident: Incident | null; rule: AlertRule | null };
  'alerts.snooze': { alert: Alert };
  'alerts.assign': { alert: Alert };
  'alerts.resolve': { alert: Alert };
  'alerts.incidents': { incidents: Incident[] };
  'alerts.webhooks.list': { destinations: WebhookDestination[] };
  'alerts.webhooks.save': { destination: WebhookDestination };
  'alerts.webhooks.delete': { deleted: true };
  'alerts.webhooks.test': { status: 'delivered' | 'failed'; attempts: number; httpStatus: number | null; error: string | null };
  'alerts.webhooks.deliveries': { deliveries: WebhookDelivery[] };
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- alerting pushes ride on the core's `alerts.changed`.
export interface AlertingEvents {}

export const ALERTING_EVENT_TOPICS = [] as const satisfies readonly (keyof AlertingEvents)[];
