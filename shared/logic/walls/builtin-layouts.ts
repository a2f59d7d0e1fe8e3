/**
 * The layouts Earshot ships with. They cannot be changed or deleted (a duplicate can), so a room
 * always has a working Overview and a Crisis page for takeovers.
 */
import {
  WALL_LAYOUT_FORMAT,
  WALL_LAYOUT_VERSION,
  wallLayoutDocSchema,
  type StoredLayout,
  type WallLayoutDoc,
  type WallLayoutDocInput,
} from '../../contract/wall-schema';

export const OVERVIEW_LAYOUT_ID = 'overview';
/** The layout a crisis takeover shows, with the alert's topic as the layout topic. */
export const CRISIS_LAYOUT_ID = 'crisis';
export const CARE_LAYOUT_ID = 'care';
export const SHARE_OF_VOICE_LAYOUT_ID = 'share-of-voice';

const base = { format: WALL_LAYOUT_FORMAT, version: WALL_LAYOUT_VERSION } as const;

const inputs: Record<string, WallLayoutDocInput> = {
  [OVERVIEW_LAYOUT_ID]: {
    ...base,
    name: 'Overview',
    grid: { columns: 12, rows: 9 },
    widgets: [
      { id: 'volume', type: 'volume', x: 0, y: 0, w: 8, h: 4, options: { minutes: 60 } },
      { id: 'ticker', type: 'ticker', x: 8, y: 0, w: 4, h: 8 },
      { id: 'sentiment', type: 'net-sentiment', x: 0, y: 4, w: 3, h: 4, options: { minutes: 60 } },
      { id: 'authors', type: 'top-authors', x: 3, y: 4, w: 5, h: 4 },
      { id: 'sources', type: 'source-health', x: 0, y: 8, w: 12, h: 1 },
    ],
  },
  [CRISIS_LAYOUT_ID]: {
    ...base,
    name: 'Crisis',
    // Ten rows: the big numbers get three (number, and how it compares with yesterday and last week,
    // must stay readable under the takeover band).
    grid: { columns: 12, rows: 10 },
    widgets: [
      { id: 'mentions', type: 'big-number', title: 'Mentions', x: 0, y: 0, w: 3, h: 3, options: { metric: 'mentions', minutes: 60 } },
      {
        id: 'negative',
        type: 'big-number',
        title: 'Negative',
        x: 3,
        y: 0,
        w: 3,
        h: 3,
        options: { metric: 'negative', minutes: 60, warnAt: 50, criticalAt: 200 },
      },
      { id: 'sentiment', type: 'net-sentiment', x: 6, y: 0, w: 3, h: 5, options: { minutes: 60 } },
      { id: 'alerts', type: 'alert-list', x: 9, y: 0, w: 3, h: 5, options: { severities: ['warning', 'critical'] } },
      { id: 'volume', type: 'volume', x: 0, y: 3, w: 6, h: 3, options: { minutes: 120 } },
      { id: 'timeline', type: 'incident-timeline', x: 0, y: 6, w: 3, h: 3, options: { hours: 6 } },
      { id: 'terms', type: 'word-cloud', x: 3, y: 6, w: 3, h: 3, options: { windowMinutes: 60 } },
      { id: 'stories', type: 'stories', x: 6, y: 5, w: 3, h: 4, options: { windowMinutes: 30 } },
      { id: 'ticker', type: 'ticker', x: 9, y: 5, w: 3, h: 4, options: { sentiment: 'negative' } },
      // During a crisis the room must see at once whether a source is down (a wall reading LIVE
      // with a feed failing under it would understate the crisis).
      { id: 'sources', type: 'source-health', x: 0, y: 9, w: 12, h: 1 },
    ],
  },
  [CARE_LAYOUT_ID]: {
    ...base,
    name: 'Care',
    grid: { columns: 12, rows: 8 },
    widgets: [
      { id: 'kpis', type: 'care-kpis', x: 0, y: 0, w: 6, h: 2, options: { hours: 24 } },
      { id: 'clock', type: 'clock', x: 6, y: 0, w: 6, h: 2, options: { zones: ['UTC', 'America/New_York', 'Europe/London', 'Asia/Singapore'] } },
      { id: 'ticker', type: 'ticker', x: 0, y: 2, w: 6, h: 6, options: { sentiment: 'negative' } },
      {
        id: 'negative',
        type: 'big-number',
        title: 'Complaints',
        x: 6,
        y: 2,
        w: 3,
        h: 3,
        options: { metric: 'negative', minutes: 60, warnAt: 50, criticalAt: 200 },
      },
      { id: 'alerts', type: 'alert-list', x: 9, y: 2, w: 3, h: 3 },
      { id: 'authors', type: 'top-authors', x: 6, y: 5, w: 6, h: 3 },
    ],
  },
  [SHARE_OF_VOICE_LAYOUT_ID]: {
    ...base,
    name: 'Share of voice',
    grid: { columns: 12, rows: 8 },
    widgets: [
      { id: 'share', type: 'share-of-voice', x: 0, y: 0, w: 4, h: 8, options: { minutes: 24 * 60 } },
      { id: 'volume', type: 'volume', x: 4, y: 0, w: 8, h: 5, options: { minutes: 180, mode: 'compared' } },
      { id: 'sentiment', type: 'net-sentiment', x: 4, y: 5, w: 4, h: 3, options: { minutes: 24 * 60 } },
      { id: 'mentions', type: 'big-number', title: 'Mentions today', x: 8, y: 5, w: 4, h: 3, options: { metric: 'mentions', minutes: 24 * 60 } },
    ],
  },
};

export const BUILTIN_LAYOUTS: readonly StoredLayout[] = Object.entries(inputs).map(([id, input]) => ({
  id,
  builtin: true,
  doc: wallLayoutDocSchema.parse(input),
  updatedAt: 0,
}));

export function builtinLayout(id: string): StoredLayout | undefined {
  return BUILTIN_LAYOUTS.find((layout) => layout.id === id);
}

/** The same layout about one topic: widgets whose topic is "the layout's" follow it. */
export function layoutForTopic(doc: WallLayoutDoc, topicId: number | null): WallLayoutDoc {
  return { ...doc, topicId };
}
