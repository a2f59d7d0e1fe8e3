/**
 * Wall layouts, playlists and displays as documents: the zod schemas the core checks every saved
 * or imported document against, and the types both sides use. A layout is data (a grid and the
 * widgets on it with typed options), never code; its format is versioned so an exported file can
 * be read by a later Earshot.
 */
import { z } from 'zod';

export const WALL_LAYOUT_FORMAT = 'earshot.wall-layout';
export const WALL_LAYOUT_VERSION = 1;

/** Every widget a layout may place. The renderer's registry maps each to its component. */
export const WIDGET_TYPES = [
  'volume',
  'net-sentiment',
  'share-of-voice',
  'top-authors',
  'ticker',
  'alert-list',
  'incident-timeline',
  'source-health',
  'big-number',
  'clock',
  'word-cloud',
  'care-kpis',
  'emotion-mix',
  'stories',
] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

const minutes = z
  .number()
  .int()
  .min(5)
  .max(7 * 24 * 60);
const topicId = z.number().int().positive();
/** null: the layout's topic when it has one (a crisis layout), else every mention. */
const topicOrLayout = topicId.nullable();
const severity = z.enum(['info', 'warning', 'critical']);

/** Time zones are checked by the runtime's own list, so a typo is refused at import, not at 3 a.m. */
const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'not a known IANA time zone');

export const widgetOptionSchemas = {
  volume: z
    .object({
      minutes: minutes.default(60),
      /** Empty: all mentions, stacked by sentiment. Otherwise one series per topic. */
      topicIds: z.array(topicId).max(12).default([]),
      mode: z.enum(['stacked', 'compared']).default('stacked'),
    })
    .strict(),
  'net-sentiment': z.object({ minutes: minutes.default(60), topicId: topicOrLayout.default(null) }).strict(),
  'share-of-voice': z
    .object({
      minutes: minutes.default(60),
      /** Empty: every enabled brand and competitor topic. */
      topicIds: z.array(topicId).max(12).default([]),
    })
    .strict(),
  'top-authors': z
    .object({
      windowMinutes: z
        .number()
        .int()
        .min(5)
        .max(24 * 60)
        .default(15),
      limit: z.number().int().min(1).max(20).default(8),
    })
    .strict(),
  ticker: z.object({ topicId: topicOrLayout.default(null), sentiment: z.enum(['any', 'negative']).default('any') }).strict(),
  /** "What is driving it": the top stories of the last `windowMinutes` and the spike in plain words. */
  stories: z
    .object({
      topicId: topicOrLayout.default(null),
      windowMinutes: z
        .number()
        .int()
        .min(5)
        .max(24 * 60)
        .default(30),
      limit: z.number().int().min(1).max(10).default(4),
    })
    .strict(),
  'alert-list': z
    .object({ severities: z.array(severity).min(1).max(3).default(['info', 'warning', 'critical']), topicId: topicOrLayout.default(null) })
    .strict(),
  'incident-timeline': z.object({ hours: z.number().int().min(1).max(72).default(6) }).strict(),
  'source-health': z.object({}).strict(),
  'big-number': z
    .object({
      metric: z.enum(['mentions', 'negative', 'positive', 'reach']).default('mentions'),
      minutes: minutes.default(60),
      topicId: topicOrLayout.default(null),
      /** Thresholds on the number: at or above `warnAt` it turns amber, at `criticalAt` red (with a marker). */
      warnAt: z.number().min(0).nullable().default(null),
      criticalAt: z.number().min(0).nullable().default(null),
    })
    .strict(),
  clock: z.object({ zones: z.array(timeZone).min(1).max(6).default(['UTC']) }).strict(),
  'word-cloud': z
    .object({
      windowMinutes: z
        .number()
        .int()
        .min(5)
        .max(24 * 60)
        .default(60),
      limit: z.number().int().min(5).max(60).default(30),
      topicId: topicOrLayout.default(null),
    })
    .strict(),
  'care-kpis': z
    .object({
      hours: z
        .number()
        .int()
        .min(1)
        .max(7 * 24)
        .default(24),
    })
    .strict(),
  'emotion-mix': z.object({ minutes: minutes.default(60), topicId: topicOrLayout.default(null) }).strict(),
} as const satisfies Record<WidgetType, z.ZodType>;

export type WidgetOptions<T extends WidgetType> = z.output<(typeof widgetOptionSchemas)[T]>;

