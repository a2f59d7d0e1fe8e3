/**
 * Reddit's app-only OAuth: the app's client id and secret (HTTP Basic) buy a bearer token from
 * /api/v1/access_token (grant_type=client_credentials), valid for `expires_in` seconds. The token
 * is kept in memory and bought again shortly before it expires, or when Reddit refuses it.
 */
import type { PollContext } from '../adapter';
import { buildUrl, getJson, HttpStatusError, ResponseFormatError } from '../http/http-client';

/** Renew this long before the stated expiry, so a poll never starts with a token about to lapse. */
const EARLY_RENEW_MS = 60_000;

export class RedditAppToken {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly userAgent: string,
  ) {}

  secrets(): string[] {
    return [this.clientSecret, ...(this.token ? [this.token.value] : [])];
  }

  forget(): void {
    this.token = null;
  }

  async get(context: PollContext): Promise<string> {
    if (this.token && this.token.expiresAt > context.now + EARLY_RENEW_MS) return this.token.value;
    const basic = Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64');
    try {
      const reply = await getJson(context, {
        service: 'Reddit',
        method: 'POST',
        url: buildUrl(this.baseUrl, ['api', 'v1', 'access_token']),
        form: { grant_type: 'client_credentials' },
        headers: { authorization: `Basic ${basic}`, 'user-agent': this.userAgent },
        secrets: [this.clientSecret, basic],
      });
      const body = reply.body as { access_token?: unknown; expires_in?: unknown; error?: unknown } | null;
      if (typeof body?.error === 'string') throw new HttpStatusError(`Reddit refused the app's credentials ("${body.error}")`, 401, body.error);
      if (typeof body?.access_token !== 'string' || body.access_token === '')
        throw new ResponseFormatError('Reddit answered the token request without an access_token');
      const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
      this.token = { value: body.access_token, expiresAt: context.now + seconds * 1000 };
      return this.token.value;
    } catch (error) {
      if (error instanceof HttpStatusError) {
        throw new HttpStatusError(`Reddit app sign-in failed: ${error.message}. Check the app's client id and secret.`, error.status, error.reason);
      }
      throw error;
    }
  }
}
