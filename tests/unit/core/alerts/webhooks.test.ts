/**
 * Outbound webhooks against a real HTTP server on 127.0.0.1: the signature verifies with the
 * destination's secret, 5xx and timeouts are retried with backoff and given up after N attempts,
 * 4xx are not retried, every outcome is logged and in the alert's history, and the Slack, Teams and
 * JSON payloads have their documented shapes. The secret never reaches a window or the log.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '@shared/domain/alert';
import { slackEscape } from '@shared/logic/alerts/webhook-formats';
import { WebhookDispatcher } from '../../../../electron/core/alerts/webhooks';
import { alertingHandlers } from '../../../../electron/core/api/alerting-handlers';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { useTempDirs, waitFor } from '../../../support/core-helpers';
import { allowLocalServers } from '../../../support/outbound';

const tempDir = useTempDirs();

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

let server: Server;
let url: string;
let received: Received[];
/** What the server answers for the n-th request (0-based); 'hang' never answers. */
let respond: (n: number) => number | 'hang';

let store: Store;
let services: CoreServices;
let logger: ReturnType<typeof createMemoryLogger>;

beforeEach(async () => {
  received = [];
  respond = () => 200;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const answer = respond(received.length - 1);
      if (answer === 'hang') return;
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  store = openStore(tempDir());
  logger = createMemoryLogger();
  // The local platform servers are allowed the way an admin allows an on-premises host.
  allowLocalServers(store);
  services = buildServices(store, logger);
});

afterEach(async () => {
  services.alertDelivery.stop();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  store.close();
});

function alert(id: number, patch: Partial<Alert> = {}): Alert {
  return {
    id,
    kind: 'negative-surge',
    severity: 'critical',
    dedupeKey: 'k',
    title: 'Negative surge <b>',
    detail: 'Angry & loud: <@U123> "outage"',
    openedAt: Date.UTC(2025, 0, 1),
    updatedAt: Date.UTC(2025, 0, 1),
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    evidence: [],
    topicId: null,
    ruleId: 1,
    incidentId: null,
    state: 'open',
    snoozedUntil: null,
    assignee: null,
    resolvedBy: null,
    explanation: {
      rule: 'Negative surge',
      measure: 'negative mentions in the last 5 min',
      observed: 120,
      expected: 30,
      bandLow: 5,
      bandHigh: 60,
      windowMinutes: 5,
      terms: ['outage', '#down'],
      link: '#/alerts?alert=1',
    },
    ...patch,
  };
}

/** A stored alert so delivery can add to its history. */
function storedAlert(): Alert {
  const id = store.alerts.insert({
    kind: 'negative-surge',
    severity: 'critical',
    dedupeKey: 'rule:1:all',
    title: 'Negative surge',
    detail: 'd',
    at: Date.now(),
    evidence: [],
    ruleId: 1,
  });
  return store.alerts.get(id)!;
}

const handlers = () => alertingHandlers(services);

async function saveDestination(format: 'slack' | 'teams' | 'json', secret: string | null = 'a-long-shared-secret') {
  return (
    await handlers()['alerts.webhooks.save']({ id: null, destination: { name: `${format} hook`, url, format, minSeverity: 'warning', enabled: true, secret } })
  ).destination;
}

function fastDispatcher(maxAttempts = 4, timeoutMs = 2_000): WebhookDispatcher {
  return new WebhookDispatcher(store, (id) => services.secrets.get(`alert-webhook-${id}`, 'hmac-secret'), logger, Date.now, services.outboundGuard.fetch, {
    maxAttempts,
    baseDelayMs: 50,
    timeoutMs,
  });
}

