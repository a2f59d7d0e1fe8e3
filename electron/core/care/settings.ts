/** Care's settings, kept in the settings table under one key and read with defaults for what is missing. */
import { z } from 'zod';
import { DEFAULT_BUSINESS_HOURS, type CareSettings } from '@shared/domain/care';
import { DEFAULT_RESPONSE_TARGET_MINUTES } from '@shared/domain/waiting';
import { ApiError } from '../api/api-error';
import type { CareContext } from './care-context';

const SETTINGS_KEY = 'care.settings';

const settingsSchema = z.object({
  businessHours: z.object({
    days: z.array(z.number().int().min(0).max(6)).max(7),
    startHour: z.number().min(0).max(24),
    endHour: z.number().min(0).max(24),
    utcOffsetMinutes: z
      .number()
      .int()
      .min(-14 * 60)
      .max(14 * 60),
  }),
  responseTargetMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
  groupingWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 60),
  approvalTopicIds: z.array(z.number().int().positive()).max(500),
  leaderboard: z.boolean(),
  brandHandles: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(100)
        .transform((h) => h.replace(/^@+/, '').toLowerCase()),
    )
    .max(100),
  brandTerms: z
    .array(
      z
        .string()
        .trim()
        .min(2)
        .max(100)
        .transform((t) => t.toLowerCase()),
    )
    .max(100),
  bulkReplyIntervalMs: z.object({ mastodon: z.number().int().min(0).max(3_600_000), bluesky: z.number().int().min(0).max(3_600_000) }),
  survey: z.object({ kind: z.enum(['off', 'csat', 'nps']), templateId: z.number().int().positive().nullable(), windowDays: z.number().int().min(1).max(30) }),
});

/**
 * Spacing of bulk replies per platform, from each platform's documented posting limit: Mastodon
 * allows 300 statuses per account per 3 hours (36 s apart), Bluesky 1,666 record creations per
 * hour (about 2.2 s; 3 s leaves room for the agents' own replies). An instance with other limits
 * changes these in the care settings.
 */
export const DEFAULT_BULK_REPLY_INTERVAL_MS = { mastodon: 36_000, bluesky: 3_000 };

export const DEFAULT_CARE_SETTINGS: CareSettings = {
  businessHours: DEFAULT_BUSINESS_HOURS,
  responseTargetMinutes: DEFAULT_RESPONSE_TARGET_MINUTES,
  groupingWindowMinutes: 24 * 60,
  approvalTopicIds: [],
  leaderboard: false,
  brandHandles: [],
  brandTerms: [],
  bulkReplyIntervalMs: DEFAULT_BULK_REPLY_INTERVAL_MS,
  survey: { kind: 'off', templateId: null, windowDays: 7 },
};

export const careSettingsSchema = settingsSchema;

export function readCareSettings(ctx: Pick<CareContext, 'store' | 'logger'>): CareSettings {
  const parsed = settingsSchema.partial().safeParse(ctx.store.settings.get(SETTINGS_KEY) ?? {});
  if (!parsed.success) {
    ctx.logger.warn('care settings unreadable; using defaults', { error: parsed.error.issues[0]?.message });
    return DEFAULT_CARE_SETTINGS;
  }
  return { ...DEFAULT_CARE_SETTINGS, ...stripUndefined(parsed.data) };
}

export function saveCareSettings(ctx: Pick<CareContext, 'store' | 'logger'>, patch: Partial<CareSettings>): CareSettings {
  const next = { ...readCareSettings(ctx), ...stripUndefined(patch) };
  if (next.businessHours.endHour <= next.businessHours.startHour) throw new ApiError('bad-params', 'business hours: the end must be after the start');
  if (patch.survey && patch.survey.kind !== 'off') {
    // Checked on save so a misconfigured survey is refused here, not found out after the first resolve.
    const template = patch.survey.templateId === null ? null : ctx.store.care.template(patch.survey.templateId);
    if (!template)
      throw new ApiError(
        'bad-params',
        `survey.templateId: ${patch.survey.templateId === null ? 'a survey needs a template' : `template ${patch.survey.templateId} does not exist`}`,
      );
    if (!template.approvedBy) throw new ApiError('bad-params', `survey.templateId: template "${template.name}" is not approved yet`);
  }
  ctx.store.settings.set(SETTINGS_KEY, next);
  return next;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
