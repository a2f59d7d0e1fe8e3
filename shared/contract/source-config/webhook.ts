/**
 * A webhook: any collector POSTs mentions as JSON to `/hooks/<source id>` on the core's webhook
 * listener, signed with a shared secret (HMAC-SHA256, see `WEBHOOK_SIGNATURE_HEADER`).
 */
import { z } from 'zod';
import { PLATFORMS } from '../../domain/mention';
import type { SourceKindSpec } from './spec';

export const WEBHOOK_SIGNATURE_HEADER = 'x-earshot-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-earshot-timestamp';
/** A signed request older (or further in the future) than this is refused as a possible replay. */
export const WEBHOOK_MAX_AGE_SECONDS = 5 * 60;
export const WEBHOOK_DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const WEBHOOK_MAX_ITEMS = 1_000;
/** The default port of the webhook listener (serve mode's own is 4870). */
export const WEBHOOK_DEFAULT_PORT = 4871;

export const webhookConfigSchema = z
  .object({
    secret: z
      .string()
      .min(16, 'the shared secret must be at least 16 characters (generate one with: openssl rand -hex 32)')
      .max(512, 'the shared secret is at most 512 characters'),
    platform: z.enum(PLATFORMS).default('other'),
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024)
      .default(WEBHOOK_DEFAULT_MAX_BODY_BYTES),
  })
  .strict();

export type WebhookConfig = z.output<typeof webhookConfigSchema>;

export const webhookSpec: SourceKindSpec<typeof webhookConfigSchema> = {
  kind: 'webhook',
  title: 'Webhook (your own collector)',
  description:
    'Your own tools POST mentions as JSON to http://<host>:4871/hooks/<source id>, signed with the shared secret (HMAC-SHA256 of "<timestamp>.<body>"). Each item is checked on its own; the answer says which were stored and why any were refused.',
  schema: webhookConfigSchema,
  fields: [
    {
      key: 'secret',
      label: 'Shared secret',
      type: 'secret',
      required: true,
      help: 'At least 16 characters; the collector signs with it. Generate one with: openssl rand -hex 32',
    },
    { key: 'platform', label: 'Platform of the mentions', type: 'select', options: PLATFORMS, help: 'Used when an item does not say its platform.' },
    { key: 'maxBodyBytes', label: 'Largest request (bytes)', type: 'number', placeholder: String(WEBHOOK_DEFAULT_MAX_BODY_BYTES) },
  ],
  defaultIntervalMs: 10_000,
  secretFields: ['secret'],
};
