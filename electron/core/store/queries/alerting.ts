/** Alert rules, webhook destinations and their delivery log, and the reads the detectors need. */
import { ruleInputSchema } from '@shared/contract/alert-rule-schema';
import type { AlertRule, AlertRuleInput, WebhookDelivery, WebhookDestination, WebhookFormat } from '@shared/domain/alert-rule';
import type { AlertSeverity } from '@shared/domain/alert';
import type { MinuteCounts } from '@shared/logic/alerts/series';
import type { Mention } from '@shared/domain/mention';
import type { Db } from '../database';
import { MENTION_COLUMNS, toMention, type StoredRow } from './mentions';

interface RuleRow {
  id: number;
  name: string;
  topic_id: number | null;
  kind: string;
  enabled: number;
  severity: string;
  cooldown_minutes: number;
  persist_minutes: number;
  quiet_hours: string | null;
  params: string;
  created_at: number;
  updated_at: number;
}

/** A stored rule that no longer passes the schema (edited by hand, or from an older version). */
export class StoredRuleError extends Error {}

function toRule(r: RuleRow): AlertRule {
  const parsed = ruleInputSchema.safeParse({
    name: r.name,
    topicId: r.topic_id,
    enabled: r.enabled === 1,
    severity: r.severity,
    cooldownMinutes: r.cooldown_minutes,
    persistMinutes: r.persist_minutes,
    quietHours: r.quiet_hours === null ? null : JSON.parse(r.quiet_hours),
    params: JSON.parse(r.params),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoredRuleError(`alert rule ${r.id} is invalid: ${issue?.path.join('.') || 'rule'}: ${issue?.message ?? 'invalid'}`);
  }
  return { ...parsed.data, id: r.id, createdAt: r.created_at, updatedAt: r.updated_at };
}

interface DestinationRow {
  id: number;
  name: string;
  url: string;
  format: string;
  min_severity: string;
  enabled: number;
  has_secret: number;
  created_at: number;
}

function toDestination(r: DestinationRow): WebhookDestination {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    format: r.format as WebhookFormat,
    minSeverity: r.min_severity as AlertSeverity,
    enabled: r.enabled === 1,
    hasSecret: r.has_secret === 1,
    createdAt: r.created_at,
  };
}

interface DeliveryRow {
  id: number;
  destination_id: number;
  alert_id: number | null;
  at: number;
  attempts: number;
  status: string;
  http_status: number | null;
  error: string | null;
}

export interface DestinationFields {
  name: string;
  url: string;
  format: WebhookFormat;
  minSeverity: AlertSeverity;
  enabled: boolean;
}

export type AlertingQueries = ReturnType<typeof alertingQueries>;

