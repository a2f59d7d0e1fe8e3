/**
 * Bluesky post search: GET /xrpc/app.bsky.feed.searchPosts?q=…&sort=latest, as a signed-in
 * account (Bluesky stopped answering anonymous searches in 2025). Results come newest
 * first with an opaque `cursor` towards older ones; `since` (inclusive, on the sort time) limits a
 * poll to what is newer than the last delivered post. Paging and the cursor follow
 * `pollNewestFirst`.
 */
import { blueskyConfigSchema, type BlueskyConfig } from '@shared/contract/source-config/bluesky';
import { parseSourceConfig, type PollContext, type PollResult, type SourceAdapter } from '../adapter';
import { buildUrl, describeUrl, getJson, HttpStatusError, ResponseFormatError, type HttpReply } from '../http/http-client';
import { pollNewestFirst, type Mark, type RawPage } from '../paging/newest-first';
import { blueskySortKey, mapBlueskyPost, type BlueskyPostView } from './map-post';
import { FollowerCounts } from './follower-counts';
import { BlueskySession, SESSION_ERRORS } from './session';

export const BLUESKY_PAGE_SIZE = 100;
export const BLUESKY_MAX_PAGES = 5;

export class BlueskySource implements SourceAdapter {
  private readonly session: BlueskySession | null;
  private readonly followers: FollowerCounts;

  constructor(
    readonly sourceId: string,
    readonly config: BlueskyConfig,
  ) {
    this.session = config.identifier && config.appPassword ? new BlueskySession(config.loginServiceUrl, config.identifier, config.appPassword) : null;
    this.followers = new FollowerCounts(config.serviceUrl);
  }

  static fromJson(sourceId: string, json: string): BlueskySource {
    return new BlueskySource(sourceId, parseSourceConfig(blueskyConfigSchema, sourceId, json));
  }

  poll(context: PollContext): Promise<PollResult> {
    return pollNewestFirst<BlueskyPostView>({
      cursor: context.cursor,
      maxPages: BLUESKY_MAX_PAGES,
      fetchPage: (page, high) => this.fetchPage(context, page, high),
      keyOf: blueskySortKey,
      idOf: (post) => (typeof post?.uri === 'string' ? post.uri : null),
      map: mapBlueskyPost,
    });
  }

  private async fetchPage(context: PollContext, page: string | null, high: Mark | null): Promise<RawPage<BlueskyPostView>> {
    const url = buildUrl(this.config.serviceUrl, ['xrpc', 'app.bsky.feed.searchPosts'], {
      q: this.config.query,
      sort: 'latest',
      limit: BLUESKY_PAGE_SIZE,
      lang: this.config.lang,
      since: high ? new Date(Number(high.key)).toISOString() : null,
      cursor: page,
    });
    const reply = await this.search(context, url);
    const body = reply.body as { posts?: unknown; cursor?: unknown } | null;
    if (!body || !Array.isArray(body.posts)) throw new ResponseFormatError(`Bluesky returned JSON without a "posts" list from ${describeUrl(url)}`);
    const next = typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : null;
    const posts = await this.followers.fill(context, body.posts as BlueskyPostView[], (profilesUrl) => this.search(context, profilesUrl));
    return { items: posts, next, exhausted: reply.rateLimit.remaining === 0 };
  }

  /** One request to the AppView, signed in when configured; an expired session is renewed once. */
  private async search(context: PollContext, url: URL): Promise<HttpReply & { body: unknown }> {
    const session = this.session;
    if (!session) return getJson(context, { service: 'Bluesky', url });
    const ask = (token: string) => getJson(context, { service: 'Bluesky', url, headers: { authorization: `Bearer ${token}` }, secrets: session.secrets() });
    try {
      return await ask(await session.accessToken(context));
    } catch (error) {
      if (!(error instanceof HttpStatusError) || (error.status !== 400 && error.status !== 401) || !SESSION_ERRORS.has(error.reason ?? '')) throw error;
      return ask(await session.renew(context));
    }
  }
}
