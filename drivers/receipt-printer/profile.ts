import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { assetPath } from '../../assets.ts';

/**
 * Printer capabilities as data, one JSON file per model under `profiles/`. Columns and
 * charset coverage differ between clones, so nothing here is a constant in code.
 */
const profileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and dashes'),
    name: z.string().min(1),
    dotsPerLine: z.number().int().min(128).max(2048),
    columns: z
      .object({
        fontA: z.number().int().min(8).max(128),
        fontB: z.number().int().min(8).max(160),
        cjk: z.number().int().min(4).max(64),
      })
      .strict(),
    cutter: z.boolean(),
    /** Whether the firmware prints GB18030/GBK text in FS & mode; false = CJK goes as raster. */
    chinese: z.boolean(),
    /** `gbk` refuses the 4-byte GB18030 range that most built-in fonts leave blank. */
    cjkCharset: z.enum(['gb18030', 'gbk']),
    autoStatusBack: z.boolean(),
    /** Rows per GS v 0 command; clones with small receive buffers need short bands. */
    rasterBandRows: z.number().int().min(8).max(4096),
  })
  .strict();

/** One printer model's capabilities, as validated from its profile file. */
export type ReceiptPrinterProfile = z.infer<typeof profileSchema>;

/** A profile file that is missing or invalid; names the file and the bad key. */
export class ReceiptProfileError extends Error {
  override readonly name = 'ReceiptProfileError';
  constructor(
    message: string,
    /** The profile file (or source label) that failed. */
    readonly file: string,
    /** The dotted key path inside the file, empty when the whole file is at fault. */
    readonly key: string,
  ) {
    super(message);
  }
}

/** Validates parsed profile JSON; `source` names the file in the error. */
function parseProfile(json: unknown, source: string): ReceiptPrinterProfile {
  const result = profileSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.path.map(String).join('.') ?? '';
  throw new ReceiptProfileError(
    `printer profile ${source}: key "${key || '(root)'}" is invalid: ${issue?.message ?? 'unknown problem'}. Fix the file; see drivers/receipt-printer/profiles/generic-80mm-203dpi.json for a valid example.`,
    source,
    key,
  );
}

/** Loads a profile from a JSON file path and checks it. */
export function loadProfileFile(path: string | URL): ReceiptPrinterProfile {
  const label = typeof path === 'string' ? path : path.pathname;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ReceiptProfileError(
      `printer profile ${label} cannot be read: ${(error as Error).message}. Check the profile name in the device config.`,
      label,
      '',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReceiptProfileError(
      `printer profile ${label} is not valid JSON: ${(error as Error).message}`,
      label,
      '',
    );
  }
  return parseProfile(json, label);
}

/** Loads one of the bundled profiles by id, e.g. `generic-80mm-203dpi`. */
export function loadProfile(id: string): ReceiptPrinterProfile {
  if (!/^[a-z0-9-]+$/.test(id)) {
    throw new ReceiptProfileError(
      `printer profile id ${JSON.stringify(id)} is not a profile name; use one of: ${listProfiles().join(', ')}`,
      id,
      '',
    );
  }
  const profile = loadProfileFile(assetPath('receiptProfiles', `${id}.json`));
  if (profile.id !== id) {
    throw new ReceiptProfileError(
      `printer profile ${id}.json declares id "${profile.id}"; the id must match the file name`,
      `${id}.json`,
      'id',
    );
  }
  return profile;
}

/** The ids of the bundled profiles. */
export function listProfiles(): string[] {
  return readdirSync(assetPath('receiptProfiles'))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}
