/**
 * A crisis drill scenario as a document (version 1): timed waves of generated mentions with their
 * authors, sentiment mix, terms and text templates, influencer posts at set times, and the targets
 * the team's response is judged against. Built-ins ship in `resources/drills/`; users write their own.
 * Everything here is checked at the boundary (imports, saves, built-in files); errors name the JSON path.
 */
import { z } from 'zod';
import { PLATFORMS } from '../domain/mention';

export const DRILL_SCENARIO_VERSION = 1;
export const MAX_DRILL_MINUTES = 240;
/** A wave's rate is capped so a typo cannot flood the store (10/s per wave at most). */
export const MAX_WAVE_RATE_PER_MINUTE = 600;

const text = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'control characters are not allowed');

export const drillIdSchema = z
  .string()
  .min(1, 'an id is needed')
  .max(64, 'an id is at most 64 characters')
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'an id uses lower-case letters, digits and dashes');

const handle = z
  .string()
  .trim()
  .min(1, 'a handle is needed')
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, 'a handle uses letters, digits, _ . @ -');
const followers = z.number().int().min(0).max(1_000_000_000);

export const drillAuthorSchema = z
  .object({
    handle,
    name: text(100).optional(),
    followers,
    verified: z.boolean().default(false),
  })
  .strict();

/** A generated crowd: handles `<prefix><n>`, followers spread log-uniformly between min and max. */
export const drillCrowdSchema = z
  .object({
    size: z.number().int().min(1).max(100_000),
    handlePrefix: handle,
    followers: z
      .object({ min: followers, max: followers })
      .strict()
      .refine((f) => f.min <= f.max, { message: 'min must not exceed max', path: ['min'] }),
    verifiedShare: z.number().min(0).max(1).default(0),
  })
  .strict();

const templates = z.array(text(500).min(1, 'a template cannot be empty')).max(50);

export const drillWaveSchema = z
  .object({
    name: text(80).min(1, 'a wave needs a name'),
    /** Minutes after the drill starts (scenario time; a faster speed compresses it). */
    startMinute: z.number().min(0).max(MAX_DRILL_MINUTES),
    durationMinutes: z.number().min(0.1).max(MAX_DRILL_MINUTES),
    /** Mentions per minute at the start and at the end of the wave, ramped linearly. */
    rate: z.object({ start: z.number().min(0).max(MAX_WAVE_RATE_PER_MINUTE), end: z.number().min(0).max(MAX_WAVE_RATE_PER_MINUTE) }).strict(),
    platforms: z.array(z.enum(PLATFORMS)).min(1, 'at least one platform').max(PLATFORMS.length),
    authors: z
      .object({ named: z.array(drillAuthorSchema).max(200).default([]), crowd: drillCrowdSchema.nullable().default(null) })
      .strict()
      .refine((a) => a.named.length > 0 || a.crowd !== null, { message: 'a wave needs named authors or a crowd', path: ['named'] }),
    /** Relative weights of the tones; each tone with weight > 0 needs templates of that tone. */
    sentiment: z.object({ negative: z.number().min(0).max(100), neutral: z.number().min(0).max(100), positive: z.number().min(0).max(100) }).strict(),
    /** Filled into `{term}`; hashtags keep their `#`. */
    terms: z.array(text(80).min(1)).max(50).default([]),
    /** Placeholders: {term}, {brand}, {handle}, {n} (a number 2-99). */
    templates: z.object({ negative: templates.default([]), neutral: templates.default([]), positive: templates.default([]) }).strict(),
    /** Share of the wave's posts that reply to an earlier drill post (or to an influencer post). */
    replyShare: z.number().min(0).max(1).default(0),
  })
  .strict()
  .superRefine((w, ctx) => {
    for (const tone of ['negative', 'neutral', 'positive'] as const) {
      if (w.sentiment[tone] > 0 && w.templates[tone].length === 0) {
        ctx.addIssue({ code: 'custom', path: ['templates', tone], message: `${tone} has weight ${w.sentiment[tone]} but no templates` });
      }
    }
    if (w.sentiment.negative + w.sentiment.neutral + w.sentiment.positive <= 0) {
      ctx.addIssue({ code: 'custom', path: ['sentiment'], message: 'at least one tone needs a weight above 0' });
    }
    if ((w.templates.negative.length > 0 || w.templates.neutral.length > 0 || w.templates.positive.length > 0) && w.terms.length === 0) {
      const usesTerm = [...w.templates.negative, ...w.templates.neutral, ...w.templates.positive].some((t) => t.includes('{term}'));
      if (usesTerm) ctx.addIssue({ code: 'custom', path: ['terms'], message: 'templates use {term} but the wave has no terms' });
    }
  });

