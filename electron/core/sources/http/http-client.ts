/**
 * The one HTTP path every polling adapter uses: the poll's own fetch and abort signal, a checked
 * status and content type, a capped body, JSON or text decoding, and errors a community manager
 * can read ("Mastodon returned HTML, not JSON (content-type text/html) from https://…/tag/x").
 *
 * Error messages name the service and the address without its query string (where API keys
 * travel), and any secret the adapter hands in is blanked out of them, so a token never reaches
 * a log line, a health row or the renderer.
 */
import { RateLimitError, type PollContext } from '../adapter';
import { readRateLimit, retryAfterMs, type RateLimitInfo } from './rate-limit';

/** Default cap on a response body: API pages are tens of kilobytes; megabytes mean something is wrong. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface HttpRequest {
  /** The platform's name as users know it: "Mastodon", "Reddit", "the feed". */
  service: string;
  url: URL;
  headers?: Record<string, string>;
  maxBytes?: number;
  /** Values to blank out of any error message (tokens, keys). */
  secrets?: readonly string[];
  /** GET unless said; a POST sends `json` or `form` (if any) as its body (logins). */
  method?: 'GET' | 'POST';
  json?: unknown;
  /** application/x-www-form-urlencoded fields (OAuth token requests). */
  form?: Record<string, string>;
}

function requestBody(request: HttpRequest): { body?: string; type?: string } {
  if (request.method !== 'POST') return {};
  if (request.form !== undefined) return { body: new URLSearchParams(request.form).toString(), type: 'application/x-www-form-urlencoded' };
  if (request.json !== undefined) return { body: JSON.stringify(request.json), type: 'application/json' };
  return {};
}

export interface HttpReply {
  status: number;
  headers: Headers;
  rateLimit: RateLimitInfo;
}

/**
 * A non-success answer, with the status (and the platform's machine-readable reason, such as
 * Google's "quotaExceeded", where the body gives one) kept for adapters that treat some specially.
 */
export class HttpStatusError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly reason: string | null = null,
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

/** An answer that arrived but cannot be used (wrong type, malformed, too large, cut off). */
export class ResponseFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResponseFormatError';
  }
}

/** Scheme, host and path: enough to say where, never the query string (API keys live there). */
export function describeUrl(url: URL | string): string {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(an invalid address)';
  }
}

/**
 * Joins a configured base URL (an instance, a self-hosted mirror, a test server) and a path of
 * segments, each percent-encoded, plus query parameters (absent values are left out).
 */
export function buildUrl(base: string, segments: readonly string[], query: Record<string, string | number | readonly string[] | undefined | null> = {}): URL {
  const url = new URL(base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${describeUrl(url)} is not an http(s) address`);
  const prefix = url.pathname.replace(/\/+$/, '');
  url.pathname = `${prefix}/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
  url.search = '';
  url.hash = '';
  for (const [key, value] of Object.entries(query)) {
    // A list repeats its parameter (?actors=a&actors=b), as XRPC and many APIs expect.
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, item);
    else if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url;
}

function redact(message: string, secrets: readonly string[] | undefined): string {
  let out = message;
  for (const secret of secrets ?? []) {
    if (secret.length >= 4) out = out.split(secret).join('•••');
  }
  return out;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
};

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  if (code && NETWORK_CODES[code]) return NETWORK_CODES[code];
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof Error && error.name === 'AbortError');
}

async function send(context: PollContext, request: HttpRequest, accept: string): Promise<Response> {
  const where = describeUrl(request.url);
  try {
    const post = request.method === 'POST';
    const { body, type } = requestBody(request);
    return await context.fetch(request.url, {
      method: post ? 'POST' : 'GET',
      headers: { accept, ...(type ? { 'content-type': type } : {}), ...request.headers },
      body,
      signal: context.signal,
      // A login is never replayed to wherever a redirect points.
      redirect: post ? 'error' : 'follow',
    });
  } catch (error) {
    // The low-level error is left out on purpose (here and below): it can carry the full URL with a
    // token in it, and these messages reach logs and windows; the redacted reason is kept instead.
    // eslint-disable-next-line preserve-caught-error
    if (isAbort(error, context.signal)) throw new Error(`request to ${request.service} at ${where} was stopped (timed out or the source was paused)`);
    // eslint-disable-next-line preserve-caught-error
    throw new Error(redact(`could not reach ${request.service} at ${where} (${networkReason(error)})`, request.secrets));
  }
}