const widgetBase = {
  /** Unique inside its layout; names the widget in error messages and the editor. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, "-" or "_", at most 40'),
  title: z.string().trim().max(60).optional(),
  x: z.number().int().min(0).max(23),
  y: z.number().int().min(0).max(23),
  w: z.number().int().min(1).max(24),
  h: z.number().int().min(1).max(24),
};

export const wallWidgetSchema = z.discriminatedUnion('type', [
  z.object({ ...widgetBase, type: z.literal('volume'), options: widgetOptionSchemas.volume.default(widgetOptionSchemas.volume.parse({})) }).strict(),
  z
    .object({
      ...widgetBase,
      type: z.literal('net-sentiment'),
      options: widgetOptionSchemas['net-sentiment'].default(widgetOptionSchemas['net-sentiment'].parse({})),
    })
    .strict(),
  z
    .object({
      ...widgetBase,
      type: z.literal('share-of-voice'),
      options: widgetOptionSchemas['share-of-voice'].default(widgetOptionSchemas['share-of-voice'].parse({})),
    })
    .strict(),
  z
    .object({
      ...widgetBase,
      type: z.literal('top-authors'),
      options: widgetOptionSchemas['top-authors'].default(widgetOptionSchemas['top-authors'].parse({})),
    })
    .strict(),
  z.object({ ...widgetBase, type: z.literal('ticker'), options: widgetOptionSchemas.ticker.default(widgetOptionSchemas.ticker.parse({})) }).strict(),
  z
    .object({ ...widgetBase, type: z.literal('alert-list'), options: widgetOptionSchemas['alert-list'].default(widgetOptionSchemas['alert-list'].parse({})) })
    .strict(),
  z
    .object({
      ...widgetBase,
      type: z.literal('incident-timeline'),
      options: widgetOptionSchemas['incident-timeline'].default(widgetOptionSchemas['incident-timeline'].parse({})),
    })
    .strict(),
  z.object({ ...widgetBase, type: z.literal('source-health'), options: widgetOptionSchemas['source-health'].default({}) }).strict(),
  z
    .object({ ...widgetBase, type: z.literal('big-number'), options: widgetOptionSchemas['big-number'].default(widgetOptionSchemas['big-number'].parse({})) })
    .strict(),
  z.object({ ...widgetBase, type: z.literal('clock'), options: widgetOptionSchemas.clock.default(widgetOptionSchemas.clock.parse({})) }).strict(),
  z
    .object({ ...widgetBase, type: z.literal('word-cloud'), options: widgetOptionSchemas['word-cloud'].default(widgetOptionSchemas['word-cloud'].parse({})) })
    .strict(),
  z
    .object({ ...widgetBase, type: z.literal('care-kpis'), options: widgetOptionSchemas['care-kpis'].default(widgetOptionSchemas['care-kpis'].parse({})) })
    .strict(),
  z
    .object({
      ...widgetBase,
      type: z.literal('emotion-mix'),
      options: widgetOptionSchemas['emotion-mix'].default(widgetOptionSchemas['emotion-mix'].parse({})),
    })
    .strict(),
  z.object({ ...widgetBase, type: z.literal('stories'), options: widgetOptionSchemas.stories.default(widgetOptionSchemas.stories.parse({})) }).strict(),
]);

export type WallWidget = z.output<typeof wallWidgetSchema>;

export const wallLayoutDocSchema = z
  .object({
    format: z.literal(WALL_LAYOUT_FORMAT),
    version: z.literal(WALL_LAYOUT_VERSION),
    name: z.string().trim().min(1).max(80),
    /** The topic widgets with `topicId: null` follow; a takeover sets it to the alert's topic. */
    topicId: topicId.nullable().default(null),
    grid: z.object({ columns: z.number().int().min(1).max(24), rows: z.number().int().min(1).max(24) }).strict(),
    widgets: z.array(wallWidgetSchema).max(48),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.widgets.forEach((widget, index) => {
      if (seen.has(widget.id)) ctx.addIssue({ code: 'custom', path: ['widgets', index, 'id'], message: `"${widget.id}" is used by another widget` });
      seen.add(widget.id);
      if (widget.x + widget.w > doc.grid.columns) {
        ctx.addIssue({ code: 'custom', path: ['widgets', index, 'w'], message: `reaches column ${widget.x + widget.w} of a ${doc.grid.columns}-column grid` });
      }
      if (widget.y + widget.h > doc.grid.rows) {
        ctx.addIssue({ code: 'custom', path: ['widgets', index, 'h'], message: `reaches row ${widget.y + widget.h} of a ${doc.grid.rows}-row grid` });
      }
      for (let other = 0; other < index; other++) {
        const o = doc.widgets[other];
        if (o && overlaps(o, widget)) {
          ctx.addIssue({ code: 'custom', path: ['widgets', index], message: `overlaps widget "${o.id}"` });
          break;
        }
      }
    });
  });

export type WallLayoutDoc = z.output<typeof wallLayoutDocSchema>;
export type WallLayoutDocInput = z.input<typeof wallLayoutDocSchema>;

export interface GridRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function overlaps(a: GridRect, b: GridRect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** A stored layout: built-in ones ship with Earshot and can be duplicated but not changed. */
export interface StoredLayout {
  id: string;
  builtin: boolean;
  doc: WallLayoutDoc;
  updatedAt: number;
}

export const layoutIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a layout id is lower-case letters, digits, "-" or "_"');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24 h)');

