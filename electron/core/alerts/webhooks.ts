/**
 * Outbound webhooks: each alert that opens (or turns critical) is POSTed to every enabled
 * destination at or above its minimum severity, signed with HMAC-SHA256 over the exact body
 * (`X-Earshot-Signature: sha256=<hex>`), retried with exponential backoff on 5xx, 429, timeouts
 * and network errors, and given up after `maxAttempts`; every outcome goes to the delivery log and
 * the alert's history. The secret never appears in a log, an error or a window.
 */
import { createOutboundGuard } from '../net/outbound-guard';
import { OutboundPolicy, OutboundRefusedError } from '../net/outbound-policy';
import { createHmac, randomUUID } from 'node:crypto';
import type { Alert, AlertSeverity, Incident } from '@shared/domain/alert';
import type { WebhookDestination } from '@shared/domain/alert-rule';
import { webhookPayload, type WebhookEvent } from '@shared/logic/alerts/webhook-formats';
import type { Logger } from '../base/logger';
import type { Store } from '../store/store';

export const SIGNATURE_HEADER = 'X-Earshot-Signature';

export interface DeliveryOptions {
  maxAttempts: number;
  /** First retry delay; doubled each time. */
  baseDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = { maxAttempts: 5, baseDelayMs: 2_000, timeoutMs: 10_000 };

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

/** The secret store's key for a destination's HMAC secret. */
export function webhookSecretKey(destinationId: number): string {
  return `alert-webhook-${destinationId}`;
}
export const WEBHOOK_SECRET_FIELD = 'hmac-secret';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface DeliveryOutcome {
  status: 'delivered' | 'failed';
  attempts: number;
  httpStatus: number | null;
  error: string | null;
}

export class WebhookDispatcher {
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly store: Store,
    /** The destination's HMAC key from the secret store, or null. */
    private readonly secretOf: (destinationId: number, url: string) => string | null,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    // The outbound guard's fetch in the app; the default allows no internal address at all.
    private readonly fetchImpl: typeof fetch = createOutboundGuard(() => OutboundPolicy.fromLines([])).fetch,
    private readonly options: DeliveryOptions = DEFAULT_DELIVERY,
  ) {}

  /** Sends an alert event to every matching destination in the background. */
  dispatch(event: WebhookEvent['event'], alert: Alert, incident: Incident | null): void {
    if (this.stopped) return;
    for (const d of this.store.alerting.destinations()) {
      if (!d.enabled || RANK[alert.severity] < RANK[d.minSeverity]) continue;
      const p = this.deliver(d, { event, alert, incident, url: null }).catch((error: unknown) => {
        this.logger.error('webhook delivery crashed', { destination: d.id, error: String(error) });
      });
      this.inFlight.add(p);
      void p.finally(() => this.inFlight.delete(p));
    }
  }

  /** Delivers one event to one destination with retries; records the outcome. */
  async deliver(destination: WebhookDestination, event: WebhookEvent): Promise<DeliveryOutcome> {
    const body = JSON.stringify(webhookPayload(destination.format, event));
    const secret = destination.hasSecret ? this.secretOf(destination.id, destination.url) : null;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Earshot-Webhook/1',
      'x-earshot-event': event.event,
      'x-earshot-delivery': randomUUID(),
    };
    if (secret !== null) headers[SIGNATURE_HEADER.toLowerCase()] = signBody(secret, body);

    let attempts = 0;
    let httpStatus: number | null = null;
    let error: string | null = null;
    // A signed destination whose secret is not for this address gets nothing unsigned either.
    const unsignable = destination.hasSecret && secret === null;
    if (unsignable) error = 'its signing secret is missing or was saved for another address; enter it again';
    while (!unsignable && attempts < this.options.maxAttempts && !this.stopped) {
      attempts++;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
      try {
        const res = await this.fetchImpl(destination.url, { method: 'POST', headers, body, signal: controller.signal, redirect: 'error' });
        httpStatus = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) {
          error = null;
          break;
        }
        error = `HTTP ${res.status}`;
        // A 4xx other than 429 will not get better by retrying: the URL or payload is wrong.
        if (res.status < 500 && res.status !== 429) break;
      } catch (e) {
        httpStatus = null;
        error = controller.signal.aborted ? `timed out after ${this.options.timeoutMs} ms` : `network error: ${e instanceof Error ? e.message : String(e)}`;
        // The outbound policy will refuse the same address again: no retries.
        if (e instanceof OutboundRefusedError) break;
      } finally {
        clearTimeout(timer);
      }
      if (attempts < this.options.maxAttempts) await delay(this.options.baseDelayMs * 2 ** (attempts - 1));
    }
    const status = error === null ? 'delivered' : 'failed';
    const at = this.now();
    const alertId = event.event === 'test' || !this.store.alerts.get(event.alert.id) ? null : event.alert.id;
    if (!this.stopped) {
      this.store.transaction(() => {
        this.store.alerting.recordDelivery({ destinationId: destination.id, alertId, at, attempts, status, httpStatus, error });
        if (alertId !== null) {
          this.store.alerts.addEvent(
            alertId,
            at,
            status === 'delivered' ? 'delivered' : 'delivery-failed',
            'earshot',
            `webhook "${destination.name}" (${destination.format}): ${status === 'delivered' ? `HTTP ${httpStatus}` : error} after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
          );
        }
      });
    }
    if (status === 'failed') this.logger.warn('webhook delivery failed', { destination: destination.id, attempts, error });
    return { status, attempts, httpStatus, error };
  }

  /** Waits for deliveries in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  stop(): void {
    this.stopped = true;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
