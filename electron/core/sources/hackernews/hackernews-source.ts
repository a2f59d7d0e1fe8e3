/**
 * Hacker News search through Algolia: GET /search_by_date?query=…&tags=…&numericFilters=…, newest
 * first, paged by number. `numericFilters=created_at_i>=<last delivered>` keeps a poll to what is
 * new; while a run spans several polls, `created_at_i<=<run's newest>` freezes its result set so
 * page numbers do not shift under it.
 */
import { HN_ITEM_TYPES, hackerNewsConfigSchema, type HackerNewsConfig } from '@shared/contract/source-config/hackernews';
import { parseSourceConfig, type PollContext, type PollResult, type SourceAdapter } from '../adapter';
import { buildUrl, describeUrl, getJson, ResponseFormatError } from '../http/http-client';
import { pollNewestFirst, type Mark, type RawPage } from '../paging/newest-first';
import { hnId, hnSortKey, mapHnHit, type HnHit } from './map-hit';

export const HN_PAGE_SIZE = 100;
export const HN_MAX_PAGES = 5;

const TAGS: Record<(typeof HN_ITEM_TYPES)[number], string> = { all: '(story,comment)', story: 'story', comment: 'comment' };

export class HackerNewsSource implements SourceAdapter {
  constructor(
    readonly sourceId: string,
    readonly config: HackerNewsConfig,
  ) {}

  static fromJson(sourceId: string, json: string): HackerNewsSource {
    return new HackerNewsSource(sourceId, parseSourceConfig(hackerNewsConfigSchema, sourceId, json));
  }

  poll(context: PollContext): Promise<PollResult> {
    return pollNewestFirst<HnHit>({
      cursor: context.cursor,
      maxPages: HN_MAX_PAGES,
      fetchPage: (page, high, runTop) => this.fetchPage(context, page, high, runTop),
      keyOf: hnSortKey,
      idOf: hnId,
      map: mapHnHit,
    });
  }

  private async fetchPage(context: PollContext, page: string | null, high: Mark | null, runTop: Mark | null): Promise<RawPage<HnHit>> {
    const filters: string[] = [];
    if (high) filters.push(`created_at_i>=${Math.floor(Number(high.key) / 1000)}`);
    if (runTop) filters.push(`created_at_i<=${Math.floor(Number(runTop.key) / 1000)}`);
    const pageNumber = page !== null && /^\d{1,4}$/.test(page) ? Number(page) : 0;
    const url = buildUrl(this.config.baseUrl, ['search_by_date'], {
      query: this.config.query,
      tags: TAGS[this.config.items],
      numericFilters: filters.length > 0 ? filters.join(',') : null,
      hitsPerPage: HN_PAGE_SIZE,
      page: pageNumber,
    });
    const reply = await getJson(context, { service: 'Hacker News search', url });
    const body = reply.body as { hits?: unknown; nbPages?: unknown; page?: unknown } | null;
    if (!body || !Array.isArray(body.hits)) throw new ResponseFormatError(`Hacker News search returned JSON without a "hits" list from ${describeUrl(url)}`);
    const nbPages = typeof body.nbPages === 'number' ? body.nbPages : 0;
    const next = pageNumber + 1 < nbPages ? String(pageNumber + 1) : null;
    return { items: body.hits as HnHit[], next, exhausted: reply.rateLimit.remaining === 0 };
  }
}
