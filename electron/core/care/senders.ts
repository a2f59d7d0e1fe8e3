/**
 * Posting a reply through a platform's API. Each sender gets `fetch` handed in (tests point it at a
 * local server speaking the platform's format) and the account's secret, which it never logs or
 * puts in an error message.
 *
 * - Mastodon: `POST /api/v1/statuses` with `in_reply_to_id` and a bearer token (an
 *   `Idempotency-Key` makes a retried send post once). A mention collected from another instance
 *   is first resolved to the account's instance with `GET /api/v2/search?resolve=true`.
 * - Bluesky: `com.atproto.server.createSession` with an app password, `app.bsky.feed.getPosts`
 *   for the parent's CID and thread root, then `com.atproto.repo.createRecord` of an
 *   `app.bsky.feed.post` whose `reply` names root and parent.
 */
import { z } from 'zod';

export type FetchLike = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<Response>;

export interface SendTarget {
  /** The platform's id of the post being answered: a Mastodon status id, or a Bluesky at:// URI. */
  externalId: string;
  /** The post's public URL, when known. */
  url: string | null;
}

export interface SentReply {
  externalId: string;
  url: string | null;
}

export class SendError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

const SEND_TIMEOUT_MS = 15_000;

async function call(fetchFn: FetchLike, what: string, url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
  } catch (error) {
    throw new SendError(`${what}: could not reach ${new URL(url).host} (${error instanceof Error ? error.message : String(error)})`);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const reason = platformError(body) ?? `HTTP ${response.status}`;
    throw new SendError(`${what} was refused: ${reason.slice(0, 200)}`, response.status);
  }
  return body;
}

/** Mastodon answers `{ error }`; atproto answers `{ error, message }`. */
function platformError(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as { error?: unknown; message?: unknown };
  const parts = [b.error, b.message].filter((v): v is string => typeof v === 'string' && v.length > 0);
  return parts.length > 0 ? parts.join(': ') : null;
}

function parseOrThrow<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new SendError(`${what}: unexpected answer (${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''})`);
  return parsed.data;
}

const mastodonStatus = z.object({ id: z.string().min(1), url: z.string().nullable().optional(), uri: z.string().optional() });
const mastodonSearch = z.object({ statuses: z.array(mastodonStatus) });

export async function sendMastodonReply(
  fetchFn: FetchLike,
  account: { baseUrl: string; token: string },
  target: SendTarget,
  text: string,
  idempotencyKey: string,
): Promise<SentReply> {
  const base = account.baseUrl.replace(/\/+$/, '');
  const headers = { Authorization: `Bearer ${account.token}`, 'Content-Type': 'application/json', Accept: 'application/json' };
  let statusId = target.externalId;
  if (target.url && sameHost(target.url, base) === false) {
    const q = new URLSearchParams({ q: target.url, resolve: 'true', type: 'statuses', limit: '1' });
    const found = parseOrThrow(
      mastodonSearch,
      await call(fetchFn, 'Mastodon search', `${base}/api/v2/search?${q.toString()}`, { method: 'GET', headers }),
      'Mastodon search',
    );
    if (!found.statuses[0]) throw new SendError('Mastodon search: the post could not be found from this account’s instance');
    statusId = found.statuses[0].id;
  }
  const body = JSON.stringify({ status: text, in_reply_to_id: statusId, visibility: 'public' });
  const status = parseOrThrow(
    mastodonStatus,
    await call(fetchFn, 'Mastodon', `${base}/api/v1/statuses`, { method: 'POST', headers: { ...headers, 'Idempotency-Key': idempotencyKey }, body }),
    'Mastodon',
  );
  return { externalId: status.id, url: status.url ?? status.uri ?? null };
}

function sameHost(url: string, base: string): boolean | null {
  try {
    return new URL(url).host === new URL(base).host;
  } catch {
    return null;
  }
}

const strongRef = z.object({ uri: z.string().startsWith('at://'), cid: z.string().min(1) });
const session = z.object({ accessJwt: z.string().min(1), did: z.string().startsWith('did:'), handle: z.string().optional() });
const posts = z.object({
  posts: z.array(strongRef.extend({ record: z.object({ reply: z.object({ root: strongRef, parent: strongRef }).optional() }).loose() })),
});

export async function sendBlueskyReply(
  fetchFn: FetchLike,
  account: { baseUrl: string; identifier: string; appPassword: string },
  target: SendTarget,
  text: string,
  createdAt: number,
): Promise<SentReply> {
  const base = account.baseUrl.replace(/\/+$/, '');
  if (!target.externalId.startsWith('at://')) throw new SendError('Bluesky: the post has no at:// URI, so it cannot be answered from Earshot; send it by hand');
  const json = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const s = parseOrThrow(
    session,
    await call(fetchFn, 'Bluesky login', `${base}/xrpc/com.atproto.server.createSession`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ identifier: account.identifier, password: account.appPassword }),
    }),
    'Bluesky login',
  );
  const auth = { ...json, Authorization: `Bearer ${s.accessJwt}` };
  const found = parseOrThrow(
    posts,
    await call(fetchFn, 'Bluesky getPosts', `${base}/xrpc/app.bsky.feed.getPosts?${new URLSearchParams({ uris: target.externalId }).toString()}`, {
      method: 'GET',
      headers: auth,
    }),
    'Bluesky getPosts',
  );
  const parent = found.posts.find((p) => p.uri === target.externalId);
  if (!parent) throw new SendError('Bluesky: the post no longer exists or is not visible to this account');
  const root = parent.record.reply?.root ?? { uri: parent.uri, cid: parent.cid };
  const record = {
    $type: 'app.bsky.feed.post',
    text,
    createdAt: new Date(createdAt).toISOString(),
    reply: { root: { uri: root.uri, cid: root.cid }, parent: { uri: parent.uri, cid: parent.cid } },
  };
  const created = parseOrThrow(
    strongRef,
    await call(fetchFn, 'Bluesky createRecord', `${base}/xrpc/com.atproto.repo.createRecord`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ repo: s.did, collection: 'app.bsky.feed.post', record }),
    }),
    'Bluesky createRecord',
  );
  const rkey = created.uri.split('/').pop() ?? '';
  return { externalId: created.uri, url: `https://bsky.app/profile/${s.handle ?? s.did}/post/${rkey}` };
}