export const drillInfluencerPostSchema = z
  .object({
    atMinute: z.number().min(0).max(MAX_DRILL_MINUTES),
    platform: z.enum(PLATFORMS),
    author: drillAuthorSchema,
    text: text(2000).min(1, 'an influencer post needs text'),
    likes: z.number().int().min(0).max(100_000_000).default(0),
    reposts: z.number().int().min(0).max(100_000_000).default(0),
  })
  .strict();

export const drillTargetsSchema = z
  .object({
    /** Minutes (real time) from the first drill alert firing to its acknowledgement. */
    ackFirstAlertMinutes: z.number().min(0).max(1440),
    /** Median minutes (real time) from a drill conversation opening to its first reply. */
    firstResponseMinutes: z.number().min(0).max(1440),
    /** Share (0-1) of drill conversations answered before the drill ends. */
    respondedShare: z.number().min(0).max(1),
  })
  .strict();

export const drillScenarioSchema = z
  .object({
    version: z.literal(DRILL_SCENARIO_VERSION, { message: `version must be ${DRILL_SCENARIO_VERSION}` }),
    id: drillIdSchema,
    name: text(100).min(1, 'a scenario needs a name'),
    description: text(2000).default(''),
    /** Filled into `{brand}`. */
    brand: text(80).min(1).default('Kestrel Mobile'),
    durationMinutes: z.number().min(1).max(MAX_DRILL_MINUTES),
    /** After the last wave: minutes (scenario time) the drill stays up for the team to finish, then it ends itself. */
    graceMinutes: z.number().min(0).max(60).default(2),
    targets: drillTargetsSchema,
    waves: z.array(drillWaveSchema).min(1, 'a scenario needs at least one wave').max(20),
    influencerPosts: z.array(drillInfluencerPostSchema).max(20).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    s.waves.forEach((w, i) => {
      if (w.startMinute + w.durationMinutes > s.durationMinutes + 1e-9) {
        ctx.addIssue({
          code: 'custom',
          path: ['waves', i, 'durationMinutes'],
          message: `the wave ends at minute ${w.startMinute + w.durationMinutes}, after the drill (${s.durationMinutes} min)`,
        });
      }
    });
    s.influencerPosts.forEach((p, i) => {
      if (p.atMinute > s.durationMinutes)
        ctx.addIssue({
          code: 'custom',
          path: ['influencerPosts', i, 'atMinute'],
          message: `minute ${p.atMinute} is after the drill (${s.durationMinutes} min)`,
        });
    });
  });

export type DrillScenario = z.output<typeof drillScenarioSchema>;
export type DrillScenarioInput = z.input<typeof drillScenarioSchema>;
export type DrillWave = DrillScenario['waves'][number];
export type DrillAuthor = z.output<typeof drillAuthorSchema>;

export interface DrillSchemaError {
  /** JSON path like `waves[0].rate.start`; `(document)` for the whole thing. */
  path: string;
  message: string;
}

export type DrillParseResult = { ok: true; scenario: DrillScenario } | { ok: false; errors: DrillSchemaError[] };

export function jsonPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(document)';
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out === '' ? '' : '.'}${String(p)}`;
  return out;
}

/** Checks a parsed JSON value; every problem is reported with its path (at most 50). */
export function parseDrillScenario(value: unknown): DrillParseResult {
  const parsed = drillScenarioSchema.safeParse(value);
  if (parsed.success) return { ok: true, scenario: parsed.data };
  return { ok: false, errors: parsed.error.issues.slice(0, 50).map((i) => ({ path: jsonPath(i.path), message: i.message })) };
}

/** Checks JSON text: a syntax error is reported at `(document)` with the parser's message. */
export function parseDrillScenarioText(json: string): DrillParseResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [{ path: '(document)', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return parseDrillScenario(value);
}
