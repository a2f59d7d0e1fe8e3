/**
 * The webhook signature: `X-Earshot-Timestamp: <unix seconds>` and
 * `X-Earshot-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`.
 * Signing the timestamp with the body means an old request cannot be replayed with a new time;
 * the comparison is constant-time so the signature cannot be guessed byte by byte.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_MAX_AGE_SECONDS } from '@shared/contract/source-config/webhook';

export function webhookSignature(secret: string, timestamp: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function checkWebhookSignature(options: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer;
  nowMs: number;
}): SignatureCheck {
  const { timestamp, signature } = options;
  if (!signature) return { ok: false, reason: 'missing X-Earshot-Signature header (sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">)' };
  if (!timestamp) return { ok: false, reason: 'missing X-Earshot-Timestamp header (unix time in seconds)' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'X-Earshot-Timestamp must be unix time in whole seconds' };
  const ageSeconds = options.nowMs / 1000 - Number(timestamp);
  if (ageSeconds > WEBHOOK_MAX_AGE_SECONDS)
    return {
      ok: false,
      reason: `X-Earshot-Timestamp is ${Math.round(ageSeconds)} s old; requests older than ${WEBHOOK_MAX_AGE_SECONDS} s are refused as replays`,
    };
  if (ageSeconds < -WEBHOOK_MAX_AGE_SECONDS)
    return { ok: false, reason: `X-Earshot-Timestamp is ${Math.round(-ageSeconds)} s in the future; check the sender's clock` };
  const expected = Buffer.from(webhookSignature(options.secret, timestamp, options.body));
  const given = Buffer.from(signature.trim());
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time independent of where they differ.
  const same = given.length === expected.length ? timingSafeEqual(given, expected) : (timingSafeEqual(expected, expected), false);
  return same ? { ok: true } : { ok: false, reason: 'signature does not match (sign "<timestamp>.<raw body>" with HMAC-SHA256 and the shared secret)' };
}
