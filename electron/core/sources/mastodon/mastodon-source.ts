/**
 * Mastodon hashtag timeline (GET /api/v1/timelines/tag/:hashtag) or status search
 * (GET /api/v2/search?type=statuses) on any instance. Both accept `min_id`: "results immediately
 * newer than this id", so the cursor is simply the newest status id delivered, and a poll pages
 * forward from it (up to MASTODON_MAX_PAGES pages of 40) until a page comes back short.
 */
import { z } from 'zod';
import { mastodonConfigSchema, type MastodonConfig } from '@shared/contract/source-config/mastodon';
import type { MentionInput } from '@shared/domain/mention';
import { parseSourceConfig, type PollContext, type PollResult, type SourceAdapter } from '../adapter';
import { buildUrl, describeUrl, getJson, ResponseFormatError } from '../http/http-client';
import { compareKeys } from '../paging/newest-first';
import { mapMastodonStatus, type MastodonStatus } from './map-status';

export const MASTODON_PAGE_SIZE = 40;
export const MASTODON_MAX_PAGES = 5;

/**
 * Mastodon ids are decimal snowflakes; Pleroma and Akkoma (same API) use fixed-length base62 flake
 * ids. Both sort by length, then character by character, which is what `compareKeys` does.
 */
const STATUS_ID = /^[0-9A-Za-z]{1,64}$/;
const cursorSchema = z.object({ minId: z.string().regex(STATUS_ID).nullable() });

export class MastodonSource implements SourceAdapter {
  private readonly host: string;

  constructor(
    readonly sourceId: string,
    readonly config: MastodonConfig,
  ) {
    this.host = new URL(config.instanceUrl).host;
  }

  static fromJson(sourceId: string, json: string): MastodonSource {
    return new MastodonSource(sourceId, parseSourceConfig(mastodonConfigSchema, sourceId, json));
  }

  async poll(context: PollContext): Promise<PollResult> {
    let minId = readCursor(context.cursor);
    const firstPoll = minId === null;
    const items: MentionInput[] = [];
    for (let page = 0; page < MASTODON_MAX_PAGES; page++) {
      const { statuses, exhausted } = await this.fetchPage(context, minId);
      let newest = minId;
      for (const status of statuses) {
        if (typeof status?.id !== 'string' || !STATUS_ID.test(status.id)) continue;
        if (minId !== null && compareKeys(status.id, minId) <= 0) continue;
        if (newest === null || compareKeys(status.id, newest) > 0) newest = status.id;
        const mention = mapMastodonStatus(status, this.host);
        if (mention) items.push(mention);
      }
      const advanced = newest !== minId;
      minId = newest;
      // A short page means we are at the present; the first poll takes only the newest page.
      if (firstPoll || !advanced || statuses.length < MASTODON_PAGE_SIZE) {
        return { items, cursor: JSON.stringify({ minId }) };
      }
      if (exhausted) return { items, cursor: JSON.stringify({ minId }) };
    }
    return { items, cursor: JSON.stringify({ minId }), moreAvailable: true };
  }

  private async fetchPage(context: PollContext, minId: string | null): Promise<{ statuses: MastodonStatus[]; exhausted: boolean }> {
    const { config } = this;
    const base = config.instanceUrl;
    const url =
      config.mode === 'hashtag'
        ? buildUrl(base, ['api', 'v1', 'timelines', 'tag', config.hashtag ?? ''], { limit: MASTODON_PAGE_SIZE, min_id: minId })
        : buildUrl(base, ['api', 'v2', 'search'], { q: config.query, type: 'statuses', resolve: 'false', limit: MASTODON_PAGE_SIZE, min_id: minId });
    const headers: Record<string, string> = {};
    if (config.accessToken) headers.authorization = `Bearer ${config.accessToken}`;
    const secrets = config.accessToken ? [config.accessToken] : [];
    const reply = await getJson(context, { service: 'Mastodon', url, headers, secrets });
    const body = reply.body;
    const list = config.mode === 'hashtag' ? body : (body as { statuses?: unknown } | null)?.statuses;
    if (!Array.isArray(list)) {
      const expected = config.mode === 'hashtag' ? 'a list of statuses' : 'an object with "statuses"';
      throw new ResponseFormatError(`Mastodon returned JSON that is not ${expected} from ${describeUrl(url)}`);
    }
    return { statuses: list as MastodonStatus[], exhausted: reply.rateLimit.remaining === 0 };
  }
}

function readCursor(raw: string | null): string | null {
  if (raw === null) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.minId : null;
  } catch {
    return null;
  }
}
