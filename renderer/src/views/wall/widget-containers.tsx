/**
 * The wall's widget containers: each runs its own query for its typed options, turns the answer
 * into the props of a presentational widget, and shows how fresh it is.
 */
import { useMemo } from 'react';
import type { WidgetOptions } from '@shared/contract/wall-schema';
import type { MinuteBucket } from '@shared/domain/volume';
import { formatCompact, formatDuration } from '@shared/logic/format';
import { expectedBand, historyMinutesFor } from '@shared/logic/walls/expected-band';
import { effectiveTopic } from '@shared/logic/walls/layout-doc';
import { sentimentSplit } from '@shared/logic/volume';
import { MINUTE_MS } from '@shared/logic/time';
import { useRootFontPx } from '../../lib/use-root-font-px';
import { useClockStore } from '../../stores/clock';
import { AlertList } from '../../widgets/AlertList';
import { BigNumber, bigNumberLevel } from '../../widgets/BigNumber';
import { IncidentTimeline } from '../../widgets/IncidentTimeline';
import { NetSentimentTrend } from '../../widgets/NetSentimentTrend';
import { Panel } from '../../widgets/Panel';
import { ShareOfVoice } from '../../widgets/ShareOfVoice';
import { SourceFreshness } from '../../widgets/SourceFreshness';
import { Ticker } from '../../widgets/Ticker';
import { TopAuthors } from '../../widgets/TopAuthors';
import { TopicVolumeChart, type TopicSeries } from '../../widgets/TopicVolumeChart';
import { VolumeChart } from '../../widgets/VolumeChart';
import { WorldClock } from '../../widgets/WorldClock';
import { WordCloud } from '../../widgets/WordCloud';
import { CareResponse } from '../../widgets/CareResponse';
import { EmotionMix } from '../../widgets/EmotionMix';
import { EMOTIONS, type Emotion, type EmotionMinute } from '@shared/domain/emotion';
import { maskPersonalData } from '@shared/logic/walls/mask-personal-data';
import { useLive } from '../../data/use-live';
import type { TrendingTerm } from '@shared/domain/trends';
import type { CareKpis as CareKpisResult } from '@shared/contract/areas/care';
import { oncePerStory } from '@shared/logic/stories/once-per-story';
import { useSameWindowEarlier } from './data/use-same-hour';
import { useStoryIds } from './data/use-story-ids';
import { useOpenAlerts, useRecentMentions, useSources, useTopAuthors, useTopics, useTopicsVolume, useVolume } from './data/queries';
import { FreshnessBadge } from './FreshnessBadge';
import { useSafeText, useWallContext } from './wall-context';

const TOPIC_COLORS = ['#5aa8ff', '#ffb020', '#c084fc', '#2dd4bf', '#f472b6', '#a3e635', '#fb923c', '#94a3b8'];
const DASHES = ['', '8 4', '2 4', '10 4 2 4', '4 4', '1 3'];

export function periodLabel(minutes: number): string {
  return `last ${formatDuration(minutes * MINUTE_MS)}`;
}

function useTopicName(topicId: number | null): string | null {
  const topics = useTopics();
  if (topicId === null) return null;
  return topics.data?.find((t) => t.id === topicId)?.name ?? `topic ${topicId}`;
}

export function VolumeWidget({ options, title }: { options: WidgetOptions<'volume'>; title?: string | undefined }) {
  const { doc } = useWallContext();
  if (options.topicIds.length > 0) return <TopicsVolumeWidget options={options} />;
  return <SingleVolumeWidget minutes={options.minutes} topicId={doc.topicId} title={title} />;
}

