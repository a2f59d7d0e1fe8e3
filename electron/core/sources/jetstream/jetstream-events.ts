/**
 * Bluesky Jetstream's JSON events (github.com/bluesky-social/jetstream): every event has the
 * author's `did`, a `time_us` cursor and a `kind`:
 * - `commit`: a repository write, `commit.operation` create / update / delete of a record in
 *   `commit.collection` with key `commit.rkey`; creates and updates carry the `record`
 *   (for `app.bsky.feed.post`: `text`, `createdAt`, `langs`, `reply.parent.uri`).
 * - `identity`: a did's handle changed (`identity.handle`).
 * - `account`: an account was (de)activated.
 * This module turns one frame into what the stream does with it; it never throws.
 */
import { z } from 'zod';
import type { MentionInput } from '@shared/domain/mention';
import type { KeywordMatcher } from '../streams/keywords';

export const POST_COLLECTION = 'app.bsky.feed.post';

const envelope = z.object({
  did: z.string().min(1).max(2048),
  time_us: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  kind: z.string(),
});

const commitHead = z.object({
  operation: z.enum(['create', 'update', 'delete']),
  collection: z.string().max(512),
  rkey: z.string().min(1).max(512),
});

const postRecord = z.object({
  text: z.string(),
  createdAt: z.string().max(64).optional(),
  langs: z.array(z.string().max(35)).max(10).optional(),
  reply: z
    .object({
      parent: z
        .object({ uri: z.string().max(2048) })
        .partial()
        .optional(),
    })
    .partial()
    .optional(),
});

const identity = z.object({ handle: z.string().min(1).max(256).optional() });

export type JetstreamFrame =
  { kind: 'post'; position: number; mention: MentionInput } | { kind: 'skip'; position: number; why: string } | { kind: 'malformed'; reason: string };

export interface FrameContext {
  matches: KeywordMatcher;
  /** Wanted languages (lower case); empty means any. */
  languages: readonly string[];
  /** Handles learned from identity events, by did; bounded by the caller. */
  handles: Map<string, string>;
}

/** A post's own `createdAt` is written by its client; beyond this past the relay's clock it is not believed. */
const CLOCK_SKEW_MS = 10 * 60_000;

export function readJetstreamFrame(data: string, context: FrameContext): JetstreamFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return { kind: 'malformed', reason: `not JSON (${data.length} bytes starting ${JSON.stringify(data.slice(0, 40))})` };
  }
  const head = envelope.safeParse(raw);
  if (!head.success) {
    const issue = head.error.issues[0];
    return { kind: 'malformed', reason: `${issue?.path.join('.') || 'event'}: ${issue?.message ?? 'invalid'}` };
  }
  const { did, time_us: position, kind } = head.data;
  const event = raw as Record<string, unknown>;

  if (kind === 'identity') {
    const id = identity.safeParse(event.identity);
    if (id.success && id.data.handle) context.handles.set(did, id.data.handle);
    return { kind: 'skip', position, why: 'identity' };
  }
  if (kind !== 'commit') return { kind: 'skip', position, why: kind };

  const commit = commitHead.safeParse(event.commit);
  if (!commit.success) {
    const issue = commit.error.issues[0];
    return { kind: 'malformed', reason: `commit.${issue?.path.join('.') || ''}: ${issue?.message ?? 'invalid'} (time_us ${position})` };
  }
  const { operation, collection, rkey } = commit.data;
  if (collection !== POST_COLLECTION) return { kind: 'skip', position, why: collection };
  if (operation !== 'create') return { kind: 'skip', position, why: `post ${operation}` };
  const rawRecord = (event.commit as Record<string, unknown>).record;
  if (rawRecord === undefined) return { kind: 'malformed', reason: `commit.record: missing on a post create (time_us ${position})` };
  const parsedRecord = postRecord.safeParse(rawRecord);
  if (!parsedRecord.success) {
    const issue = parsedRecord.error.issues[0];
    return { kind: 'malformed', reason: `commit.record.${issue?.path.join('.') || ''}: ${issue?.message ?? 'invalid'} (time_us ${position})` };
  }
  const record = parsedRecord.data;
  if (!context.matches(record.text)) return { kind: 'skip', position, why: 'no keyword' };
  const lang = record.langs?.[0]?.toLowerCase() ?? null;
  if (context.languages.length > 0 && !(record.langs ?? []).some((l) => context.languages.includes(l.toLowerCase()))) {
    return { kind: 'skip', position, why: 'language' };
  }

  const relayMs = Math.floor(position / 1000);
  const claimed = record.createdAt ? Date.parse(record.createdAt) : NaN;
  const publishedAt = Number.isFinite(claimed) && claimed <= relayMs + CLOCK_SKEW_MS ? claimed : relayMs;
  return {
    kind: 'post',
    position,
    mention: {
      externalId: `at://${did}/${POST_COLLECTION}/${rkey}`,
      platform: 'bluesky',
      text: record.text,
      publishedAt,
      url: `https://bsky.app/profile/${encodeURIComponent(did)}/post/${encodeURIComponent(rkey)}`,
      lang,
      authorHandle: context.handles.get(did) ?? did,
      authorName: null,
      authorFollowers: null,
      replyTo: record.reply?.parent?.uri ?? null,
    },
  };
}
