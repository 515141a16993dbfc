import { z } from 'zod';
import { parsePublicKey } from '../flow-install/keys.ts';

/**
 * The `flows` section of the config: where flow packages come from, where `kiosk24 flow
 * install` puts signed ones, and which vendor keys may sign which flows. Kept in its own file so
 * the rest of the config schema can change without touching the trust settings.
 */

const filePath = z.string().min(1).describe('a file or folder path');

const publicKeyAllowed = 'an Ed25519 public key: PEM, or one base64 line (SPKI or raw 32 bytes)';

/** A flow id, or an id prefix ending in "*" ("js-nanjing-*"), or "*" for every flow. */
const scopeEntry = z
  .string()
  .regex(/^(\*|[a-z][a-z0-9.-]{0,63}\*?)$/)
  .describe('a flow id such as js-nanjing-queue, a prefix such as js-nanjing-*, or *');

const trustedKey = z.strictObject({
  publicKey: z
    .string()
    .superRefine((value, ctx) => {
      try {
        parsePublicKey(value);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: (error as Error).message,
          params: { allowed: publicKeyAllowed },
        });
      }
    })
    .describe(publicKeyAllowed),
  scope: z.array(scopeEntry).min(1).describe('a list of flow ids or id prefixes ending in *'),
});

/** One trusted vendor key as the config holds it. */
export type TrustedKeySetting = z.output<typeof trustedKey>;

/** The zod schema of `flows`. */
export const flowsSettings = z.strictObject({
  directories: z.array(filePath).min(1).describe('a list of folder paths').default(['flows']),
  /** Where `kiosk24 flow install` keeps installed packages: <installDir>/<id>/<version>. */
  installDir: filePath.default('data/flows'),
  trustedKeys: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/)
        .describe('a key name of 1-64 letters, digits, ".", "_" or "-"'),
      trustedKey,
    )
    .default({}),
  /** When true, install also demands that the package passes `kiosk24 flow test`. */
  requireTest: z.boolean().describe('true or false').default(false),
});
