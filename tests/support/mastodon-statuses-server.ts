/**
 * A local server speaking Mastodon's POST /api/v1/statuses (documented at
 * docs.joinmastodon.org/methods/statuses): checks the bearer token, answers each new status with
 * a Status entity of its own id, honours Idempotency-Key as Mastodon does (the same key within an
 * hour returns the same status), and records every request, so a test can count replies per post.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PostedStatus {
  id: string;
  status: string;
  inReplyToId: string | null;
  idempotencyKey: string | null;
}

export interface MastodonStatusesServer {
  url: string;
  posted: PostedStatus[];
  /** Posts answering these ids are refused with 422, as Mastodon refuses a reply to a deleted status. */
  refuse: Set<string>;
  close(): Promise<void>;
}

export async function startMastodonStatusesServer(token: string): Promise<MastodonStatusesServer> {
  const posted: PostedStatus[] = [];
  const byKey = new Map<string, PostedStatus>();
  const refuse = new Set<string>();
  let next = 113_600_000_000_000_000n;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/api/v1/statuses') return answer(404, { error: 'Record not found' });
      if (req.headers.authorization !== `Bearer ${token}`) return answer(401, { error: 'The access token is invalid' });
      const body = JSON.parse(raw || '{}') as { status?: string; in_reply_to_id?: string };
      const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
      const same = key ? byKey.get(key) : undefined;
      const inReplyToId = body.in_reply_to_id ?? null;
      if (!same && inReplyToId !== null && refuse.has(inReplyToId))
        return answer(422, { error: 'Validation failed: In reply to the status you replied to was deleted' });
      const status = same ?? { id: String(next++), status: body.status ?? '', inReplyToId, idempotencyKey: key };
      if (!same) {
        posted.push(status);
        if (key) byKey.set(key, status);
      }
      const address = server.address() as AddressInfo;
      answer(200, {
        id: status.id,
        created_at: new Date().toISOString(),
        in_reply_to_id: status.inReplyToId,
        visibility: 'public',
        url: `http://127.0.0.1:${address.port}/@care/${status.id}`,
        content: `<p>${status.status.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`,
        account: { id: '1', username: 'care', acct: 'care', display_name: 'Care' },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posted,
    refuse,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
