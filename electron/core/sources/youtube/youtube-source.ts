/**
 * YouTube Data API v3: GET /commentThreads?part=snippet&order=time with videoId or
 * allThreadsRelatedToChannelId, optional searchTerms, and the API key. Threads come newest first
 * with `nextPageToken` towards older ones. Quota: each call costs 1 unit of a project's daily
 * 10,000; when it runs out Google answers 403 "quotaExceeded", which waits until the quota resets
 * at midnight Pacific time.
 */
import { youtubeConfigSchema, type YouTubeConfig } from '@shared/contract/source-config/youtube';
import { parseSourceConfig, RateLimitError, type PollContext, type PollResult, type SourceAdapter } from '../adapter';
import { buildUrl, describeUrl, getJson, HttpStatusError, ResponseFormatError } from '../http/http-client';
import { pollNewestFirst, type RawPage } from '../paging/newest-first';
import { mapYouTubeThread, youtubeId, youtubeSortKey, type YouTubeCommentThread } from './map-comment';

export const YOUTUBE_PAGE_SIZE = 100;
export const YOUTUBE_MAX_PAGES = 3;
const QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded', 'rateLimitExceeded', 'userRateLimitExceeded']);

/** Milliseconds until the next midnight in America/Los_Angeles, when YouTube quotas reset. */
export function msUntilPacificMidnight(now: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    hour12: false,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(now));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  // Some ICU versions write midnight as hour "24".
  const elapsed = (((get('hour') % 24) * 60 + get('minute')) * 60 + get('second')) * 1000 + (now % 1000);
  return 24 * 60 * 60_000 - elapsed;
}

export class YouTubeSource implements SourceAdapter {
  constructor(
    readonly sourceId: string,
    readonly config: YouTubeConfig,
  ) {}

  static fromJson(sourceId: string, json: string): YouTubeSource {
    return new YouTubeSource(sourceId, parseSourceConfig(youtubeConfigSchema, sourceId, json));
  }

  poll(context: PollContext): Promise<PollResult> {
    return pollNewestFirst<YouTubeCommentThread>({
      cursor: context.cursor,
      maxPages: YOUTUBE_MAX_PAGES,
      fetchPage: (page) => this.fetchPage(context, page),
      keyOf: youtubeSortKey,
      idOf: youtubeId,
      map: mapYouTubeThread,
    });
  }

  private async fetchPage(context: PollContext, pageToken: string | null): Promise<RawPage<YouTubeCommentThread>> {
    const { config } = this;
    const url = buildUrl(config.baseUrl, ['commentThreads'], {
      part: 'snippet',
      order: 'time',
      textFormat: 'plainText',
      maxResults: YOUTUBE_PAGE_SIZE,
      videoId: config.scope === 'video' ? config.videoId : null,
      allThreadsRelatedToChannelId: config.scope === 'channel' ? config.channelId : null,
      searchTerms: config.searchTerms,
      pageToken,
      key: config.apiKey,
    });
    let reply;
    try {
      reply = await getJson(context, { service: 'YouTube', url, secrets: [config.apiKey] });
    } catch (error) {
      if (error instanceof HttpStatusError && error.status === 403 && error.reason && QUOTA_REASONS.has(error.reason)) {
        const wait = error.reason === 'quotaExceeded' || error.reason === 'dailyLimitExceeded' ? msUntilPacificMidnight(context.now) : 60_000;
        throw new RateLimitError(`YouTube quota used up (${error.reason}); it resets at midnight Pacific time`, wait);
      }
      throw error;
    }
    const body = reply.body as { kind?: unknown; items?: unknown; nextPageToken?: unknown } | null;
    if (!body || !Array.isArray(body.items)) throw new ResponseFormatError(`YouTube returned JSON without an "items" list from ${describeUrl(url)}`);
    const next = typeof body.nextPageToken === 'string' && body.nextPageToken !== '' ? body.nextPageToken : null;
    return { items: body.items as YouTubeCommentThread[], next };
  }
}
