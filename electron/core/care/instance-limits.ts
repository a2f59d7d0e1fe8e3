/**
 * A Mastodon instance's own post length limit, read from GET /api/v2/instance
 * (configuration.statuses.max_characters) through the outbound guard and kept for an hour.
 * Where it cannot be read the composer falls back to Mastodon's default and says so.
 */
import { z } from 'zod';
import { MASTODON_DEFAULT_LIMIT } from '@shared/logic/care/reply-length';
import { ApiError } from '../api/api-error';
import type { CareContext } from './care-context';
import type { FetchLike } from './senders';

const instanceSchema = z.object({ configuration: z.object({ statuses: z.object({ max_characters: z.number().int().positive().max(1_000_000) }) }) });
const KEEP_MS = 60 * 60_000;

export interface ReplyLimitInfo {
  maxCharacters: number;
  source: 'instance' | 'default';
  detail: string;
}

export class InstanceLimits {
  private readonly cache = new Map<number, { at: number; info: ReplyLimitInfo }>();

  constructor(
    private readonly ctx: CareContext,
    private readonly fetchFn: FetchLike,
  ) {}

  async forAccount(accountId: number): Promise<ReplyLimitInfo> {
    const account = this.ctx.store.care.account(accountId);
    if (!account) throw new ApiError('not-found', `account ${accountId} does not exist`);
    if (account.platform !== 'mastodon')
      throw new ApiError('bad-params', `account "${account.name}" is on ${account.platform}: its limit is fixed (see the composer)`);
    const cached = this.cache.get(accountId);
    if (cached && this.ctx.now() - cached.at < KEEP_MS) return cached.info;
    const url = `${account.baseUrl.replace(/\/+$/, '')}/api/v2/instance`;
    let info: ReplyLimitInfo;
    try {
      const res = await this.fetchFn(url, { method: 'GET', headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const parsed = instanceSchema.safeParse(await res.json());
      if (!parsed.success) throw new Error('no configuration.statuses.max_characters in the answer');
      info = {
        maxCharacters: parsed.data.configuration.statuses.max_characters,
        source: 'instance',
        detail: `${new URL(url).host} allows ${parsed.data.configuration.statuses.max_characters} characters`,
      };
    } catch (error) {
      info = {
        maxCharacters: MASTODON_DEFAULT_LIMIT,
        source: 'default',
        detail: `could not read the instance's limit (${error instanceof Error ? error.message : String(error)}); Mastodon's default applies`,
      };
    }
    this.cache.set(accountId, { at: this.ctx.now(), info });
    return info;
  }
}
