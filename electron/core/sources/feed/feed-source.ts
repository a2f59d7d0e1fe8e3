/**
 * An RSS / Atom / JSON Feed source. Each poll is one conditional GET (If-None-Match /
 * If-Modified-Since from the previous answer): 304 is an empty poll that keeps the cursor. Feeds
 * are not reliably ordered and entries drop off the end, so the cursor remembers the ids already
 * delivered (bounded) instead of a position.
 */
import { z } from 'zod';
import { feedConfigSchema, type FeedConfig } from '@shared/contract/source-config/feed';
import type { MentionInput } from '@shared/domain/mention';
import { parseSourceConfig, type PollContext, type PollResult, type SourceAdapter } from '../adapter';
import { describeUrl, getText, ResponseFormatError } from '../http/http-client';
import { parseFeedBounded } from './feed-parser-pool';
import { FeedFormatError, type FeedEntry, type ParsedFeed } from './parse-feed';

/** Ids remembered as delivered; far more than any feed lists at once. */
export const FEED_SEEN_LIMIT = 2_000;
export const FEED_MAX_BYTES = 10 * 1024 * 1024;
const USER_AGENT = 'Earshot/0.1 (social listening; feed reader)';
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

const cursorSchema = z.object({
  etag: z.string().max(1024).nullable(),
  lastModified: z.string().max(200).nullable(),
  seen: z.array(z.string().max(4096)).max(FEED_SEEN_LIMIT),
});
export type FeedCursor = z.infer<typeof cursorSchema>;

function readCursor(raw: string | null): FeedCursor {
  if (raw !== null) {
    try {
      const parsed = cursorSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    } catch {
      // Unreadable: start again (the store's (source, id) key still prevents duplicates).
    }
  }
  return { etag: null, lastModified: null, seen: [] };
}

export class FeedSource implements SourceAdapter {
  constructor(
    readonly sourceId: string,
    readonly config: FeedConfig,
  ) {}

  static fromJson(sourceId: string, json: string): FeedSource {
    return new FeedSource(sourceId, parseSourceConfig(feedConfigSchema, sourceId, json));
  }

  async poll(context: PollContext): Promise<PollResult> {
    const state = readCursor(context.cursor);
    const url = new URL(this.config.url);
    const headers: Record<string, string> = { 'user-agent': USER_AGENT };
    if (state.etag) headers['if-none-match'] = state.etag;
    if (state.lastModified) headers['if-modified-since'] = state.lastModified;

    const reply = await getText(context, { service: 'The feed', url, headers, accept: ACCEPT, maxBytes: FEED_MAX_BYTES });
    if (reply.status === 304 || reply.text === null) return { items: [], cursor: JSON.stringify(state) };

    const type = reply.contentType;
    if (type.includes('html')) {
      throw new ResponseFormatError(
        `The feed returned HTML, not a feed (content-type ${type}) from ${describeUrl(url)}: is this the site's page rather than its feed?`,
      );
    }
    if (type !== '' && !/xml|json|text\/plain|octet-stream/.test(type)) {
      throw new ResponseFormatError(`The feed returned content-type ${type}, not RSS, Atom or JSON Feed, from ${describeUrl(url)}`);
    }
    let feed: ParsedFeed;
    try {
      // In a bounded worker: a document built to exhaust memory ends its worker, not the core.
      feed = await parseFeedBounded(reply.text, url.toString(), type);
    } catch (error) {
      if (error instanceof FeedFormatError) throw new ResponseFormatError(`The feed at ${describeUrl(url)} could not be read: ${error.message}`);
      throw error;
    }

    const seen = new Set(state.seen);
    const items: MentionInput[] = [];
    const current: string[] = [];
    for (const entry of feed.entries) {
      current.push(entry.id);
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      items.push(this.toMention(entry, feed, url, context.now));
    }
    // The feed's current ids first, then older memory, so what is still listed is never forgotten.
    const remembered = [...new Set([...current, ...state.seen])].slice(0, FEED_SEEN_LIMIT);
    const next: FeedCursor = {
      etag: reply.headers.get('etag'),
      lastModified: reply.headers.get('last-modified'),
      seen: remembered,
    };
    return { items, cursor: JSON.stringify(next) };
  }

  private toMention(entry: FeedEntry, feed: ParsedFeed, url: URL, now: number): MentionInput {
    const host = hostOf(feed.siteUrl) ?? url.hostname;
    // A feed's clock may be wrong; an entry "from the future" is kept as arriving now.
    const publishedAt = entry.publishedAt === null || entry.publishedAt > now ? now : entry.publishedAt;
    return {
      externalId: entry.id,
      platform: this.config.platform,
      text: entry.text || entry.link || '(no text)',
      publishedAt,
      url: entry.link,
      lang: entry.lang,
      authorHandle: (entry.author ?? (feed.title?.trim() || host)).slice(0, 200),
      authorName: (entry.author ? `${entry.author}${feed.title ? ` (${feed.title.trim()})` : ''}` : feed.title?.trim() || null)?.slice(0, 500) ?? null,
      authorFollowers: null,
      likes: null,
      reposts: null,
      replies: null,
      replyTo: null,
    };
  }
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}
