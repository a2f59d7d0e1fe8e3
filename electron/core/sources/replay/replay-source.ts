/**
 * Plays a recorded data set through the live pipeline, at its own pace times a speed factor or
 * as fast as the pipeline takes it. The cursor holds the next row and the replay's start, so a
 * restart continues the same schedule instead of starting over.
 */
import { z } from 'zod';
import type { MentionInput } from '@shared/domain/mention';
import { parseSourceConfig, type PollContext, type PollResult, type SourceAdapter } from '../adapter';
import { readReplayCsv, type ReplayRow } from './replay-rows';

export const replayConfigSchema = z
  .object({
    file: z.string().min(1),
    speed: z.union([z.number().positive().max(1_000_000), z.literal('max')]),
    timestamps: z.enum(['shifted', 'original']),
  })
  .strict();
export type ReplayConfig = z.infer<typeof replayConfigSchema>;

export const REPLAY_INTERVAL_MS = 1_000;
/** Rows per poll: large enough for speed, small enough that one transaction stays short. */
export const REPLAY_BATCH = 2_000;

const cursorSchema = z.object({ next: z.number().int().nonnegative(), startedAt: z.number() });

export class ReplaySource implements SourceAdapter {
  private rows: ReplayRow[] | null = null;

  constructor(
    readonly sourceId: string,
    readonly config: ReplayConfig,
  ) {}

  static fromJson(sourceId: string, json: string): ReplaySource {
    return new ReplaySource(sourceId, parseSourceConfig(replayConfigSchema, sourceId, json));
  }

  async poll({ cursor, now }: PollContext): Promise<PollResult> {
    const rows = this.load();
    const state = readCursor(cursor) ?? { next: 0, startedAt: now };
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (!first || !last || state.next >= rows.length) return { items: [], cursor: JSON.stringify(state), done: true };

    const { speed } = this.config;
    const items: MentionInput[] = [];
    let next = state.next;
    while (next < rows.length && items.length < REPLAY_BATCH) {
      const row = rows[next]!;
      if (speed !== 'max' && state.startedAt + (row.at - first.at) / speed > now) break;
      items.push(this.toMention(row, state.startedAt, first.at, last.at));
      next++;
    }
    const nextState = { next, startedAt: state.startedAt };
    return { items, cursor: JSON.stringify(nextState), done: next >= rows.length, moreAvailable: items.length === REPLAY_BATCH };
  }

  private toMention(row: ReplayRow, startedAt: number, firstAt: number, lastAt: number): MentionInput {
    return {
      externalId: row.id,
      platform: 'x',
      text: row.text,
      publishedAt: this.publishedAt(row.at, startedAt, firstAt, lastAt),
      url: null,
      lang: null,
      authorHandle: row.author,
      authorName: null,
      authorFollowers: null,
      reposts: row.reposts,
    };
  }

  /**
   * 'shifted' moves the data set into the present so walls show it live: paced replays map onto
   * their own schedule; an as-fast-as-possible replay is placed so its last post is "now".
   */
  private publishedAt(at: number, startedAt: number, firstAt: number, lastAt: number): number {
    if (this.config.timestamps === 'original') return at;
    if (this.config.speed === 'max') return startedAt - (lastAt - at);
    return Math.round(startedAt + (at - firstAt) / this.config.speed);
  }

  private load(): ReplayRow[] {
    this.rows ??= readReplayCsv(this.config.file).rows;
    return this.rows;
  }
}

function readCursor(cursor: string | null): { next: number; startedAt: number } | null {
  if (cursor === null) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(cursor));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
