/**
 * The same window a day and a week earlier, for "vs yesterday / last week" deltas: read from the
 * record as the room saw it then (`review.volume` at that moment), so a replay compares with the
 * days before the replayed moment.
 */
import type { MinuteBucket } from '@shared/domain/volume';
import { LIVE_WORKSPACE } from '@shared/domain/review';
import { useLive, type Live } from '../../../data/use-live';

const DAY_MS = 24 * 3_600_000;
/** The earlier window moves on with the clock; once a minute is as often as its minutes change. */
const REFRESH_MS = 60_000;

export interface EarlierWindows {
  yesterday: MinuteBucket[];
  lastWeek: MinuteBucket[];
}

export function useSameWindowEarlier(minutes: number, topicId: number | null): Live<EarlierWindows> {
  const load = async (call: (at: number) => Promise<MinuteBucket[]>, at: number): Promise<EarlierWindows> => {
    const [yesterday, lastWeek] = await Promise.all([call(at - DAY_MS), call(at - 7 * DAY_MS)]);
    return { yesterday, lastWeek };
  };
  return useLive<EarlierWindows>({
    key: `earlier:${minutes}:${topicId}`,
    load: (client) =>
      load(async (at) => (await client.call('review.volume', { workspace: LIVE_WORKSPACE, at: Math.round(at), minutes, topicId })).buckets, client.serverNow()),
    replay: (client, { workspace, at }) =>
      load(async (t) => (await client.call('review.volume', { workspace, at: Math.round(t), minutes, topicId })).buckets, at),
    refreshMs: REFRESH_MS,
  });
}