describe('outbound webhooks', () => {
  it('signs the exact body with HMAC-SHA256 of the destination secret; the secret never leaves the core', async () => {
    const destination = await saveDestination('json');
    expect(destination.hasSecret).toBe(true);
    expect(JSON.stringify(destination)).not.toContain('a-long-shared-secret');
    expect(JSON.stringify(await handlers()['alerts.webhooks.list']({}))).not.toContain('a-long-shared-secret');

    const outcome = await fastDispatcher().deliver(destination, { event: 'alert.opened', alert: alert(1), incident: null, url: null });
    expect(outcome).toEqual({ status: 'delivered', attempts: 1, httpStatus: 200, error: null });
    const req = received[0]!;
    const expected = `sha256=${createHmac('sha256', 'a-long-shared-secret').update(req.body).digest('hex')}`;
    const got = String(req.headers['x-earshot-signature']);
    expect(timingSafeEqual(Buffer.from(got), Buffer.from(expected))).toBe(true);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-earshot-event']).toBe('alert.opened');
    const body = JSON.parse(req.body) as { event: string; alert: Alert };
    expect(body.event).toBe('alert.opened');
    expect(body.alert.explanation?.observed).toBe(120);
    expect(logger.lines.join('\n')).not.toContain('a-long-shared-secret');

    // Without a secret, no signature header.
    const unsigned = await saveDestination('json', null);
    await fastDispatcher().deliver(unsigned, { event: 'test', alert: alert(1), incident: null, url: null });
    expect(received[1]!.headers['x-earshot-signature']).toBeUndefined();
  });

  it('retries 5xx with growing delays and records the delivery in the log and the alert history', async () => {
    respond = (n) => (n < 2 ? 503 : 200);
    const destination = await saveDestination('json');
    const a = storedAlert();
    const outcome = await fastDispatcher().deliver(destination, { event: 'alert.opened', alert: a, incident: null, url: null });
    expect(outcome).toMatchObject({ status: 'delivered', attempts: 3, httpStatus: 200 });
    expect(received).toHaveLength(3);
    const gap1 = received[1]!.at - received[0]!.at;
    const gap2 = received[2]!.at - received[1]!.at;
    expect(gap1).toBeGreaterThanOrEqual(45);
    expect(gap2).toBeGreaterThanOrEqual(95);
    // Every attempt carries the same body and signature.
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    expect(store.alerting.deliveries(10)[0]).toMatchObject({ destinationId: destination.id, alertId: a.id, attempts: 3, status: 'delivered', httpStatus: 200 });
    expect(store.alerts.history(a.id).map((h) => h.action)).toEqual(['delivered']);
  });

  it('gives up after N attempts on 5xx and on timeouts, and does not retry a 4xx', async () => {
    const destination = await saveDestination('json');
    respond = () => 500;
    const a = storedAlert();
    expect(await fastDispatcher(3).deliver(destination, { event: 'alert.opened', alert: a, incident: null, url: null })).toMatchObject({
      status: 'failed',
      attempts: 3,
      httpStatus: 500,
      error: 'HTTP 500',
    });
    expect(received).toHaveLength(3);
    expect(store.alerts.history(a.id).at(-1)).toMatchObject({ action: 'delivery-failed' });
    expect(store.alerts.history(a.id).at(-1)!.detail).toContain('after 3 attempts');

    received = [];
    respond = () => 404;
    expect(await fastDispatcher(3).deliver(destination, { event: 'alert.opened', alert: a, incident: null, url: null })).toMatchObject({
      status: 'failed',
      attempts: 1,
      httpStatus: 404,
    });
    expect(received).toHaveLength(1);

    received = [];
    respond = () => 'hang';
    const timedOut = await fastDispatcher(2, 150).deliver(destination, { event: 'alert.opened', alert: a, incident: null, url: null });
    expect(timedOut).toMatchObject({ status: 'failed', attempts: 2, httpStatus: null });
    expect(timedOut.error).toMatch(/timed out after 150 ms/);
    expect(received).toHaveLength(2);
    expect(store.alerting.deliveries(10).map((d) => d.status)).toEqual(['failed', 'failed', 'failed']);
  });

  it('sends a Slack incoming-webhook payload: text plus Block Kit blocks, with stranger text escaped', async () => {
    const destination = await saveDestination('slack');
    await fastDispatcher().deliver(destination, { event: 'alert.opened', alert: alert(1), incident: null, url: 'http://127.0.0.1:4870/#/alerts?alert=1' });
    const body = JSON.parse(received[0]!.body) as {
      text: string;
      blocks: Array<{ type: string; text?: { type: string; text: string }; fields?: unknown[]; elements?: unknown[] }>;
    };
    expect(typeof body.text).toBe('string');
    expect(body.text).toContain('CRITICAL: Negative surge');
    expect(body.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    expect(body.blocks[1]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
    expect(body.blocks[1]!.text!.text).toContain('Angry &amp; loud: &lt;@U123&gt;');
    expect(body.blocks[1]!.text!.text).not.toContain('<@U123>');
    expect(body.blocks[2]!.fields!.length).toBeGreaterThan(2);
    expect(body.blocks[3]).toMatchObject({ type: 'actions' });
    expect(slackEscape('<a & b>')).toBe('&lt;a &amp; b&gt;');
  });

  it('sends a Microsoft Teams payload: a message with one Adaptive Card attachment', async () => {
    const destination = await saveDestination('teams');
    await fastDispatcher().deliver(destination, { event: 'alert.opened', alert: alert(1), incident: null, url: 'http://127.0.0.1:4870/#/alerts?alert=1' });
    const body = JSON.parse(received[0]!.body) as {
      type: string;
      attachments: Array<{
        contentType: string;
        content: {
          type: string;
          version: string;
          body: Array<{ type: string; text?: string; facts?: Array<{ title: string; value: string }> }>;
          actions: Array<{ type: string; url: string }>;
        };
      }>;
    };
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const card = body.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.type).toBe('AdaptiveCard');
    expect(card.content.version).toBe('1.4');
    expect(card.content.body[0]).toMatchObject({ type: 'TextBlock', text: 'CRITICAL: Negative surge <b>' });
    expect(card.content.body[2]!.facts!.find((f) => f.title === 'Top terms')?.value).toBe('outage, #down');
    expect(card.content.actions[0]).toMatchObject({ type: 'Action.OpenUrl' });
  });

  it('delivers alerts that open to every enabled destination at or above its minimum severity', async () => {
    const slack = await saveDestination('slack');
    await handlers()['alerts.webhooks.save']({ id: null, destination: { name: 'critical only', url, format: 'json', minSeverity: 'critical', enabled: true } });
    await handlers()['alerts.webhooks.save']({ id: null, destination: { name: 'off', url, format: 'json', minSeverity: 'info', enabled: false } });
    services.alertDelivery.dispatch('alert.opened', alert(1, { severity: 'warning' }), null);
    await services.alertDelivery.idle();
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body)).toHaveProperty('blocks');
    services.alertDelivery.dispatch('alert.opened', alert(2, { severity: 'critical' }), null);
    await waitFor('two more deliveries', () => received.length === 3);
    expect(slack.enabled).toBe(true);
    const test = await handlers()['alerts.webhooks.test']({ id: slack.id });
    expect(test.status).toBe('delivered');
  });

  it('refuses non-http URLs and bad secrets at the boundary', async () => {
    const { webhookInputSchema } = await import('@shared/contract/alert-rule-schema');
    expect(webhookInputSchema.safeParse({ name: 'x', url: 'file:///etc/passwd', format: 'json', minSeverity: 'info', enabled: true }).success).toBe(false);
    expect(webhookInputSchema.safeParse({ name: 'x', url, format: 'json', minSeverity: 'info', enabled: true, secret: 'short' }).success).toBe(false);
  });
});
