/**
 * X API v2 recent search: GET /2/tweets/search/recent with an app bearer token. Posts come newest
 * first; `since_id` asks only for posts newer than the last delivered one and `next_token` pages
 * towards older ones. Authors arrive separately in `includes.users` (expansions=author_id) and
 * are joined here. Rate limits: x-rate-limit-remaining / x-rate-limit-reset (epoch seconds).
 */
import { xConfigSchema, type XConfig } from '@shared/contract/source-config/x';
import { parseSourceConfig, type PollContext, type PollResult, type SourceAdapter } from '../adapter';
import { buildUrl, describeUrl, getJson, ResponseFormatError } from '../http/http-client';
import { pollNewestFirst, type Mark, type RawPage } from '../paging/newest-first';
import { mapXPost, xId, type XPost, type XTweet, type XUser } from './map-tweet';

export const X_PAGE_SIZE = 100;
export const X_MAX_PAGES = 3;
/** Recent search reaches back 7 days and refuses a `since_id` older than that (HTTP 400). */
const RECENT_WINDOW_MS = 7 * 24 * 60 * 60_000;
const TWITTER_EPOCH_MS = 1_288_834_974_657n;

/** When a post id was minted: X ids are snowflakes whose top bits are milliseconds since 2010-11-04. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + TWITTER_EPOCH_MS);
}

export class XSource implements SourceAdapter {
  constructor(
    readonly sourceId: string,
    readonly config: XConfig,
  ) {}

  static fromJson(sourceId: string, json: string): XSource {
    return new XSource(sourceId, parseSourceConfig(xConfigSchema, sourceId, json));
  }

  poll(context: PollContext): Promise<PollResult> {
    return pollNewestFirst<XPost>({
      cursor: context.cursor,
      maxPages: X_MAX_PAGES,
      fetchPage: (page, high) => this.fetchPage(context, page, high),
      keyOf: xId,
      idOf: xId,
      map: mapXPost,
    });
  }

  private async fetchPage(context: PollContext, nextToken: string | null, high: Mark | null): Promise<RawPage<XPost>> {
    const url = buildUrl(this.config.baseUrl, ['2', 'tweets', 'search', 'recent'], {
      query: this.config.query,
      max_results: X_PAGE_SIZE,
      // After a long pause the mark falls out of the 7-day window: then everything X still has is new.
      since_id: high && snowflakeTime(high.key) > context.now - RECENT_WINDOW_MS + 60 * 60_000 ? high.key : null,
      next_token: nextToken,
      'tweet.fields': 'created_at,lang,public_metrics,referenced_tweets,author_id,withheld',
      expansions: 'author_id',
      'user.fields': 'username,name,verified,public_metrics',
    });
    const token = this.config.bearerToken;
    const reply = await getJson(context, { service: 'X', url, headers: { authorization: `Bearer ${token}` }, secrets: [token] });
    const body = reply.body as { data?: unknown; includes?: { users?: unknown }; meta?: { next_token?: unknown } } | null;
    if (!body || typeof body !== 'object' || (body.data !== undefined && !Array.isArray(body.data))) {
      throw new ResponseFormatError(`X returned JSON that is not a search result from ${describeUrl(url)}`);
    }
    const users = new Map<string, XUser>();
    for (const user of Array.isArray(body.includes?.users) ? (body.includes.users as XUser[]) : []) {
      if (typeof user?.id === 'string') users.set(user.id, user);
    }
    const tweets = (body.data ?? []) as XTweet[];
    const items = tweets.map((tweet): XPost => ({ tweet: tweet ?? {}, author: users.get(tweet?.author_id ?? '') ?? null }));
    const next = typeof body.meta?.next_token === 'string' && body.meta.next_token !== '' ? body.meta.next_token : null;
    return { items, next, exhausted: reply.rateLimit.remaining === 0 };
  }
}