function SingleVolumeWidget({ minutes, topicId, title }: { minutes: number; topicId: number | null; title?: string | undefined }) {
  // The minutes before the window too: each shown minute's expected range rests on its own baseline.
  const history = Math.min(historyMinutesFor(minutes), 7 * 24 * 60);
  const volume = useVolume(history, topicId);
  const fontPx = useRootFontPx();
  const topicName = useTopicName(topicId);
  const label = `${periodLabel(minutes)}${topicName ? ` · ${topicName}` : ''}`;
  void title;
  const { shown, expected } = useMemo(() => {
    const all = volume.data ?? [];
    return { shown: all.slice(-minutes), expected: expectedBand(all, minutes) };
  }, [volume.data, minutes]);
  return (
    <>
      <VolumeChart buckets={shown} periodLabel={label} fontPx={fontPx} expected={expected} />
      <FreshnessBadge updatedAt={volume.updatedAt} error={volume.error} />
    </>
  );
}

function TopicsVolumeWidget({ options }: { options: WidgetOptions<'volume'> }) {
  const volume = useTopicsVolume(options.minutes);
  const topics = useTopics();
  const fontPx = useRootFontPx();
  const now = useClockStore((s) => s.now);
  const { series, rows } = useMemo(() => {
    const chosen = options.topicIds;
    const series: TopicSeries[] = chosen.map((id, i) => {
      const topic = topics.data?.find((t) => t.id === id);
      return {
        topicId: id,
        name: topic?.name ?? `topic ${id}`,
        color: topic?.color ?? TOPIC_COLORS[i % TOPIC_COLORS.length]!,
        dash: DASHES[i % DASHES.length]!,
      };
    });
    const last = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const rows: Array<Record<string, number>> = [];
    const index = new Map<number, Record<string, number>>();
    for (let m = last - (options.minutes - 1) * MINUTE_MS; m <= last; m += MINUTE_MS) {
      const row: Record<string, number> = { minute: m };
      for (const id of chosen) row[String(id)] = 0;
      rows.push(row);
      index.set(m, row);
    }
    for (const b of volume.data ?? []) {
      const row = index.get(b.minute);
      if (row && chosen.includes(b.topicId)) row[String(b.topicId)] = b.total;
    }
    return { series, rows };
    // The minute changes once a minute; recomputing on every clock tick would be waste.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [volume.data, topics.data, options.topicIds, options.minutes, Math.floor(now / MINUTE_MS)]);
  return (
    <>
      <TopicVolumeChart series={series} rows={rows} mode={options.mode} periodLabel={periodLabel(options.minutes)} fontPx={fontPx} />
      <FreshnessBadge updatedAt={volume.updatedAt} error={volume.error} />
    </>
  );
}

/** Net per step of `step` minutes, oldest first. */
function netTrend(buckets: readonly MinuteBucket[], step: number): Array<number | null> {
  const out: Array<number | null> = [];
  for (let i = 0; i < buckets.length; i += step) out.push(sentimentSplit(buckets.slice(i, i + step)).net);
  return out;
}

export function NetSentimentWidget({ options, title }: { options: WidgetOptions<'net-sentiment'>; title?: string | undefined }) {
  const { doc } = useWallContext();
  const topicId = effectiveTopic(options.topicId, doc);
  // Twice the period: the second half is shown, the first is what the trend compares against.
  const volume = useVolume(Math.min(options.minutes * 2, 7 * 24 * 60), topicId);
  const topicName = useTopicName(topicId);
  const { split, previousNet, trend } = useMemo(() => {
    const buckets = volume.data ?? [];
    const current = buckets.slice(-options.minutes);
    const previous = buckets.slice(0, Math.max(0, buckets.length - options.minutes));
    return {
      split: sentimentSplit(current),
      previousNet: previous.length > 0 ? sentimentSplit(previous).net : null,
      trend: netTrend(current, Math.max(1, Math.round(options.minutes / 12))),
    };
  }, [volume.data, options.minutes]);
  return (
    <>
      <NetSentimentTrend
        split={split}
        previousNet={previousNet}
        trend={trend}
        periodLabel={`${periodLabel(options.minutes)}${topicName ? ` · ${topicName}` : ''}`}
        title={title}
      />
      <FreshnessBadge updatedAt={volume.updatedAt} error={volume.error} />
    </>
  );
}

export function ShareOfVoiceWidget({ options }: { options: WidgetOptions<'share-of-voice'> }) {
  const volume = useTopicsVolume(options.minutes);
  const topics = useTopics();
  const rows = useMemo(() => {
    const all = topics.data ?? [];
    const chosen =
      options.topicIds.length > 0
        ? all.filter((t) => options.topicIds.includes(t.id))
        : all.filter((t) => t.enabled && (t.kind === 'brand' || t.kind === 'competitor')).length > 0
          ? all.filter((t) => t.enabled && (t.kind === 'brand' || t.kind === 'competitor'))
          : all.filter((t) => t.enabled);
    const totals = new Map<number, number>();
    for (const b of volume.data ?? []) totals.set(b.topicId, (totals.get(b.topicId) ?? 0) + b.total);
    return chosen.map((t, i) => ({
      topicId: t.id,
      name: t.name,
      kind: t.kind,
      color: t.color ?? TOPIC_COLORS[i % TOPIC_COLORS.length]!,
      mentions: totals.get(t.id) ?? 0,
    }));
  }, [volume.data, topics.data, options.topicIds]);
  return (
    <>
      <ShareOfVoice rows={rows} periodLabel={periodLabel(options.minutes)} />
      <FreshnessBadge updatedAt={volume.updatedAt} error={volume.error ?? topics.error} />
    </>
  );
}

export function TopAuthorsWidget({ options }: { options: WidgetOptions<'top-authors'> }) {
  const { publicSafe } = useWallContext();
  const authors = useTopAuthors(options.windowMinutes, options.limit);
  const list = authors.data ?? [];
  return (
    <>
      {publicSafe ? (
        <Panel title="Top authors now" period={periodLabel(options.windowMinutes)} className="authors" testId="top-authors-public">
          <p className="wall-public-note">
            <strong>{list.length}</strong> high-reach authors posting, with <strong>{formatCompact(list.reduce((s, a) => s + a.followers, 0))}</strong>{' '}
            followers between them.
            <br />
            Names are hidden on this public screen.
          </p>
        </Panel>
      ) : (
        <TopAuthors authors={list} periodLabel={periodLabel(options.windowMinutes)} />
      )}
      <FreshnessBadge updatedAt={authors.updatedAt} error={authors.error} />
    </>
  );
}

export function TickerWidget({ options }: { options: WidgetOptions<'ticker'> }) {
  const { doc, publicSafe } = useWallContext();
  const topicId = effectiveTopic(options.topicId, doc);
  const mentions = useRecentMentions();
  const withStories = useStoryIds(mentions.data);
  const now = useClockStore((s) => s.now);
  const { shown, repeats } = useMemo(
    () =>
      oncePerStory(
        withStories.filter((m) => (topicId === null || m.topicIds.includes(topicId)) && (options.sentiment === 'any' || m.sentiment === 'negative')),
        30,
      ),
    [withStories, topicId, options.sentiment],
  );
  const label = `newest first${options.sentiment === 'negative' ? ' · negative only' : ''}`;
  return (
    <>
      <Ticker mentions={shown} now={now} publicSafe={publicSafe} periodLabel={label} repeats={repeats} />
      <FreshnessBadge updatedAt={mentions.updatedAt} error={mentions.error} />
    </>
  );
}

export function AlertListWidget({ options }: { options: WidgetOptions<'alert-list'> }) {
  const { doc } = useWallContext();
  const topicId = effectiveTopic(options.topicId, doc);
  const alerts = useOpenAlerts();
  const now = useClockStore((s) => s.now);
  const text = useSafeText();
  const shown = useMemo(
    () =>
      (alerts.data ?? []).filter(
        (a) => a.resolvedAt === null && options.severities.includes(a.severity) && (topicId === null || a.topicId === topicId || a.topicId === null),
      ),
    [alerts.data, options.severities, topicId],
  );
  return (
    <>
      <AlertList alerts={shown} now={now} periodLabel="open now" text={text} />
      <FreshnessBadge updatedAt={alerts.updatedAt} error={alerts.error} />
    </>
  );
}

export function IncidentTimelineWidget({ options }: { options: WidgetOptions<'incident-timeline'> }) {
  const alerts = useOpenAlerts();
  const now = useClockStore((s) => s.now);
  const text = useSafeText();
  const shown = useMemo(() => (alerts.data ?? []).filter((a) => (a.resolvedAt ?? now) >= now - options.hours * 3_600_000), [alerts.data, now, options.hours]);
  return (
    <>
      <IncidentTimeline alerts={shown} now={now} hours={options.hours} text={text} />
      <FreshnessBadge updatedAt={alerts.updatedAt} error={alerts.error} />
    </>
  );
}

export function SourceHealthWidget() {
  const sources = useSources();
  const now = useClockStore((s) => s.now);
  return (
    <>
      <SourceFreshness sources={sources.data ?? []} now={now} />
      <FreshnessBadge updatedAt={sources.updatedAt} error={sources.error} />
    </>
  );
}

const METRIC_TITLE: Record<WidgetOptions<'big-number'>['metric'], string> = {
  mentions: 'Mentions',
  negative: 'Negative mentions',
  positive: 'Positive mentions',
  reach: 'Potential reach',
};

export function BigNumberWidget({ options, title }: { options: WidgetOptions<'big-number'>; title?: string | undefined }) {
  const { doc } = useWallContext();
  const topicId = effectiveTopic(options.topicId, doc);
  const volume = useVolume(options.minutes, topicId);
  const earlierWindows = useSameWindowEarlier(options.minutes, topicId);
  const topicName = useTopicName(topicId);
  const { value, series } = useMemo(() => {
    const buckets = volume.data;
    if (!buckets) return { value: null, series: [] as number[] };
    const pick = (b: MinuteBucket) => (options.metric === 'mentions' ? b.total : b[options.metric]);
    const perMinute = buckets.map(pick);
    // At most ~60 points: a sparkline of 1,440 minutes is noise.
    const step = Math.max(1, Math.ceil(perMinute.length / 60));
    const series: number[] = [];
    for (let i = 0; i < perMinute.length; i += step) series.push(perMinute.slice(i, i + step).reduce((s, v) => s + v, 0));
    return { value: perMinute.reduce((s, v) => s + v, 0), series };
  }, [volume.data, options.metric]);
  const earlier = useMemo(() => {
    const e = earlierWindows.data;
    if (!e) return [];
    const total = (buckets: readonly MinuteBucket[]) => buckets.reduce((s, b) => s + (options.metric === 'mentions' ? b.total : b[options.metric]), 0);
    // The same window a day and a week earlier (the same hour, for an hour's window).
    return [
      { label: 'yesterday', value: total(e.yesterday) },
      { label: 'last week', value: total(e.lastWeek) },
    ];
  }, [earlierWindows.data, options.metric]);
  return (
    <>
      <BigNumber
        title={title ?? METRIC_TITLE[options.metric]}
        value={value}
        series={series}
        level={bigNumberLevel(value, options.warnAt, options.criticalAt)}
        periodLabel={`${periodLabel(options.minutes)}${topicName ? ` · ${topicName}` : ''}`}
        earlier={earlier}
      />
      <FreshnessBadge updatedAt={volume.updatedAt} error={volume.error} />
    </>
  );
}

export function ClockWidget({ options }: { options: WidgetOptions<'clock'> }) {
  const now = useClockStore((s) => s.now);
  return (
    <>
      <WorldClock now={now} zones={options.zones} />
      <FreshnessBadge updatedAt={now} />
    </>
  );
}

export function WordCloudWidget({ options }: { options: WidgetOptions<'word-cloud'> }) {
  const { doc, publicSafe } = useWallContext();
  const topicId = effectiveTopic(options.topicId, doc);
  const trends = useLive<TrendingTerm[]>({
    key: `trends:${topicId}:${options.windowMinutes}:${options.limit}`,
    load: async (client) => (await client.call('trends.terms', { topicId, windowMinutes: options.windowMinutes, limit: options.limit })).terms,
    replay: async (client, { workspace, at }) =>
      (await client.call('review.trends', { workspace, at, topicId, windowMinutes: options.windowMinutes, limit: options.limit })).terms,
    refreshMs: 30_000,
  });
  // On a public screen a trending @handle is personal data: it is left out, not shown masked.
  const terms = useMemo(() => (trends.data ?? []).filter((t) => !publicSafe || maskPersonalData(t.term) === t.term), [trends.data, publicSafe]);
  return (
    <>
      <WordCloud terms={terms} periodLabel={periodLabel(options.windowMinutes)} />
      <FreshnessBadge updatedAt={trends.updatedAt} error={trends.error} />
    </>
  );
}

export function EmotionMixWidget({ options, title }: { options: WidgetOptions<'emotion-mix'>; title?: string | undefined }) {
  const { doc } = useWallContext();
  const topicId = effectiveTopic(options.topicId, doc);
  const topicName = useTopicName(topicId);
  // Twice the period: the first half is what a rise is measured against.
  const span = Math.min(options.minutes * 2, 7 * 24 * 60);
  const minutes = useLive<EmotionMinute[]>({
    key: `emotions:${topicId}:${span}`,
    load: async (client) => (await client.call('emotions.minutes', { topicId, minutes: span })).minutes,
    replay: async (client, { workspace, at }) => (await client.call('review.emotions', { workspace, at, topicId, minutes: span })).minutes,
    refreshMs: 30_000,
  });
  const { counts, previous } = useMemo(() => {
    const rows = minutes.data ?? [];
    const last = rows.reduce((max, r) => Math.max(max, r.minute), 0);
    const cut = last - (options.minutes - 1) * MINUTE_MS;
    const sum = (keep: (minute: number) => boolean): Record<Emotion, number> => {
      const out = { anger: 0, joy: 0, optimism: 0, sadness: 0 };
      for (const r of rows) if (keep(r.minute)) for (const e of EMOTIONS) out[e] += r[e];
      return out;
    };
    const before = sum((m) => m < cut);
    const hasBefore = EMOTIONS.some((e) => before[e] > 0);
    return { counts: sum((m) => m >= cut), previous: hasBefore ? before : null };
  }, [minutes.data, options.minutes]);
  return (
    <>
      <EmotionMix counts={counts} previous={previous} title={title} periodLabel={`${periodLabel(options.minutes)}${topicName ? ` · ${topicName}` : ''}`} />
      <FreshnessBadge updatedAt={minutes.updatedAt} error={minutes.error} />
    </>
  );
}

export function CareKpisWidget({ options }: { options: WidgetOptions<'care-kpis'> }) {
  const kpis = useLive<CareKpisResult>({
    key: `care-kpis:${options.hours}`,
    load: async (client) => {
      const to = client.serverNow();
      return client.call('care.kpis', { from: to - options.hours * 3_600_000, to });
    },
    replay: (client, { workspace, at }) => client.call('review.careKpis', { workspace, at, hours: options.hours }),
    refreshMs: 30_000,
  });
  const k = kpis.data;
  return (
    <>
      <CareResponse
        periodLabel={`last ${options.hours} h`}
        firstResponseMedianMin={k?.firstResponse.all.median ?? null}
        firstResponseP90Min={k?.firstResponse.all.p90 ?? null}
        openQueue={k?.backlog.open ?? 0}
        oldestWaitingMin={k?.backlog.oldestAgeMinutes ?? null}
        breaches={k?.breaches.count ?? 0}
        breachesOf={k?.breaches.of ?? 0}
        targetMinutes={k?.breaches.targetMinutes ?? 0}
        conversations={k?.conversations ?? 0}
      />
      <FreshnessBadge updatedAt={kpis.updatedAt} error={kpis.error} />
    </>
  );
}
