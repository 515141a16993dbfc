import { z } from 'zod';
import { MAX_VIEW_ROWS } from './outputs-platform.ts';

/**
 * The views of the bundle application capabilities (高效办成一件事). Nothing in them is personal:
 * item and material names are the platform's, the number is the kiosk's own.
 */

const text = z.string();
const rows = <T extends z.ZodType>(row: T) => z.array(row).max(MAX_VIEW_ROWS);

/** `application.check`: what the picked items need. */
export const applicationCheckViewSchema = z
  .object({
    bundleId: text,
    itemCount: z.number().int(),
    picked: rows(z.object({ id: text, title: text, titleEn: text }).strict()),
    needs: z.record(text, z.boolean()),
    choices: z.record(
      text,
      z.array(z.object({ value: text, label: text, labelEn: text }).strict()),
    ),
    missingCount: z.number().int(),
    missing: rows(
      z.object({ id: text, title: text, titleEn: text, forItems: text, forItemsEn: text }).strict(),
    ),
    heldCount: z.number().int(),
    alreadyHeld: rows(
      z.object({ materialId: text, title: text, titleEn: text, source: text }).strict(),
    ),
  })
  .strict();

/** `application.submit`: the kiosk-made number and whether the platform has it yet. */
export const applicationSubmitViewSchema = z
  .object({
    applicationNo: text,
    progressUrl: text,
    submittedAt: text,
    sent: z.boolean(),
  })
  .strict();
