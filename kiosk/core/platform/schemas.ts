import { z } from 'zod';
import { isValidCheckDigit } from '../../../drivers/id-card/check-digit.ts';

/**
 * The wire shapes of platform API v1, in one place so the sandbox validates requests and the
 * client validates replies against the same definitions. Reply objects are not strict:
 * a province adapter may add fields, and an older kiosk must keep working when it does.
 */

/** Path prefix of every versioned endpoint. */
export const API_PREFIX = '/api/v1';

/** An amount in yuan, always two decimals, carried as a string so no float rounding creeps in. */
export const yuanSchema = z
  .string()
  .regex(/^-?\d+\.\d{2}$/, 'must be an amount in yuan with two decimals, e.g. "1234.50"');
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');
const timestampSchema = z.iso.datetime({ offset: true });
const kioskIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores');
const serviceIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'must be 1-64 lower-case letters, digits or dashes');
const residentRefSchema = z.string().min(8).max(128);

/** Card types the identity check understands; the same names as the ID-card driver's. */
export const cardTypeSchema = z.enum(['resident', 'hkmotw-permit', 'foreign-permanent']);

/** `POST /api/v1/identity/verify` body. The only request that carries a full ID number. */
export const identityVerifyRequestSchema = z
  .object({
    idNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(
        /^(\d{17}[\dX]|[A-Z]{3}\d{12})$/,
        'must be an 18-character ID number (17 digits and a check character) or a 15-character foreigner card number',
      )
      .refine((id) => id.length !== 18 || isValidCheckDigit(id), {
        message: 'has a check character that does not match the rest of the number (misread card?)',
      }),
    name: z.string().trim().min(1, 'must not be empty').max(64),
    cardType: cardTypeSchema,
  })
  .strip();
/** Identity check input. */
export type IdentityVerifyRequest = z.infer<typeof identityVerifyRequestSchema>;

/** Identity check result: a session-scoped opaque `residentRef`, never the ID number itself. */
export const identityVerificationSchema = z.discriminatedUnion('verified', [
  z.object({ verified: z.literal(true), residentRef: residentRefSchema }),
  z.object({ verified: z.literal(false), reason: z.string() }),
]);
/** Identity check result. */
export type IdentityVerification = z.infer<typeof identityVerificationSchema>;

/** One card type the identity check understands. */
export type CardType = z.infer<typeof cardTypeSchema>;

/** Longest resident code the platform reads: the scanner's own limit on a phone QR. */
export const RESIDENT_CODE_MAX_LENGTH = 4096;

/** `POST /api/v1/identity/resolve-code` body: the text of a phone resident code (居民码). */
export const residentCodeRequestSchema = z
  .object({
    code: z.string().min(1, 'must not be empty').max(RESIDENT_CODE_MAX_LENGTH),
    kioskId: kioskIdSchema,
  })
  .strip();
/** Resident code resolution input. */
export type ResidentCodeRequest = z.infer<typeof residentCodeRequestSchema>;

/** Why a resident code was not accepted; the kiosk tells the resident what to do for each. */
export const residentCodeRefusalSchema = z.enum(['expired', 'unknown', 'malformed']);
/** One refusal reason. */
export type ResidentCodeRefusal = z.infer<typeof residentCodeRefusalSchema>;

/**
 * Resident code result. The name is sent in full (the certificate prints it); the ID number
 * only masked, so a resident code never brings a full ID number onto the kiosk.
 */
export const residentCodeResolutionSchema = z.discriminatedUnion('resolved', [
  z.object({
    resolved: z.literal(true),
    residentRef: residentRefSchema,
    name: z.string().min(1).max(64),
    idNumberMasked: z
      .string()
      .regex(/^[0-9A-Z]{0,6}\*+[0-9A-Z]{0,4}$/, 'must be a masked ID number'),
    cardType: cardTypeSchema,
  }),
  z.object({ resolved: z.literal(false), reason: residentCodeRefusalSchema }),
]);
/** Resident code result. */
export type ResidentCodeResolution = z.infer<typeof residentCodeResolutionSchema>;

/** One month of contributions: the base and what employer and resident paid, in yuan. */
export const contributionMonthSchema = z.object({
  month: monthSchema,
  base: yuanSchema,
  employer: yuanSchema,
  personal: yuanSchema,
});
/** One month of contributions. */
export type ContributionMonth = z.infer<typeof contributionMonthSchema>;

