/**
 * The ways a platform's server fails, played by a real server on 127.0.0.1, run against every
 * JSON adapter: each must end in an error that says what happened (or a RateLimitError carrying
 * the wait the server asked for), never in a silent empty poll.
 */
import { describe, expect, it } from 'vitest';
import { RateLimitError, type SourceAdapter } from '../../../../../electron/core/sources/adapter';
import { pollContext, startFixtureServer } from './fixture-server';

/** A fixed clock on a whole second, so HTTP dates convert to exact milliseconds. */
const NOW = Date.UTC(2026, 10, 23, 14, 0, 0);

async function pollError(adapter: SourceAdapter, patch: Parameters<typeof pollContext>[1] = {}): Promise<Error> {
  const context = pollContext(null, { now: NOW, ...patch });
  try {
    await adapter.poll(context);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the poll succeeded, but it should have failed');
}

export function describeHttpFailures(label: string, service: string, make: (baseUrl: string) => SourceAdapter): void {
  describe(`${label}: failing servers`, () => {
    it('429 with Retry-After in seconds → RateLimitError with that wait', async () => {
      const server = await startFixtureServer(() => ({
        status: 429,
        headers: { 'retry-after': '120', 'content-type': 'application/json' },
        body: '{"error":"Too Many Requests"}',
      }));
      const error = await pollError(make(server.url));
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterMs).toBe(120_000);
      expect(error.message).toContain(`${service} is rate limiting requests (HTTP 429)`);
    });

    it('429 with Retry-After as an HTTP date → the time until that date', async () => {
      const at = new Date(NOW + 90_000).toUTCString();
      const server = await startFixtureServer(() => ({ status: 429, headers: { 'retry-after': at }, body: '' }));
      const error = await pollError(make(server.url));
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterMs).toBe(90_000);
    });

    it('5xx → an error naming the status in plain words', async () => {
      const server = await startFixtureServer(() => ({
        status: 503,
        headers: { 'content-type': 'text/html' },
        body: '<html><body>Service Unavailable</body></html>',
      }));
      const error = await pollError(make(server.url));
      expect(error).not.toBeInstanceOf(RateLimitError);
      expect(error.message).toContain(`${service} had a server error (HTTP 503: the service is unavailable) at ${server.url}/`);
    });

    it('a server that never answers is abandoned when the poll is aborted', async () => {
      const server = await startFixtureServer(() => ({ hang: true }));
      const context = pollContext(null, { now: NOW });
      const pending = make(server.url).poll(context);
      setTimeout(() => context.abort(), 100);
      await expect(pending).rejects.toThrow(/was stopped \(timed out or the source was paused\)/);
      expect(server.requests).toHaveLength(1);
    });

    it('a body cut off mid-way → "closed before the whole response arrived"', async () => {
      const server = await startFixtureServer(() => ({
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: 'x'.repeat(5000) }),
        truncateAt: 1000,
      }));
      const error = await pollError(make(server.url));
      expect(error.message).toMatch(new RegExp(`the connection to ${service} closed before the whole response arrived`));
    });

    it('malformed JSON → "returned malformed JSON"', async () => {
      const server = await startFixtureServer(() => ({ headers: { 'content-type': 'application/json' }, body: '{"posts": [{"uri": "at://x"' }));
      const error = await pollError(make(server.url));
      expect(error.message).toContain(`${service} returned malformed JSON from ${server.url}/`);
    });

    it('HTML where JSON was expected → names the content type', async () => {
      const server = await startFixtureServer(() => ({
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!doctype html><title>Sign in</title>',
      }));
      const error = await pollError(make(server.url));
      expect(error.message).toContain(`${service} returned HTML, not JSON (content-type text/html) from ${server.url}/`);
    });

    it('JSON of the wrong shape → says what was expected', async () => {
      const server = await startFixtureServer(() => ({ json: { unexpected: true, items: 'nope', hits: 3, posts: null, data: 7 } }));
      const error = await pollError(make(server.url));
      expect(error.message).toMatch(new RegExp(`^${service} returned JSON`));
    });

    it('an address where nothing listens → "could not reach … (connection refused)"', async () => {
      const server = await startFixtureServer(() => ({ json: {} }));
      const url = server.url;
      await server.close();
      const error = await pollError(make(url));
      expect(error.message).toContain(`could not reach ${service} at ${url}/`);
      expect(error.message).toContain('connection refused');
    });
  });
}
