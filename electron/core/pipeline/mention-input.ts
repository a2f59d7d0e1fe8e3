/**
 * The boundary between adapters and the store: whatever a source produced is checked here, item by
 * item, so one malformed post is skipped with a reason and the rest of the batch is stored.
 */
import { z } from 'zod';
import { PLATFORMS, type MentionInput } from '@shared/domain/mention';
import { closeDirectionControls } from '@shared/logic/bidi-controls';
import { safeHttpUrl } from '@shared/logic/safe-url';

/** Longer posts are cut: a 1 MB "post" is junk or an attack, and it would bloat FTS. */
export const MAX_TEXT_CHARS = 10_000;
const EARLIEST = Date.UTC(2000, 0, 1);
/** Clocks drift; a post "from the future" beyond this is rejected as a bad timestamp. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullish();

const mentionInputSchema = z.object({
  externalId: z.string().trim().min(1).max(512),
  platform: z.enum(PLATFORMS),
  text: z.string(),
  publishedAt: z.number().finite(),
  url: z.string().max(4096).nullish(),
  lang: z.string().max(35).nullish(),
  authorHandle: z.string().trim().min(1).max(256),
  authorName: z.string().max(512).nullish(),
  authorFollowers: count,
  authorVerified: z.boolean().optional(),
  likes: count,
  reposts: count,
  replies: count,
  replyTo: z.string().max(512).nullish(),
  episode: z.string().max(200).nullish(),
});

export type CheckedMention = Required<{ [K in keyof MentionInput]: Exclude<MentionInput[K], undefined> }>;

export type CheckResult = { ok: true; mention: CheckedMention } | { ok: false; reason: string };

export function checkMentionInput(item: unknown, now: number): CheckResult {
  const parsed = mentionInputSchema.safeParse(item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'item';
    return { ok: false, reason: `${where}: ${issue?.message ?? 'invalid'}` };
  }
  const m = parsed.data;
  if (m.publishedAt < EARLIEST || m.publishedAt > now + FUTURE_TOLERANCE_MS) {
    return { ok: false, reason: `publishedAt: ${m.publishedAt} is not a plausible time` };
  }
  // Lone surrogates and NULs from broken encoders would make SQLite and JSON disagree.
  // Direction overrides a post leaves open are closed at its end, so they cannot reorder what follows it.
  const text = closeDirectionControls(
    m.text
      .replace(/\u0000/g, '')
      .slice(0, MAX_TEXT_CHARS)
      .replace(LONE_SURROGATE, '\uFFFD'),
  );
  return {
    ok: true,
    mention: {
      externalId: m.externalId,
      platform: m.platform,
      text,
      publishedAt: Math.round(m.publishedAt),
      // The renderer applies the same rule before it makes a link: one definition of a safe URL.
      url: safeHttpUrl(m.url),
      lang: m.lang ?? null,
      authorHandle: closeDirectionControls(m.authorHandle.replace(LONE_SURROGATE, '\uFFFD')),
      authorName: m.authorName === null || m.authorName === undefined ? null : closeDirectionControls(m.authorName.replace(LONE_SURROGATE, '\uFFFD')),
      authorFollowers: m.authorFollowers ?? null,
      authorVerified: m.authorVerified ?? false,
      likes: m.likes ?? null,
      reposts: m.reposts ?? null,
      replies: m.replies ?? null,
      replyTo: m.replyTo ?? null,
      episode: m.episode ?? null,
    },
  };
}
