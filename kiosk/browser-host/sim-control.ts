import { z } from 'zod';
import type { DeviceState } from '../../drivers/device/model.ts';

/** Receipt paper as the simulator can set it. */
export type ReceiptPaperState = 'ok' | 'near-end' | 'out';

/** A4 paper as the simulator can set it. */
export type DocumentPaperState = 'ok' | 'low' | 'out';

/** The devices a simulated fault can be injected into. */
export type FaultTarget = 'idcard' | 'receipt' | 'document' | 'platform';

/** What the simulated kiosk looks like right now, for the technician's panel and tests. */
export interface SimulatorState {
  /** The fictional ID cards that can be inserted. */
  cards: { id: string; label: string }[];
  /** The profile id of the card in the reader, or null. */
  insertedCard: string | null;
  receiptPaper: ReceiptPaperState;
  documentPaper: DocumentPaperState;
  devices: DeviceState[];
}

/**
 * The levers of the simulated devices, served by the browser host under /sim so a person
 * or a test can play the resident's part (insert a card, show a QR code) and the
 * technician's (paper out, reader fault). A failed call rejects with a message for people.
 */
export interface SimulatorControl {
  state(): Promise<SimulatorState>;
  insertCard(profileId: string): Promise<void>;
  removeCard(): Promise<void>;
  scanCode(text: string): Promise<void>;
  /**
   * Shows the simulated QR scanner the phone resident code (居民码) of a seeded person, as
   * the embedded sandbox platform issues it; `expired` asks for one already past its expiry.
   */
  showResidentCode(profileId: string, options: { expired?: boolean }): Promise<void>;
  setPaper(printer: 'receipt' | 'document', state: string): Promise<void>;
  fault(device: FaultTarget, fault: string): Promise<void>;
}

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
