/**
 * Widget type → container, label and default size. A layout document names widgets by type; this
 * is the only place that knows which component draws each, so a new widget is one entry here and
 * one option schema in shared/contract/wall-schema.ts.
 */
import type { ComponentType } from 'react';
import type { WallWidget, WidgetOptions, WidgetType } from '@shared/contract/wall-schema';
import {
  AlertListWidget,
  BigNumberWidget,
  CareKpisWidget,
  WordCloudWidget,
  ClockWidget,
  EmotionMixWidget,
  IncidentTimelineWidget,
  NetSentimentWidget,
  ShareOfVoiceWidget,
  SourceHealthWidget,
  TickerWidget,
  TopAuthorsWidget,
  VolumeWidget,
} from './widget-containers';
import { DrivingStoriesWidget } from './stories-widget';

export interface WidgetDefinition {
  label: string;
  /** Cells a new widget of this type takes in the editor. */
  defaultSize: { w: number; h: number };
  Component: ComponentType<{ widget: WallWidget }>;
}

function wrap<T extends WidgetType>(
  Component: ComponentType<{ options: WidgetOptions<T>; title?: string | undefined }>,
): ComponentType<{ widget: WallWidget }> {
  return function Widget({ widget }: { widget: WallWidget }) {
    const props = { options: widget.options as WidgetOptions<T>, title: widget.title };
    return <Component {...props} />;
  };
}

export const WIDGETS: Record<WidgetType, WidgetDefinition> = {
  volume: { label: 'Volume over time', defaultSize: { w: 6, h: 3 }, Component: wrap<'volume'>(VolumeWidget) },
  'net-sentiment': { label: 'Net sentiment and trend', defaultSize: { w: 3, h: 3 }, Component: wrap<'net-sentiment'>(NetSentimentWidget) },
  'share-of-voice': { label: 'Share of voice', defaultSize: { w: 4, h: 4 }, Component: wrap<'share-of-voice'>(ShareOfVoiceWidget) },
  'top-authors': { label: 'Top authors by reach', defaultSize: { w: 4, h: 4 }, Component: wrap<'top-authors'>(TopAuthorsWidget) },
  ticker: { label: 'Live ticker', defaultSize: { w: 4, h: 6 }, Component: wrap<'ticker'>(TickerWidget) },
  'alert-list': { label: 'Alert list', defaultSize: { w: 4, h: 3 }, Component: wrap<'alert-list'>(AlertListWidget) },
  'incident-timeline': { label: 'Incident timeline', defaultSize: { w: 6, h: 3 }, Component: wrap<'incident-timeline'>(IncidentTimelineWidget) },
  'source-health': { label: 'Source health', defaultSize: { w: 12, h: 1 }, Component: wrap<'source-health'>(SourceHealthWidget) },
  'big-number': { label: 'Big number with sparkline', defaultSize: { w: 3, h: 2 }, Component: wrap<'big-number'>(BigNumberWidget) },
  clock: { label: 'Clocks (time zones)', defaultSize: { w: 4, h: 2 }, Component: wrap<'clock'>(ClockWidget) },
  'word-cloud': { label: 'Trending terms (word cloud)', defaultSize: { w: 4, h: 3 }, Component: wrap<'word-cloud'>(WordCloudWidget) },
  'care-kpis': { label: 'Care response-time KPIs', defaultSize: { w: 6, h: 2 }, Component: wrap<'care-kpis'>(CareKpisWidget) },
  'emotion-mix': { label: 'Emotion mix (anger, joy, optimism, sadness)', defaultSize: { w: 4, h: 3 }, Component: wrap<'emotion-mix'>(EmotionMixWidget) },
  stories: { label: 'What is driving it (top stories)', defaultSize: { w: 4, h: 4 }, Component: wrap<'stories'>(DrivingStoriesWidget) },
};
