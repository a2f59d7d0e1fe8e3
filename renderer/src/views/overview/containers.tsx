/**
 * The overview's containers: each reads only the store slice its widget needs, so a delta to one
 * domain re-renders one widget.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { sentimentSplit } from '../../../../shared/logic/volume';
import { useRootFontPx } from '../../lib/use-root-font-px';
import { needsAttention, useAlertsStore } from '../../stores/alerts';
import { useAuthorsStore } from '../../stores/authors';
import { useClockStore } from '../../stores/clock';
import { useMentionsStore } from '../../stores/mentions';
import { useSourcesStore } from '../../stores/sources';
import { VOLUME_WINDOW_MINUTES, useVolumeStore } from '../../stores/volume';
import { AlertBanner } from '../../widgets/AlertBanner';
import { SentimentPanel } from '../../widgets/SentimentPanel';
import { SourceFreshness } from '../../widgets/SourceFreshness';
import { Ticker } from '../../widgets/Ticker';
import { TopAuthors } from '../../widgets/TopAuthors';
import { VolumeChart } from '../../widgets/VolumeChart';

const VOLUME_PERIOD = `last ${VOLUME_WINDOW_MINUTES} min`;

export function VolumeContainer() {
  const buckets = useVolumeStore((s) => s.buckets);
  const fontPx = useRootFontPx();
  return <VolumeChart buckets={buckets} periodLabel={VOLUME_PERIOD} fontPx={fontPx} />;
}

export function SentimentContainer() {
  const buckets = useVolumeStore((s) => s.buckets);
  const split = useMemo(() => sentimentSplit(buckets), [buckets]);
  return <SentimentPanel split={split} periodLabel={VOLUME_PERIOD} />;
}

export function TopAuthorsContainer() {
  const { authors, windowMinutes } = useAuthorsStore(useShallow((s) => ({ authors: s.authors, windowMinutes: s.windowMinutes })));
  return <TopAuthors authors={authors} periodLabel={`last ${windowMinutes} min`} />;
}

export function TickerContainer() {
  const mentions = useMentionsStore((s) => s.mentions);
  const now = useClockStore((s) => s.now);
  return <Ticker mentions={mentions} now={now} />;
}

export function AlertBannerContainer() {
  const all = useAlertsStore((s) => s.alerts);
  const open = useMemo(() => all.filter(needsAttention), [all]);
  const now = useClockStore((s) => s.now);
  return <AlertBanner alerts={open} now={now} />;
}

export function SourceFreshnessContainer() {
  const sources = useSourcesStore((s) => s.sources);
  const now = useClockStore((s) => s.now);
  return <SourceFreshness sources={sources} now={now} />;
}
