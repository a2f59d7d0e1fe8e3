/**
 * The window's time context: live, or replaying a recorded period of a workspace at a moment
 * `at`. It comes from the URL (`…?replay=<from>..<to>&at=<t>&ws=<id>` on any view) and from the
 * scrubber, and is written back to the URL so a reload or a copied link replays the same moment.
 */
import { create } from 'zustand';
import { workspaceIdSchema } from '@shared/contract/areas/review';
import { LIVE_WORKSPACE } from '@shared/domain/review';
import { clockActions } from '../stores/clock';

/**
 * In replay a query loads again when `at` moves, at most this often, one request at a time: at
 * 1000× the time moves 1000 s per real second, and the loads must not pile up.
 */
export const REPLAY_LOAD_GAP_MS = 300;

export const REPLAY_SPEEDS = [1, 10, 60, 300, 1000] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

export type TimeContext = { mode: 'live' } | { mode: 'replay'; workspace: string; from: number; to: number; at: number; playing: boolean; speed: ReplaySpeed };

export type ReplayContext = Extract<TimeContext, { mode: 'replay' }>;

const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);
/** review.timeline answers at most 31 days. */
export const MAX_REPLAY_SPAN_MS = 31 * 24 * 3_600_000;

/** `1424624400000` or an ISO time (`2015-02-22T17:00Z`) → epoch ms; null when unreadable. */
export function parseReplayTime(text: string | null | undefined): number | null {
  if (!text) return null;
  const trimmed = text.trim();
  const t = /^\d{10,14}$/.test(trimmed) ? Number(trimmed) : Date.parse(trimmed);
  return Number.isFinite(t) && t >= MIN_TIME && t <= MAX_TIME ? t : null;
}

/** Epoch ms → `2015-02-22T17:00:05Z` (seconds are enough for a link). */
export function formatReplayTime(t: number): string {
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The replay asked for by a URL's hash, or null when it asks for none (or an unreadable one). */
export function replayFromHash(hash: string): Omit<ReplayContext, 'playing' | 'speed'> | null {
  const q = hashParams(hash);
  const range = q.get('replay');
  if (!range) return null;
  const [a, b] = range.split('..');
  const from = parseReplayTime(a);
  const to = parseReplayTime(b);
  if (from === null || to === null || to <= from || to - from > MAX_REPLAY_SPAN_MS) return null;
  const ws = q.get('ws') ?? LIVE_WORKSPACE;
  const workspace = workspaceIdSchema.safeParse(ws).success ? ws : LIVE_WORKSPACE;
  const at = clamp(parseReplayTime(q.get('at')) ?? from, from, to);
  return { mode: 'replay', workspace, from, to, at };
}

/** The hash with the replay parameters of `ctx` set (or removed for live), other parameters kept. */
export function hashWithReplay(hash: string, ctx: TimeContext): string {
  const cut = hash.indexOf('?');
  const path = cut < 0 ? hash : hash.slice(0, cut);
  const q = hashParams(hash);
  q.delete('replay');
  q.delete('at');
  q.delete('ws');
  if (ctx.mode === 'replay') {
    q.set('replay', `${formatReplayTime(ctx.from)}..${formatReplayTime(ctx.to)}`);
    q.set('at', formatReplayTime(ctx.at));
    if (ctx.workspace !== LIVE_WORKSPACE) q.set('ws', ctx.workspace);
  }
  const query = q.toString().replace(/%3A/g, ':');
  return query ? `${path}?${query}` : path;
}

/** A link to `view` replaying `ctx` (for "open a wall in replay"). */
export function replayHash(view: string, ctx: Omit<ReplayContext, 'playing' | 'speed'>, extra: Record<string, string> = {}): string {
  const base = `#/${view}${Object.keys(extra).length > 0 ? `?${new URLSearchParams(extra).toString()}` : ''}`;
  return hashWithReplay(base, { ...ctx, playing: false, speed: 60 });
}

function hashParams(hash: string): URLSearchParams {
  const cut = hash.indexOf('?');
  return new URLSearchParams(cut < 0 ? '' : hash.slice(cut + 1));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

export const useTimeContext = create<TimeContext>()(() => ({ mode: 'live' }) as TimeContext);

export function isReplaying(): boolean {
  return useTimeContext.getState().mode === 'replay';
}

export function currentReplay(): ReplayContext | null {
  const s = useTimeContext.getState();
  return s.mode === 'replay' ? s : null;
}

/** Changes to the time context go through here, so the clock always shows the context's time. */
export const replayActions = {
  start(ctx: { workspace: string; from: number; to: number; at?: number; speed?: ReplaySpeed }): void {
    const at = clamp(ctx.at ?? ctx.from, ctx.from, ctx.to);
    useTimeContext.setState({ mode: 'replay', workspace: ctx.workspace, from: ctx.from, to: ctx.to, at, playing: false, speed: ctx.speed ?? 60 }, true);
    clockActions.set(at);
  },
  stop(): void {
    useTimeContext.setState({ mode: 'live' }, true);
  },
  seek(at: number): void {
    const s = currentReplay();
    if (!s) return;
    const next = clamp(Math.round(at), s.from, s.to);
    useTimeContext.setState({ ...s, at: next, playing: s.playing && next < s.to }, true);
    clockActions.set(next);
  },
  setPlaying(playing: boolean): void {
    const s = currentReplay();
    if (!s) return;
    // Play at the end starts over from the beginning.
    const at = playing && s.at >= s.to ? s.from : s.at;
    useTimeContext.setState({ ...s, at, playing }, true);
  },
  setSpeed(speed: ReplaySpeed): void {
    const s = currentReplay();
    if (s) useTimeContext.setState({ ...s, speed }, true);
  },
};
