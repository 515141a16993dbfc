import { z } from 'zod';

/**
 * Config sections for what every screen and the attract screen show about the terminal itself:
 * help (帮办) and the hall the terminal stands in. Kept apart from schema.ts so it stays small.
 */

/**
 * Longest remote-help URL: the QR that carries it must stay readable from a phone held at arm's
 * length, and 200 characters still fit a version-10 code at the size the screen draws it.
 */
export const MAX_REMOTE_HELP_URL_LENGTH = 200;

const httpsUrl = z
  .string()
  .max(MAX_REMOTE_HELP_URL_LENGTH)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'is not allowed')
  .describe(
    `an https:// URL of at most ${MAX_REMOTE_HELP_URL_LENGTH} characters, without a user name`,
  );

/** `help.*`: the hotline and the remote-help page offered on every screen. */
export const helpSettings = z
  .strictObject({
    hotline: z
      .string()
      .regex(/^[0-9][0-9-]{2,19}$/)
      .describe('a phone number of 3-20 digits or dashes, e.g. 12345')
      .default('12345'),
    remoteUrl: httpsUrl.default('https://remote-help.example.com/kiosk'),
  })
  .prefault({});

/** Opening hours as `HH:MM-HH:MM` (24-hour clock); `24:00` may end the day. */
const hours = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/)
  .describe('opening hours as HH:MM-HH:MM, e.g. 08:30-20:00 (00:00-24:00 for all day)');

/** `kiosk.*`: what the attract screen says about where the terminal stands. */
export const kioskInfoSettings = z
  .strictObject({
    hallName: z.string().min(1).max(80).describe('a display name of 1-80 characters').optional(),
    hours: hours.optional(),
  })
  .prefault({});