/** Reads the body up to `maxBytes`, naming a cut-off connection and an oversized answer plainly. */
async function readCapped(context: PollContext, response: Response, request: HttpRequest): Promise<Uint8Array> {
  const where = describeUrl(request.url);
  const maxBytes = request.maxBytes ?? DEFAULT_MAX_BYTES;
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseFormatError(`${request.service} sent ${formatBytes(declared)} from ${where}, more than the ${formatBytes(maxBytes)} allowed`);
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new ResponseFormatError(`${request.service} sent more than the ${formatBytes(maxBytes)} allowed from ${where}`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ResponseFormatError) throw error;
    // eslint-disable-next-line preserve-caught-error
    if (isAbort(error, context.signal)) throw new Error(`request to ${request.service} at ${where} was stopped (timed out or the source was paused)`);
    throw new ResponseFormatError(`the connection to ${request.service} closed before the whole response arrived from ${where} (${networkReason(error)})`);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} kB`;
}

/**
 * What a platform said in an error body: a short single-line message (its own message field if
 * JSON) and a machine-readable reason where there is one (Google's errors[0].reason, XRPC's error).
 */
function errorDetail(bytes: Uint8Array): { detail: string; reason: string | null } {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 16_384)).trim();
  if (!text) return { detail: '', reason: null };
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const nested = json.error && typeof json.error === 'object' ? (json.error as Record<string, unknown>) : null;
    const candidates = [
      json.detail,
      json.error_description,
      json.message,
      json.title,
      nested?.message,
      json.error,
      (json.errors as Array<Record<string, unknown>> | undefined)?.[0]?.message,
    ];
    const found = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
    const googleReason = (nested?.errors as Array<Record<string, unknown>> | undefined)?.[0]?.reason;
    const reason = typeof googleReason === 'string' ? googleReason : typeof json.error === 'string' ? json.error : null;
    return { detail: found ? found.replace(/\s+/g, ' ').slice(0, 200) : '', reason };
  } catch {
    return { detail: /^\s*</.test(text) ? '' : text.replace(/\s+/g, ' ').slice(0, 200), reason: null };
  }
}

const STATUS_WORDS: Record<number, string> = {
  400: 'it did not accept the request',
  401: 'it asks for valid credentials',
  403: 'access is forbidden',
  404: 'nothing is there',
  410: 'it is gone for good',
  500: 'the server failed',
  502: 'a gateway in front of it failed',
  503: 'the service is unavailable',
  504: 'a gateway in front of it timed out',
};

/**
 * Turns a non-2xx answer into the error the scheduler understands: 429 (and 503 with Retry-After)
 * become RateLimitError with the wait the headers give; other statuses an HttpStatusError whose
 * message says the status in plain words.
 */
async function failFor(context: PollContext, response: Response, request: HttpRequest): Promise<never> {
  const where = describeUrl(request.url);
  const status = response.status;
  const wait = retryAfterMs(response.headers, context.now);
  let detail = '';
  let reason: string | null = null;
  try {
    ({ detail, reason } = errorDetail(await readCapped(context, response, { ...request, maxBytes: 64 * 1024 })));
  } catch {
    // The status alone is enough to explain the failure.
  }
  const said = detail ? `: "${detail}"` : '';
  if (status === 429 || (status === 503 && response.headers.has('retry-after'))) {
    const waitText = wait === null ? 'it did not say for how long' : `retry in ${Math.ceil(wait / 1000)} s`;
    throw new RateLimitError(redact(`${request.service} is rate limiting requests (HTTP ${status}) at ${where}; ${waitText}${said}`, request.secrets), wait);
  }
  const words = STATUS_WORDS[status] ?? (status >= 500 ? 'the server failed' : 'the request was refused');
  const kind = status >= 500 ? `${request.service} had a server error` : `${request.service} refused the request`;
  throw new HttpStatusError(redact(`${kind} (HTTP ${status}: ${words}) at ${where}${said}`, request.secrets), status, reason);
}

function mediaType(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isJsonType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json') || type === 'text/json';
}

function describeType(type: string): string {
  if (type === '') return 'no content-type';
  if (type.includes('html')) return `HTML, not JSON (content-type ${type})`;
  return `content-type ${type}, not JSON`;
}

/** GET (or POST) for a JSON document. Everything but a 2xx JSON answer becomes a clear error. */
export async function getJson(context: PollContext, request: HttpRequest): Promise<HttpReply & { body: unknown }> {
  const response = await send(context, request, 'application/json');
  if (!response.ok) await failFor(context, response, request);
  const where = describeUrl(request.url);
  const type = mediaType(response);
  if (!isJsonType(type)) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseFormatError(`${request.service} returned ${describeType(type)} from ${where}`);
  }
  const bytes = await readCapped(context, response, request);
  const text = new TextDecoder('utf-8').decode(bytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ResponseFormatError(`${request.service} returned malformed JSON from ${where} (${reason})`);
  }
  return { status: response.status, headers: response.headers, rateLimit: readRateLimit(response.headers, context.now), body };
}

export interface TextReply extends HttpReply {
  /** Null for 304 Not Modified. */
  text: string | null;
  contentType: string;
}

/**
 * GET a text document (a feed). 304 is an answer, not an error, when the request was conditional.
 * The charset comes from the content-type, else from an XML declaration, else UTF-8.
 */
export async function getText(context: PollContext, request: HttpRequest & { accept: string }): Promise<TextReply> {
  const response = await send(context, request, request.accept);
  const rateLimit = readRateLimit(response.headers, context.now);
  if (response.status === 304) {
    await response.body?.cancel().catch(() => undefined);
    return { status: 304, headers: response.headers, rateLimit, text: null, contentType: mediaType(response) };
  }
  if (!response.ok) await failFor(context, response, request);
  const bytes = await readCapped(context, response, request);
  const contentType = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, rateLimit, text: decode(bytes, contentType), contentType: mediaType(response) };
}

function decode(bytes: Uint8Array, contentType: string): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType)?.[1];
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const fromDeclaration = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  for (const label of [fromHeader, fromDeclaration, 'utf-8']) {
    if (!label) continue;
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An unknown charset label: try the next candidate.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}