export function alertingQueries(db: Db) {
  const rules = db.prepare('SELECT * FROM alert_rules ORDER BY id');
  const rule = db.prepare('SELECT * FROM alert_rules WHERE id = ?');
  const insertRule = db.prepare(`
    INSERT INTO alert_rules (name, topic_id, kind, enabled, severity, cooldown_minutes, persist_minutes, quiet_hours, params, created_at, updated_at)
    VALUES (@name, @topicId, @kind, @enabled, @severity, @cooldownMinutes, @persistMinutes, @quietHours, @params, @at, @at)`);
  const updateRule = db.prepare(`
    UPDATE alert_rules SET name = @name, topic_id = @topicId, kind = @kind, enabled = @enabled, severity = @severity,
      cooldown_minutes = @cooldownMinutes, persist_minutes = @persistMinutes, quiet_hours = @quietHours, params = @params, updated_at = @at
    WHERE id = @id`);
  const deleteRule = db.prepare('DELETE FROM alert_rules WHERE id = ?');

  const allMinutes = db.prepare(`
    SELECT minute, SUM(total) AS total, SUM(negative) AS negative FROM volume_minute
    WHERE minute >= ? AND minute <= ? GROUP BY minute ORDER BY minute`);
  const topicMinutes = db.prepare(`
    SELECT minute, total, negative FROM volume_topic_minute
    WHERE minute >= ? AND minute <= ? AND topic_id = ? ORDER BY minute`);
  const firstAllMinute = db.prepare('SELECT MIN(minute) FROM volume_minute').pluck();
  const firstTopicMinute = db.prepare('SELECT MIN(minute) FROM volume_topic_minute WHERE topic_id = ?').pluck();
  const topicCreated = db.prepare('SELECT created_at FROM topics WHERE id = ?').pluck();

  // Contributing mentions: the window's mentions, negative ones first, then by reach.
  const contributingAll = db.prepare(`
    SELECT ${MENTION_COLUMNS} FROM mentions m WHERE published_at >= ? AND published_at < ?
    ORDER BY (sentiment = 'negative') DESC, COALESCE(author_followers, 0) DESC, id DESC LIMIT ?`);
  const contributingTopic = db.prepare(`
    SELECT ${MENTION_COLUMNS} FROM mentions m JOIN mention_topics t ON t.mention_id = m.id AND t.topic_id = ?
    WHERE m.published_at >= ? AND m.published_at < ?
    ORDER BY (m.sentiment = 'negative') DESC, COALESCE(m.author_followers, 0) DESC, m.id DESC LIMIT ?`);
  const mentionsInRange = db.prepare(
    `SELECT ${MENTION_COLUMNS} FROM mentions m WHERE published_at >= ? AND published_at < ? ORDER BY published_at, id LIMIT ?`,
  );

  const destinations = db.prepare('SELECT * FROM webhook_destinations ORDER BY id');
  const destination = db.prepare('SELECT * FROM webhook_destinations WHERE id = ?');
  const insertDestination = db.prepare(`
    INSERT INTO webhook_destinations (name, url, format, min_severity, enabled, created_at)
    VALUES (@name, @url, @format, @minSeverity, @enabled, @at)`);
  const updateDestination = db.prepare(`
    UPDATE webhook_destinations SET name = @name, url = @url, format = @format, min_severity = @minSeverity, enabled = @enabled WHERE id = @id`);
  const setHasSecret = db.prepare('UPDATE webhook_destinations SET has_secret = ? WHERE id = ?');
  const deleteDestination = db.prepare('DELETE FROM webhook_destinations WHERE id = ?');
  const insertDelivery = db.prepare(`
    INSERT INTO webhook_deliveries (destination_id, alert_id, at, attempts, status, http_status, error) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const deliveries = db.prepare('SELECT * FROM webhook_deliveries ORDER BY at DESC, id DESC LIMIT ?');

  const ruleParams = (input: AlertRuleInput, at: number) => ({
    name: input.name,
    topicId: input.topicId,
    kind: input.params.kind,
    enabled: input.enabled ? 1 : 0,
    severity: input.severity,
    cooldownMinutes: input.cooldownMinutes,
    persistMinutes: input.persistMinutes,
    quietHours: input.quietHours === null ? null : JSON.stringify(input.quietHours),
    params: JSON.stringify(input.params),
    at,
  });

  return {
    /** Every rule; a stored rule that fails the schema is reported through `onInvalid` and left out. */
    rules(onInvalid: (error: StoredRuleError) => void = () => {}): AlertRule[] {
      const out: AlertRule[] = [];
      for (const row of rules.all() as RuleRow[]) {
        try {
          out.push(toRule(row));
        } catch (error) {
          if (error instanceof StoredRuleError) onInvalid(error);
          else throw error;
        }
      }
      return out;
    },
    rule(id: number): AlertRule | null {
      const row = rule.get(id) as RuleRow | undefined;
      return row ? toRule(row) : null;
    },
    createRule(input: AlertRuleInput, at: number): AlertRule {
      const id = Number(insertRule.run(ruleParams(input, at)).lastInsertRowid);
      return toRule(rule.get(id) as RuleRow);
    },
    updateRule(id: number, input: AlertRuleInput, at: number): AlertRule | null {
      if (updateRule.run({ ...ruleParams(input, at), id }).changes === 0) return null;
      return toRule(rule.get(id) as RuleRow);
    },
    deleteRule(id: number): boolean {
      return deleteRule.run(id).changes > 0;
    },

    /** Per-minute totals and negatives of a scope (all mentions, or one topic) in [from, to]. */
    minuteCounts(topicId: number | null, from: number, to: number): MinuteCounts[] {
      return (topicId === null ? allMinutes.all(from, to) : topicMinutes.all(from, to, topicId)) as MinuteCounts[];
    },
    /** When listening began for a scope: a topic's creation (quiet time counts as history), else its first data. */
    historyStart(topicId: number | null): number | null {
      if (topicId === null) return (firstAllMinute.get() as number | null) ?? null;
      const created = topicCreated.get(topicId) as number | undefined;
      const first = firstTopicMinute.get(topicId) as number | null;
      if (created === undefined) return first;
      return first === null ? created : Math.min(created, first);
    },
    contributing(topicId: number | null, from: number, to: number, limit: number): Mention[] {
      const rows = (topicId === null ? contributingAll.all(from, to, limit) : contributingTopic.all(topicId, from, to, limit)) as StoredRow[];
      return rows.map(toMention);
    },
    mentionsInRange(from: number, to: number, limit: number): Mention[] {
      return (mentionsInRange.all(from, to, limit) as StoredRow[]).map(toMention);
    },

    destinations(): WebhookDestination[] {
      return (destinations.all() as DestinationRow[]).map(toDestination);
    },
    destination(id: number): WebhookDestination | null {
      const row = destination.get(id) as DestinationRow | undefined;
      return row ? toDestination(row) : null;
    },
    createDestination(fields: DestinationFields, at: number): WebhookDestination {
      const id = Number(insertDestination.run({ ...fields, enabled: fields.enabled ? 1 : 0, at }).lastInsertRowid);
      return toDestination(destination.get(id) as DestinationRow);
    },
    updateDestination(id: number, fields: DestinationFields): WebhookDestination | null {
      if (updateDestination.run({ ...fields, enabled: fields.enabled ? 1 : 0, id }).changes === 0) return null;
      return toDestination(destination.get(id) as DestinationRow);
    },
    /** Whether a secret is kept for the destination (the secret itself is in the secret store). */
    setDestinationHasSecret(id: number, has: boolean): void {
      setHasSecret.run(has ? 1 : 0, id);
    },
    deleteDestination(id: number): boolean {
      return deleteDestination.run(id).changes > 0;
    },
    recordDelivery(d: Omit<WebhookDelivery, 'id'>): void {
      insertDelivery.run(d.destinationId, d.alertId, d.at, d.attempts, d.status, d.httpStatus, d.error);
    },
    deliveries(limit: number): WebhookDelivery[] {
      return (deliveries.all(limit) as DeliveryRow[]).map((r) => ({
        id: r.id,
        destinationId: r.destination_id,
        alertId: r.alert_id,
        at: r.at,
        attempts: r.attempts,
        status: r.status as WebhookDelivery['status'],
        httpStatus: r.http_status,
        error: r.error,
      }));
    },
  };
}
