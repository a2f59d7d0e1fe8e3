/** Mastodon's Status entity → a mention input (https://docs.joinmastodon.org/entities/Status/). */
import type { MentionInput } from '@shared/domain/mention';
import { htmlToText } from '../text/html-to-text';

export interface MastodonAccount {
  id?: string;
  username?: string;
  /** "user" for local accounts, "user@domain" for remote ones. */
  acct?: string;
  display_name?: string;
  followers_count?: number;
  url?: string;
}

export interface MastodonStatus {
  id?: string;
  uri?: string;
  url?: string | null;
  created_at?: string;
  content?: string;
  spoiler_text?: string;
  language?: string | null;
  visibility?: string;
  in_reply_to_id?: string | null;
  replies_count?: number;
  reblogs_count?: number;
  favourites_count?: number;
  reblog?: MastodonStatus | null;
  account?: MastodonAccount | null;
}

const count = (n: unknown): number | null => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null);

/** Null for what is not a listenable post: boosts (the original is what counts), private posts, posts with no author. */
export function mapMastodonStatus(status: MastodonStatus, instanceHost: string): MentionInput | null {
  if (!status || typeof status !== 'object' || typeof status.id !== 'string') return null;
  if (status.reblog) return null;
  if (status.visibility && status.visibility !== 'public' && status.visibility !== 'unlisted') return null;
  const account = status.account;
  if (!account || typeof account.acct !== 'string' || account.acct === '') return null;
  const publishedAt = Date.parse(status.created_at ?? '');
  if (!Number.isFinite(publishedAt)) return null;
  const body = htmlToText(status.content ?? '');
  const warning = status.spoiler_text?.trim();
  const text = warning ? `${warning}\n${body}` : body;
  return {
    externalId: status.id,
    platform: 'mastodon',
    text,
    publishedAt,
    url: status.url ?? status.uri ?? null,
    lang: status.language ?? null,
    authorHandle: account.acct.includes('@') ? account.acct : `${account.acct}@${instanceHost}`,
    authorName: account.display_name?.trim() || account.username || null,
    authorFollowers: count(account.followers_count),
    authorVerified: false,
    likes: count(status.favourites_count),
    reposts: count(status.reblogs_count),
    replies: count(status.replies_count),
    replyTo: status.in_reply_to_id ?? null,
  };
}
