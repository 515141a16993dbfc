/**
 * The two ways a certificate can be refused before a single PDF byte is produced: the template
 * itself is wrong (a vendor's or developer's mistake) or the data for it is (a platform or
 * flow mistake). Both name the exact place, so the fix is obvious from the message alone.
 */

/** A template that does not follow the certificate template format. */
export class CertificateTemplateError extends Error {
  override readonly name = 'CertificateTemplateError';
  /** Path inside the template JSON, e.g. `body[2].columns[0].value`. */
  readonly path: string;
  /** The template's id when it could be read, else `(unnamed)`. */
  readonly template: string;

  constructor(template: string, path: string, problem: string) {
    super(`certificate template "${template}": ${path || '(root)'}: ${problem}`);
    this.template = template;
    this.path = path;
  }
}

/** What exactly is wrong with one data field; callers branch on these flags. */
export interface CertificateDataFlags {
  /** The field is required and absent (or null). */
  missing?: boolean;
  /** The value has the wrong type or format (e.g. a string where money is expected). */
  wrongType?: boolean;
  /** The embedded font cannot draw a character of the value. */
  glyphMissing?: boolean;
  /** The value holds an unmasked 18-digit ID number; certificates only print masked ones. */
  unmaskedIdNumber?: boolean;
}

/** Data that cannot be printed with the template it was given. */
export class CertificateDataError extends Error implements Required<CertificateDataFlags> {
  override readonly name = 'CertificateDataError';
  /** The template field at fault, with row index for table rows: `payments[3].base`. */
  readonly field: string;
  readonly missing: boolean;
  readonly wrongType: boolean;
  readonly glyphMissing: boolean;
  readonly unmaskedIdNumber: boolean;

  constructor(template: string, field: string, problem: string, flags: CertificateDataFlags) {
    super(`certificate "${template}": field "${field}": ${problem}`);
    this.field = field;
    this.missing = flags.missing ?? false;
    this.wrongType = flags.wrongType ?? false;
    this.glyphMissing = flags.glyphMissing ?? false;
    this.unmaskedIdNumber = flags.unmaskedIdNumber ?? false;
  }
}
