import { z } from 'zod';
import type { ExchangeCall } from './exchange.ts';

/**
 * Help requests (帮办): a resident at the kiosk pressed "call staff". The request names the
 * terminal and the screen it stood on, so staff know where to walk and what the resident was
 * doing; it never names the resident.
 */

/** Why help was asked for; the kiosk itself may ask after a fault it cannot clear. */
export const HELP_REASONS = ['resident-asked', 'device-fault', 'stuck'] as const;

/** A screen or flow id as the kiosk's journal stores it. */
const screenIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'must be 1-64 letters, digits, dots, dashes or underscores',
  );

/** `POST /api/v1/help-requests` body. Strict: a stray field could carry personal data. */
export const helpRequestSchema = z.strictObject({
  kioskId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores'),
  screen: screenIdSchema,
  flowId: screenIdSchema.optional(),
  reason: z.enum(HELP_REASONS),
});
/** What the platform receives. */
export type HelpRequestBody = z.infer<typeof helpRequestSchema>;

/** What `PlatformClient.submitHelpRequest` takes; the kiosk id is the client's own. */
export interface HelpRequest {
  screen: string;
  flowId?: string;
  reason: (typeof HELP_REASONS)[number];
  /** Sent as `Idempotency-Key`: the platform opens one request however often it is resent. */
  idempotencyKey: string;
}

/** The platform's acknowledgement. */
export const helpReceiptSchema = z.object({ helpRequestId: z.string().min(1).max(64) });
/** The acknowledgement, typed. */
export type HelpReceipt = z.infer<typeof helpReceiptSchema>;

/** The exchange for one help request; always keyed, so a resend after a timeout is safe. */
export function helpRequestCall(
  request: HelpRequest,
  kioskId: string,
  signal?: AbortSignal,
): ExchangeCall<HelpReceipt> {
  const { idempotencyKey, ...fields } = request;
  return {
    operation: 'help.request',
    method: 'POST',
    path: 'api/v1/help-requests',
    body: { ...fields, kioskId },
    idempotencyKey,
    reply: helpReceiptSchema,
    retryOnce: true,
    signal,
  };
}
