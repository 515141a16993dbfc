/**
 * The request bodies of the /sim routes, checked before a lever of the simulator is pulled.
 */
import { z } from 'zod';

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