const regionSchema = z.object({ code: z.string().regex(/^\d{6}$/), name: z.string() });
const employerSchema = z.object({ name: z.string(), creditCode: z.string() }).nullable();
const totalsSchema = z.object({ employer: yuanSchema, personal: yuanSchema });

/** The five social-insurance types (五险). */
export const insuranceTypeSchema = z.enum([
  'pension',
  'medical',
  'unemployment',
  'work-injury',
  'maternity',
]);
/** One social-insurance type. */
export type InsuranceType = z.infer<typeof insuranceTypeSchema>;

/** `GET .../social-insurance/payment-record` reply (参保缴费记录). */
export const siPaymentRecordSchema = z.object({
  insuredRegion: regionSchema,
  employer: employerSchema,
  insurances: z.array(
    z.object({
      type: insuranceTypeSchema,
      label: z.string(),
      status: z.enum(['paying', 'suspended']),
      statusLabel: z.string(),
      since: monthSchema,
    }),
  ),
  months: z.array(contributionMonthSchema),
  totals: totalsSchema,
  asOf: timestampSchema,
});
/** A resident's social-insurance payment record. */
export type SiPaymentRecord = z.infer<typeof siPaymentRecordSchema>;

/** `GET .../housing-fund/deposit-record` reply (住房公积金缴存记录). */
export const hpfDepositRecordSchema = z.object({
  depositRegion: regionSchema,
  employer: employerSchema,
  accountStatus: z.enum(['normal', 'sealed']),
  accountStatusLabel: z.string(),
  depositRatio: z.object({ employer: z.string(), personal: z.string() }),
  balance: yuanSchema,
  months: z.array(contributionMonthSchema),
  totals: totalsSchema,
  asOf: timestampSchema,
});
/** A resident's housing provident fund deposit record. */
export type HpfDepositRecord = z.infer<typeof hpfDepositRecordSchema>;

/** Certificate kinds the platform registers. */
export const certificateKindSchema = z.enum([
  'si-payment',
  'hpf-deposit',
  'real-estate',
  'licence-copy',
  'credit-record',
]);
/** One certificate kind. */
export type CertificateKind = z.infer<typeof certificateKindSchema>;

/**
 * `POST /api/v1/certificates` body; `requestId` is the idempotency key of the issue. A
 * `licence-copy` names the licence (`licenceId`), a `credit-record` the enterprise
 * (`creditCode`, and no resident); every other kind is about the resident.
 */
export const certificateIssueRequestSchema = z
  .object({
    kind: certificateKindSchema,
    residentRef: residentRefSchema.optional(),
    licenceId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
    creditCode: z.string().trim().toUpperCase().length(18).optional(),
    kioskId: kioskIdSchema,
    requestId: z
      .string()
      .regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8-64 letters, digits or dashes (use a UUID)'),
  })
  .superRefine((body, ctx) => {
    const need = (field: 'residentRef' | 'licenceId' | 'creditCode', when: string): void => {
      if (body[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `is required ${when}` });
      }
    };
    if (body.kind === 'credit-record') need('creditCode', 'for a credit-record certificate');
    else need('residentRef', `for a ${body.kind} certificate`);
    if (body.kind === 'licence-copy') need('licenceId', 'for a licence-copy certificate');
  });
/** Certificate issue input. */
export type CertificateIssueRequest = z.infer<typeof certificateIssueRequestSchema>;

/** Verification codes use an alphabet without 0/O, 1/I/L so a resident can type them back. */
export const VERIFICATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Length of a verification code. */
export const VERIFICATION_CODE_LENGTH = 16;
const verificationCodeSchema = z
  .string()
  .regex(new RegExp(`^[${VERIFICATION_ALPHABET}]{${VERIFICATION_CODE_LENGTH}}$`));

/** A registered certificate: the number and code printed on the paper, and where to check it. */
export const issuedCertificateSchema = z.object({
  certificateNo: z.string().min(1),
  verificationCode: verificationCodeSchema,
  // Printed as a QR code a resident's phone opens: a web address only, never javascript: or file:.
  verifyUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  issuedAt: timestampSchema,
});
/** A registered certificate. */
export type IssuedCertificate = z.infer<typeof issuedCertificateSchema>;

/** `POST /api/v1/certificates/{code}/revoke` body. */
export const certificateRevokeRequestSchema = z.object({
  kioskId: kioskIdSchema,
  reason: z.string().max(200).optional(),
});

