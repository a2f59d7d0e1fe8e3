/**
 * Ready payloads for outbound webhooks: Slack incoming webhooks (`text` + Block Kit `blocks`),
 * Microsoft Teams incoming webhooks (a message carrying one Adaptive Card), and generic JSON.
 * Alert text comes from strangers' posts, so Slack's control characters (&, <, >) are escaped and
 * Adaptive Card text is plain TextBlocks (no markdown links are built from it).
 */
import type { Alert, AlertSeverity, Incident } from '../../domain/alert';
import type { WebhookFormat } from '../../domain/alert-rule';

export interface WebhookEvent {
  event: 'alert.opened' | 'alert.escalated' | 'test';
  alert: Alert;
  incident: Incident | null;
  /** Where the operator can see it, when Earshot knows its own address (serve mode). */
  url: string | null;
}

const SEVERITY_WORD: Record<AlertSeverity, string> = { critical: 'CRITICAL', warning: 'Warning', info: 'Info' };
const SEVERITY_EMOJI: Record<AlertSeverity, string> = { critical: ':rotating_light:', warning: ':warning:', info: ':information_source:' };
const TEAMS_COLOR: Record<AlertSeverity, string> = { critical: 'Attention', warning: 'Warning', info: 'Accent' };

/** Slack mrkdwn: only &, < and > are control characters. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function facts(e: WebhookEvent): Array<{ name: string; value: string }> {
  const a = e.alert;
  const out = [
    { name: 'Severity', value: SEVERITY_WORD[a.severity] },
    { name: 'Opened', value: new Date(a.openedAt).toISOString() },
  ];
  const x = a.explanation;
  if (x) {
    out.push({ name: 'Observed', value: `${x.observed} ${x.measure}` });
    if (x.expected !== null)
      out.push({
        name: 'Expected',
        value: `${Math.round(x.expected * 10) / 10}${x.bandHigh !== null ? ` (band up to ${Math.round(x.bandHigh * 10) / 10})` : ''}`,
      });
    if (x.terms.length > 0) out.push({ name: 'Top terms', value: x.terms.join(', ') });
  }
  if (e.incident)
    out.push({ name: 'Incident', value: `#${e.incident.id} (${e.incident.alertIds.length} alert${e.incident.alertIds.length === 1 ? '' : 's'})` });
  return out;
}

export function slackPayload(e: WebhookEvent): Record<string, unknown> {
  const a = e.alert;
  const headline = `${SEVERITY_WORD[a.severity]}: ${a.title}`;
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: headline.slice(0, 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: `${SEVERITY_EMOJI[a.severity]} ${slackEscape(a.detail).slice(0, 2900)}` } },
    {
      type: 'section',
      fields: facts(e)
        .slice(0, 10)
        .map((f) => ({ type: 'mrkdwn', text: `*${f.name}*\n${slackEscape(f.value)}` })),
    },
  ];
  if (e.url) blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Earshot' }, url: e.url }] });
  return { text: `${headline}: ${a.detail}`.slice(0, 3000), blocks };
}

export function teamsPayload(e: WebhookEvent): Record<string, unknown> {
  const a = e.alert;
  const body: unknown[] = [
    { type: 'TextBlock', text: `${SEVERITY_WORD[a.severity]}: ${a.title}`, weight: 'Bolder', size: 'Large', color: TEAMS_COLOR[a.severity], wrap: true },
    { type: 'TextBlock', text: a.detail, wrap: true },
    { type: 'FactSet', facts: facts(e).map((f) => ({ title: f.name, value: f.value })) },
  ];
  const card: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
  };
  if (e.url) card.actions = [{ type: 'Action.OpenUrl', title: 'Open in Earshot', url: e.url }];
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}

export function jsonPayload(e: WebhookEvent): Record<string, unknown> {
  return { event: e.event, alert: e.alert, incident: e.incident, url: e.url };
}

export function webhookPayload(format: WebhookFormat, e: WebhookEvent): Record<string, unknown> {
  if (format === 'slack') return slackPayload(e);
  if (format === 'teams') return teamsPayload(e);
  return jsonPayload(e);
}