export const playlistItemSchema = z
  .object({
    layoutId: layoutIdSchema,
    /** How long the page stays up, in seconds. */
    seconds: z
      .number()
      .int()
      .min(5)
      .max(24 * 60 * 60),
    /** Optional time-of-day window (display's local time); outside it the item is skipped. `to` may be past midnight. */
    from: hhmm.nullable().default(null),
    to: hhmm.nullable().default(null),
  })
  .strict()
  .refine((item) => (item.from === null) === (item.to === null), { message: 'give both "from" and "to", or neither', path: ['to'] });

export const playlistIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a playlist id is lower-case letters, digits, "-" or "_"');

export const playlistSchema = z
  .object({
    id: playlistIdSchema,
    name: z.string().trim().min(1).max(80),
    items: z.array(playlistItemSchema).min(1).max(50),
  })
  .strict();

export type Playlist = z.output<typeof playlistSchema>;
export type PlaylistItem = z.output<typeof playlistItemSchema>;

export const displayIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a display id is lower-case letters, digits, "-" or "_", at most 40');

export const WALL_THEMES = ['dark', 'light', 'high-contrast'] as const;
export type WallTheme = (typeof WALL_THEMES)[number];

export const displaySourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('layout'), layoutId: layoutIdSchema }).strict(),
  z.object({ kind: z.literal('playlist'), playlistId: playlistIdSchema }).strict(),
]);
export type DisplaySource = z.output<typeof displaySourceSchema>;

/** One wall: a monitor of the Electron shell or a browser on a TV (`#/wall?display=<id>`). */
export const displayConfigSchema = z
  .object({
    id: displayIdSchema,
    name: z.string().trim().min(1).max(80),
    /** Walls sharing a group can be driven together (pushes, takeover). */
    group: z.string().trim().max(40).default(''),
    source: displaySourceSchema,
    theme: z.enum(WALL_THEMES).default('dark'),
    /** Metres from the screen to the back of the room; type grows with it (3 m is the reference). */
    viewingDistance: z.number().min(1).max(15).default(3),
    /** For screens visitors or cameras see: aggregates only, no handles or avatars, personal data masked. */
    publicSafe: z.boolean().default(false),
    /** Content shifts a few pixels on a slow cycle and static chrome dims. */
    burnIn: z.boolean().default(true),
    /** A critical alert switches this wall to the crisis layout until acknowledged. */
    takeover: z.boolean().default(true),
    takeoverSound: z.boolean().default(false),
    /** The monitor this display is assigned to in the Electron shell (a stable monitor key), if any. */
    monitorKey: z.string().max(200).nullable().default(null),
  })
  .strict();
export type DisplayConfig = z.output<typeof displayConfigSchema>;

/** What an operator changed from the control view; cleared by "resume". */
export interface DisplayOverride {
  /** A layout pushed over the display's own source. */
  pushedLayoutId: string | null;
  /** The playlist holds its current page. */
  paused: boolean;
  /** The wall shows black (a "blank" screen, nothing else). */
  blanked: boolean;
}

export const NO_OVERRIDE: DisplayOverride = { pushedLayoutId: null, paused: false, blanked: false };

export interface WallDisplay {
  config: DisplayConfig;
  override: DisplayOverride;
  updatedAt: number;
}

/** What a wall reports it shows; the control view lists these. */
export const displayPageSchema = z
  .object({
    layoutId: layoutIdSchema.nullable(),
    layoutName: z.string().max(80).nullable(),
    playlistId: playlistIdSchema.nullable(),
    itemIndex: z.number().int().min(0).max(49).nullable(),
    /** When the current playlist page ends (epoch ms), null when it does not rotate. */
    nextAt: z.number().int().nullable(),
    takeoverAlertId: z.number().int().positive().nullable(),
    blanked: z.boolean(),
    paused: z.boolean(),
    viewport: z.object({ width: z.number().int().min(0).max(20000), height: z.number().int().min(0).max(20000) }).strict(),
  })
  .strict();
export type DisplayPage = z.output<typeof displayPageSchema>;

export interface DisplayStatus {
  displayId: string;
  page: DisplayPage;
  /** Server time of the wall's last report. */
  reportedAt: number;
  /** Reported within the last `DISPLAY_PRESENCE_MS`. */
  connected: boolean;
}

/** A wall re-reports at least this often; silent for twice as long, it is shown as disconnected. */
export const DISPLAY_REPORT_EVERY_MS = 10_000;
export const DISPLAY_PRESENCE_MS = 25_000;

export const displayCommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('push-layout'), layoutId: layoutIdSchema }).strict(),
  z.object({ kind: z.literal('resume') }).strict(),
  z.object({ kind: z.literal('pause') }).strict(),
  z.object({ kind: z.literal('unpause') }).strict(),
  z.object({ kind: z.literal('blank') }).strict(),
  z.object({ kind: z.literal('unblank') }).strict(),
]);
export type DisplayCommand = z.output<typeof displayCommandSchema>;

/** "reason at path" for the first few issues of a failed parse, for messages people read. */
export function describeSchemaIssues(error: z.ZodError, max = 3): string {
  return error.issues
    .slice(0, max)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(document)'}: ${issue.message}`)
    .join('; ');
}