/** Revocation result; revoking twice returns the first revocation time. */
export const certificateRevocationSchema = z.object({
  verificationCode: verificationCodeSchema,
  status: z.literal('revoked'),
  revokedAt: timestampSchema,
});
/** Revocation result. */
export type CertificateRevocation = z.infer<typeof certificateRevocationSchema>;

/** `GET /verify/{code}` reply. `holder` is a masked name; nothing else personal is shown. */
export const certificateCheckSchema = z.object({
  status: z.enum(['valid', 'revoked', 'unknown']),
  kind: certificateKindSchema.optional(),
  certificateNo: z.string().optional(),
  issuedAt: timestampSchema.optional(),
  revokedAt: timestampSchema.optional(),
  holder: z.string().optional(),
});
/** Public verification result of a certificate code. */
export type CertificateCheck = z.infer<typeof certificateCheckSchema>;

/** `POST /api/v1/ratings` body (好差评). One rating per service per session. */
export const ratingRequestSchema = z.object({
  serviceId: serviceIdSchema,
  score: z.number().int('must be a whole number').min(1).max(5),
  tags: z.array(z.string().trim().min(1).max(20)).max(8).optional(),
  comment: z.string().max(200).optional(),
  kioskId: kioskIdSchema,
  sessionRef: z.string().min(1).max(64),
});
/** Rating input. */
export type RatingRequest = z.infer<typeof ratingRequestSchema>;
/**
 * An `Idempotency-Key` header value: the client makes one per submission it must not lose
 * (a UUID) and sends it again on every retry, so the platform stores the submission once.
 */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/);
/** What `PlatformClient.submitRating` takes; `idempotencyKey` travels as a header, not in the body. */
export interface RatingSubmission {
  serviceId: string;
  score: number;
  tags?: string[];
  sessionRef: string;
  /** Journalled before the call, so a retry (even after a crash) stores the rating once. */
  idempotencyKey?: string;
}
/** Rating receipt. */
export const ratingReceiptSchema = z.object({ ratingId: z.string().min(1) });

/** `POST /api/v1/queue/tickets` body; `serviceId` is a business type of the hall (default hall when absent). */
export const queueTicketRequestSchema = z.object({
  serviceId: serviceIdSchema,
  hallId: serviceIdSchema.optional(),
  kioskId: kioskIdSchema,
});
/** A queue ticket: number to call, the people ahead and the expected wait. */
export const queueTicketSchema = z.object({
  ticketNo: z.string().regex(/^[A-Z]\d{3}$/),
  serviceId: z.string(),
  serviceName: z.string(),
  serviceNameEn: z.string().optional(),
  hallId: z.string().optional(),
  hallName: z.string().optional(),
  /** English gloss of `hallName`, when the platform has one. */
  hallNameEn: z.string().optional(),
  /** People ahead; the same number as `peopleAhead`, kept for older kiosks. */
  waiting: z.number().int().min(0),
  peopleAhead: z.number().int().min(0),
  expectedWaitMinutes: z.number().int().min(0),
  issuedAt: timestampSchema,
});
/** A queue ticket. */
export type QueueTicket = z.infer<typeof queueTicketSchema>;

/** `GET /api/v1/applications/{applicationNo}` reply (办件进度). Applicant name is masked. */
export const applicationProgressSchema = z.object({
  applicationNo: z.string(),
  title: z.string(),
  department: z.string(),
  applicant: z.string(),
  submittedAt: timestampSchema,
  status: z.enum(['accepted', 'in-review', 'approved', 'rejected', 'completed']),
  statusLabel: z.string(),
  steps: z.array(
    z.object({
      name: z.string(),
      nameEn: z.string().optional(),
      state: z.enum(['done', 'current', 'pending']),
      at: timestampSchema.optional(),
      /** Who handles (or handled) the step: a department, and a counter or officer title. */
      department: z.string().optional(),
      handler: z.string().optional(),
    }),
  ),
});
/** Progress of one application. */
export type ApplicationProgress = z.infer<typeof applicationProgressSchema>;

/** `GET /health` reply. */
export const healthSchema = z.object({
  status: z.literal('ok'),
  apiVersion: z.literal('v1'),
  time: timestampSchema,
});
/** Platform health. */
export type PlatformHealth = z.infer<typeof healthSchema>;

/** Every non-2xx reply body: a machine-readable code, a sentence, and the bad field if any. */
export const errorReplySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
/** The error envelope. */
export type ErrorReply = z.infer<typeof errorReplySchema>;
