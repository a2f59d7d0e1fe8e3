/**
 * Reddit search: GET /search.json (or /r/<sub>/search.json?restrict_sr=1) with sort=new. The
 * answer is a Listing, newest first, with `after` (a fullname) towards older posts. Reddit asks
 * every client for a descriptive User-Agent and rate-limits by it (x-ratelimit-* headers). With a
 * Reddit app's id and secret, searches go to the OAuth API with an app-only token (higher limits).
 */
import { redditConfigSchema, type RedditConfig } from '@shared/contract/source-config/reddit';
import { parseSourceConfig, type PollContext, type PollResult, type SourceAdapter } from '../adapter';
import { buildUrl, describeUrl, getJson, HttpStatusError, ResponseFormatError, type HttpReply } from '../http/http-client';
import { pollNewestFirst, type RawPage } from '../paging/newest-first';
import { RedditAppToken } from './app-token';
import { mapRedditPost, redditId, redditSortKey, type RedditThing } from './map-post';

export const REDDIT_PAGE_SIZE = 100;
export const REDDIT_MAX_PAGES = 3;
const USER_AGENT = 'desktop:earshot:0.1 (social listening)';

export class RedditSource implements SourceAdapter {
  private readonly appToken: RedditAppToken | null;

  constructor(
    readonly sourceId: string,
    readonly config: RedditConfig,
  ) {
    this.appToken = config.clientId && config.clientSecret ? new RedditAppToken(config.baseUrl, config.clientId, config.clientSecret, USER_AGENT) : null;
  }

  static fromJson(sourceId: string, json: string): RedditSource {
    return new RedditSource(sourceId, parseSourceConfig(redditConfigSchema, sourceId, json));
  }

  poll(context: PollContext): Promise<PollResult> {
    return pollNewestFirst<RedditThing>({
      cursor: context.cursor,
      maxPages: REDDIT_MAX_PAGES,
      fetchPage: (page) => this.fetchPage(context, page),
      keyOf: redditSortKey,
      idOf: redditId,
      map: mapRedditPost,
    });
  }

  private async fetchPage(context: PollContext, after: string | null): Promise<RawPage<RedditThing>> {
    const { config } = this;
    const path = config.subreddit ? ['r', config.subreddit, 'search.json'] : ['search.json'];
    const url = buildUrl(this.appToken ? config.oauthUrl : config.baseUrl, path, {
      q: config.query,
      sort: 'new',
      t: 'all',
      type: 'link',
      limit: REDDIT_PAGE_SIZE,
      raw_json: 1,
      restrict_sr: config.subreddit ? 1 : null,
      after,
    });
    const reply = await this.search(context, url);
    const listing = reply.body as { kind?: unknown; data?: { after?: unknown; children?: unknown } } | null;
    if (!listing || listing.kind !== 'Listing' || !Array.isArray(listing.data?.children)) {
      throw new ResponseFormatError(`Reddit returned JSON that is not a Listing from ${describeUrl(url)}`);
    }
    const next = typeof listing.data.after === 'string' && listing.data.after !== '' ? listing.data.after : null;
    return { items: listing.data.children as RedditThing[], next, exhausted: reply.rateLimit.remaining === 0 };
  }

  /** One search request; as the app when configured, buying a new token once if Reddit refuses the old one. */
  private async search(context: PollContext, url: URL): Promise<HttpReply & { body: unknown }> {
    const app = this.appToken;
    if (!app) return getJson(context, { service: 'Reddit', url, headers: { 'user-agent': USER_AGENT } });
    const ask = (token: string) =>
      getJson(context, { service: 'Reddit', url, headers: { 'user-agent': USER_AGENT, authorization: `Bearer ${token}` }, secrets: app.secrets() });
    const token = await app.get(context);
    try {
      return await ask(token);
    } catch (error) {
      if (!(error instanceof HttpStatusError) || error.status !== 401) throw error;
      app.forget();
      return ask(await app.get(context));
    }
  }
}
