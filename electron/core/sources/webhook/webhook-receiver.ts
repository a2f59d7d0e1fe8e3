/**
 * The core's webhook listener: `POST /hooks/<source id>` with a JSON body of mentions, signed with
 * the source's shared secret. Checks run cheapest first and before anything is parsed: method,
 * route, size (413), signature and timestamp (401), content type (415), JSON (400). Then every item
 * is checked on its own, the good ones are stored through the pipeline in one transaction, and the
 * answer (sent only after the commit) says for each item whether it was stored, already known or
 * refused and why.
 *
 * It listens only while at least one webhook source exists, on EARSHOT_WEBHOOK_HOST /
 * EARSHOT_WEBHOOK_PORT (default 127.0.0.1:4871).
 */
import { isDiskFull } from '../../base/private-files';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { WEBHOOK_MAX_ITEMS, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@shared/contract/source-config/webhook';
import type { MentionInput } from '@shared/domain/mention';
import type { Logger } from '../../base/logger';
import type { IngestPipeline } from '../../pipeline/ingest';
import type { Scheduler } from '../../scheduler/scheduler';
import type { MappableField } from '@shared/contract/source-config/import';
import { mapRecord } from '../import/mention-mapping';
import { checkWebhookSignature } from './signature';
import { WebhookSource, type ReceiverStatus } from './webhook-source';

export interface WebhookReceiverOptions {
  host: string;
  /** 0 picks a free port (tests); `status().address` tells which. */
  port: number;
}

export interface ItemResult {
  index: number;
  id: string | null;
  status: 'stored' | 'duplicate' | 'rejected';
  error?: string;
}

export interface WebhookAnswer {
  received: number;
  stored: number;
  duplicates: number;
  rejected: number;
  results: ItemResult[];
}

/** An item's own names for Earshot's fields (`publishedAt` is accepted for `time`). */
const ITEM_KEYS: Record<MappableField, readonly string[]> = {
  text: ['text'],
  id: ['id'],
  author: ['author'],
  authorName: ['authorName'],
  time: ['publishedAt', 'time'],
  url: ['url'],
  lang: ['lang'],
  followers: ['followers'],
  likes: ['likes'],
  reposts: ['reposts'],
  replies: ['replies'],
  replyTo: ['replyTo'],
  platform: ['platform'],
};

const bodySchema = z.union([z.object({ mentions: z.array(z.unknown()) }).loose(), z.array(z.unknown())]);

const HEADERS_TIMEOUT_MS = 10_000;
/** What a sender is told to wait when the disk is full (seconds). */
export const DISK_FULL_RETRY_AFTER_S = 60;
const LISTEN_RETRY_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

export class WebhookReceiver {
  private server: Server | null = null;
  private starting: Promise<void> | null = null;
  private address: string | null = null;
  private problem: string | null = null;
  private failedAt: number | null = null;
  private readonly statusFn = (): ReceiverStatus => ({ address: this.address, problem: this.problem });

  constructor(
    private readonly scheduler: Scheduler,
    private readonly pipeline: IngestPipeline,
    private readonly logger: Logger,
    private readonly options: WebhookReceiverOptions,
    private readonly now: () => number = Date.now,
  ) {}

  status(): ReceiverStatus {
    return this.statusFn();
  }

  /**
   * Attaches every webhook source's adapter and listens while there is at least one. Call after
   * sources are registered and whenever they change (the scheduler's health listener does).
   */
  sync(): Promise<void> {
    let any = false;
    for (const health of this.scheduler.health()) {
      if (health.kind !== 'webhook') continue;
      any = true;
      const adapter = this.scheduler.adapter(health.id);
      if (adapter instanceof WebhookSource) adapter.attach(this.statusFn);
    }
    // After a failure (port taken), try again now and then, not on every health change.
    const mayRetry = this.failedAt === null || this.now() - this.failedAt >= LISTEN_RETRY_MS;
    if (any && !this.server && !this.starting && mayRetry) return this.listen();
    return this.starting ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const server = this.server;
    this.server = null;
    this.address = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.logger.error('webhook request failed', { error: error instanceof Error ? error.message : String(error) });
        if (res.headersSent) res.destroy();
        else if (isDiskFull(error)) {
          // Nothing was stored and it is not the sender's fault: a retry after some space is freed succeeds.
          res.setHeader('Retry-After', String(DISK_FULL_RETRY_AFTER_S));
          answer(res, 503, { error: 'the hub cannot store anything right now (its disk is full); nothing was stored, retry later' });
        } else answer(res, 500, { error: 'internal error; nothing was stored, retry later' });
      });
    });
    server.headersTimeout = HEADERS_TIMEOUT_MS;
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.keepAliveTimeout = 5_000;
    this.starting = new Promise<void>((resolve) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        const where = `${this.options.host}:${this.options.port}`;
        this.problem =
          error.code === 'EADDRINUSE'
            ? `the webhook receiver cannot listen on ${where}: the port is in use (set EARSHOT_WEBHOOK_PORT to another port)`
            : `the webhook receiver cannot listen on ${where}: ${error.code ?? error.message}`;
        this.failedAt = this.now();
        this.logger.error('webhook receiver not listening', { problem: this.problem });
        this.starting = null;
        resolve();
      });
      server.listen(this.options.port, this.options.host, () => {
        const { port } = server.address() as AddressInfo;
        this.server = server;
        this.problem = null;
        this.failedAt = null;
        const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
        this.address = `http://${host}:${port}`;
        this.logger.info('webhook receiver listening', { address: this.address });
        this.starting = null;
        resolve();
      });
    });
    return this.starting;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/hooks\/([A-Za-z0-9_.:-]{1,200})\/?$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!match) return answer(res, 404, { error: 'not found; post to /hooks/<source id>' });
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return answer(res, 405, { error: 'only POST is accepted' });
    }
    const sourceId = match[1]!;
    const adapter = this.scheduler.adapter(sourceId);
    if (!(adapter instanceof WebhookSource)) return answer(res, 404, { error: `no webhook source "${sourceId}"` });
    const health = this.scheduler.healthOfSource(sourceId);
    if (health && !health.enabled) {
      res.setHeader('Retry-After', '60');
      return answer(res, 503, { error: `webhook source "${sourceId}" is paused; nothing was stored, retry later` });
    }

    const limit = adapter.config.maxBodyBytes;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return tooLarge(res, limit);
    const body = await readBody(req, limit);
    if (body === null) return tooLarge(res, limit);

    const signature = checkWebhookSignature({
      secret: adapter.config.secret,
      timestamp: header(req, WEBHOOK_TIMESTAMP_HEADER),
      signature: header(req, WEBHOOK_SIGNATURE_HEADER),
      body,
      nowMs: this.now(),
    });
    if (!signature.ok) {
      this.logger.warn('webhook request refused', { source: sourceId, reason: signature.reason });
      return answer(res, 401, { error: signature.reason });
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return answer(res, 415, { error: `Content-Type must be application/json, not "${type || 'none'}"` });

    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (error) {
      return answer(res, 400, { error: `the body is not valid JSON: ${(error as Error).message}` });
    }
    const shape = bodySchema.safeParse(parsed);
    if (!shape.success) return answer(res, 400, { error: 'the body must be {"mentions": [ … ]} or a JSON array of mentions' });
    const items = Array.isArray(shape.data) ? shape.data : shape.data.mentions;
    if (items.length === 0) return answer(res, 400, { error: 'no mentions in the body' });
    if (items.length > WEBHOOK_MAX_ITEMS) return answer(res, 413, { error: `at most ${WEBHOOK_MAX_ITEMS} mentions per request, got ${items.length}` });

    const result = await this.ingest(sourceId, adapter, items);
    return answer(res, result.stored + result.duplicates > 0 ? 200 : 422, result);
  }

  private async ingest(sourceId: string, adapter: WebhookSource, items: readonly unknown[]): Promise<WebhookAnswer> {
    const at = this.now();
    const results: ItemResult[] = [];
    const accepted: Array<{ index: number; mention: MentionInput }> = [];
    items.forEach((item, index) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        results.push({ index, id: null, status: 'rejected', error: 'an item must be a JSON object' });
        return;
      }
      const record = item as Record<string, unknown>;
      const mapped = mapRecord((field) => firstPresent(record, ITEM_KEYS[field]), { defaultPlatform: adapter.config.platform, defaultTime: at, now: at });
      if (!mapped.ok) {
        const key = mapped.error.field === 'time' ? 'publishedAt' : mapped.error.field;
        results.push({ index, id: idOf(record), status: 'rejected', error: `${key}: ${mapped.error.reason}` });
        return;
      }
      accepted.push({ index, mention: mapped.mention });
    });

    // The webhook has no position in a stream: the cursor stays as it is (null).
    const ingested =
      accepted.length > 0
        ? await this.pipeline.ingestAsync(
            sourceId,
            accepted.map((a) => a.mention),
            null,
          )
        : null;
    const storedIds = new Set(ingested?.stored.map((m) => m.externalId));
    const skipped = new Map(ingested?.skipped.map((s) => [s.index, s.reason]));
    accepted.forEach(({ index, mention }, position) => {
      const reason = skipped.get(position);
      if (reason !== undefined) {
        results.push({ index, id: mention.externalId, status: 'rejected', error: reason });
        return;
      }
      // The first item with a new id was stored; a repeat of it in the same request is a duplicate.
      const stored = storedIds.delete(mention.externalId);
      results.push({ index, id: mention.externalId, status: stored ? 'stored' : 'duplicate' });
    });
    results.sort((a, b) => a.index - b.index);
    const count = (status: ItemResult['status']): number => results.filter((r) => r.status === status).length;
    return { received: items.length, stored: count('stored'), duplicates: count('duplicate'), rejected: count('rejected'), results };
  }
}

function firstPresent(record: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) if (record[key] !== undefined) return record[key];
  return undefined;
}

function idOf(record: Record<string, unknown>): string | null {
  const id = record.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 512) : null;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The raw body, or null as soon as it exceeds `limit` bytes (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function tooLarge(res: ServerResponse, limit: number): void {
  // Tell the client to stop sending, rather than reading megabytes we will not use.
  res.setHeader('Connection', 'close');
  answer(res, 413, { error: `the body is larger than ${limit} bytes` });
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}
