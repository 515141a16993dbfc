/**
 * The request bodies of the /sim routes, checked before a lever of the simulator is pulled.
 */
import { z } from 'zod';
import { DOWN_KINDS, FAULT_KINDS } from '../core/platform/sandbox/faults.ts';

/** Body of `POST /sim/card/insert`. */
export const insertCardBody = z.strictObject({
  profile: z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
});

/** Body of `POST /sim/resident-code`: whose phone code to show, and whether it has expired. */
export const residentCodeBody = z.strictObject({
  profile: z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
  expired: z.boolean('must be true or false').optional(),
});

/** Body of `POST /sim/scan`; the limit is well above any real QR payload a scanner returns. */
export const scanBody = z.strictObject({
  text: z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters'),
});

/** Body of `POST /sim/paper`: each printer has its own paper states. */
export const paperBody = z.discriminatedUnion('printer', [
  z.strictObject({ printer: z.literal('receipt'), state: z.enum(['ok', 'near-end', 'out']) }),
  z.strictObject({ printer: z.literal('document'), state: z.enum(['ok', 'low', 'out']) }),
]);

/** Body of `POST /sim/fault`; which fault names exist is the simulator's business. */
export const faultBody = z.strictObject({
  device: z.enum(['idcard', 'receipt', 'document', 'platform']),
  fault: z
    .string()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'must be a fault name such as "paper-jam" or "none"'),
});

/**
 * Body of `POST /sim/platform`: the sandbox platform's faults. `down` keeps it away until
 * `down: null`; `delayMs` slows every reply; `failNext` fails the next `count` requests;
 * `clear` first removes every fault. At least one field is needed.
 */
export const platformBody = z
  .strictObject({
    clear: z.literal(true, 'must be true (leave it out to keep the current faults)').optional(),
    down: z
      .enum(DOWN_KINDS, `must be one of ${DOWN_KINDS.join(', ')}, or null to come back`)
      .nullable()
      .optional(),
    delayMs: z
      .number('must be a number of milliseconds')
      .int('must be a whole number of milliseconds')
      .min(0, 'must be 0 or more')
      .max(120_000, 'must be at most 120000 (two minutes)')
      .optional(),
    failNext: z.enum(FAULT_KINDS, `must be one of ${FAULT_KINDS.join(', ')}`).optional(),
    count: z
      .number('must be a number of requests')
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1000, 'must be at most 1000')
      .optional(),
  })
  .superRefine((body, ctx) => {
    if (Object.keys(body).length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'name at least one of clear, down, delayMs, failNext',
      });
    } else if (body.count !== undefined && body.failNext === undefined) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'needs "failNext" as well' });
    }
  });

/** Body of `POST /sim/card/remove`: nothing, or an empty object. */
export const emptyBody = z.strictObject({});

/** Turns a zod failure into one sentence that names the bad field and what it needs. */
export function describeBodyError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'the request body is not valid';
  if (issue.code === 'unrecognized_keys') {
    return `unexpected field ${issue.keys.map((key) => `"${key}"`).join(', ')}: remove it`;
  }
  const field = issue.path.map(String).join('.');
  const message = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  return field.length > 0 ? `field "${field}": ${message}` : `the request body: ${message}`;
}
