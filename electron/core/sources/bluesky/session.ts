/**
 * A Bluesky sign-in with an app password (com.atproto.server.createSession), kept in memory for
 * the adapter's lifetime. Access tokens expire after a couple of hours: when the search answers
 * "ExpiredToken" the session is refreshed (com.atproto.server.refreshSession) or, failing that,
 * created again. Sign-ins are rate-limited by Bluesky, so a session is reused, never made per poll.
 */
import type { PollContext } from '../adapter';
import { buildUrl, getJson, HttpStatusError, ResponseFormatError } from '../http/http-client';

interface Tokens {
  accessJwt: string;
  refreshJwt: string;
}

/** XRPC error names that mean "sign in again". */
export const SESSION_ERRORS = new Set(['ExpiredToken', 'InvalidToken', 'AuthMissing', 'AuthenticationRequired']);

function readTokens(body: unknown): Tokens {
  const b = body as Partial<Tokens> | null;
  if (!b || typeof b.accessJwt !== 'string' || typeof b.refreshJwt !== 'string') {
    throw new ResponseFormatError('Bluesky answered the sign-in without session tokens');
  }
  return { accessJwt: b.accessJwt, refreshJwt: b.refreshJwt };
}

export class BlueskySession {
  private tokens: Tokens | null = null;

  constructor(
    private readonly loginUrl: string,
    private readonly identifier: string,
    private readonly password: string,
  ) {}

  /** Everything to keep out of error messages. */
  secrets(): string[] {
    return [this.password, ...(this.tokens ? [this.tokens.accessJwt, this.tokens.refreshJwt] : [])];
  }

  async accessToken(context: PollContext): Promise<string> {
    this.tokens ??= await this.create(context);
    return this.tokens.accessJwt;
  }

  /** After the search refused the token: refresh it, or sign in again if that fails too. */
  async renew(context: PollContext): Promise<string> {
    const refreshJwt = this.tokens?.refreshJwt;
    this.tokens = null;
    if (refreshJwt) {
      try {
        const reply = await getJson(context, {
          service: 'Bluesky',
          method: 'POST',
          url: buildUrl(this.loginUrl, ['xrpc', 'com.atproto.server.refreshSession']),
          headers: { authorization: `Bearer ${refreshJwt}` },
          secrets: [refreshJwt, this.password],
        });
        this.tokens = readTokens(reply.body);
        return this.tokens.accessJwt;
      } catch (error) {
        if (!(error instanceof HttpStatusError)) throw error;
        // The refresh token is spent or revoked: sign in from scratch below.
      }
    }
    return this.accessToken(context);
  }

  private async create(context: PollContext): Promise<Tokens> {
    try {
      const reply = await getJson(context, {
        service: 'Bluesky',
        method: 'POST',
        url: buildUrl(this.loginUrl, ['xrpc', 'com.atproto.server.createSession']),
        json: { identifier: this.identifier, password: this.password },
        secrets: [this.password],
      });
      return readTokens(reply.body);
    } catch (error) {
      if (error instanceof HttpStatusError) {
        throw new HttpStatusError(
          `Bluesky sign-in as ${this.identifier} failed: ${error.message}. Check the handle and the app password.`,
          error.status,
          error.reason,
        );
      }
      throw error;
    }
  }
}
