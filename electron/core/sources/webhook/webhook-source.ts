/**
 * A webhook source as the scheduler sees it. Mentions do not come through its polls: the webhook
 * receiver ingests each request through the pipeline and answers only after the commit, so a
 * collector that gets no answer (a crash, a timeout) retries, and the store drops what was already
 * stored by its id. The polls report whether the receiver is listening, which is the source's health.
 */
import { webhookConfigSchema, type WebhookConfig } from '@shared/contract/source-config/webhook';
import { parseSourceConfig, type PollContext, type PollResult, type SourceAdapter } from '../adapter';

export interface ReceiverStatus {
  /** Where collectors post, e.g. http://127.0.0.1:4871; null while not listening. */
  address: string | null;
  /** Why the receiver is not listening, in plain words. */
  problem: string | null;
}

export class WebhookSource implements SourceAdapter {
  private receiver: (() => ReceiverStatus) | null = null;

  constructor(
    readonly sourceId: string,
    readonly config: WebhookConfig,
  ) {}

  static fromJson(sourceId: string, json: string): WebhookSource {
    return new WebhookSource(sourceId, parseSourceConfig(webhookConfigSchema, sourceId, json));
  }

  /** The receiver announces itself to every webhook source it serves. */
  attach(status: () => ReceiverStatus): void {
    this.receiver = status;
  }

  async poll({ cursor }: PollContext): Promise<PollResult> {
    const status = this.receiver?.();
    // Not attached: a "test connection" of settings not yet saved. Nothing is fetched either way.
    if (!status) return { items: [], cursor };
    if (status.problem !== null) throw new Error(status.problem);
    if (status.address === null) throw new Error('the webhook receiver is starting');
    return { items: [], cursor };
  }
}
