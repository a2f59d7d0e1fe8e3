/** A collector as docs/listening.md tells one to be: sign "<timestamp>.<body>" with HMAC-SHA256 and POST it. */
import { createHmac } from 'node:crypto';

export interface PostOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Replace the computed signature header (or drop it with null). */
  signature?: string | null;
  contentType?: string;
}

export async function postSigned(
  url: string,
  secret: string,
  body: string,
  options: PostOptions = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/json', 'X-Earshot-Timestamp': timestamp };
  if (options.signature !== null) headers['X-Earshot-Signature'] = options.signature ?? signature;
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export function webhookMention(id: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    text: `Collector mention ${id} about Kestrel`,
    author: `collector_${id}`,
    authorName: `Collector ${id}`,
    followers: 1200,
    publishedAt: new Date(Date.now() - 60_000).toISOString(),
    url: `https://forum.example.com/t/${id}`,
    lang: 'en',
    platform: 'forum',
    ...patch,
  };
}
