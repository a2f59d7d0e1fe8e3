import { z } from 'zod';
import { VIEWS, type WindowLayout } from '../domain/layout';

const rect = z
  .object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().min(200).max(20000),
    height: z.number().int().min(150).max(20000),
  })
  .strict();

export const windowLayoutSchema = z
  .object({
    version: z.literal(1),
    windows: z
      .array(
        z
          .object({
            view: z.enum(VIEWS),
            displayId: z.number().int().nullable(),
            fullscreen: z.boolean(),
            bounds: rect.nullable(),
            wall: z
              .string()
              .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/)
              .nullable()
              .optional(),
          })
          .strict(),
      )
      .min(1)
      .max(16),
  })
  .strict() satisfies z.ZodType<WindowLayout>;
