import { z } from 'zod';
import { applicationCheckViewSchema, applicationSubmitViewSchema } from './outputs-application.ts';
import { cardTypeSchema } from '../platform/schemas.ts';
import {
  bundleViewSchema,
  businessTypesViewSchema,
  creditRecordViewSchema,
  creditCodeCheckViewSchema,
  guideListViewSchema,
  guideViewSchema,
  hallListViewSchema,
  hallViewSchema,
  hpfAccountViewSchema,
  licenceListViewSchema,
  materialsHeldViewSchema,
  MAX_VIEW_ROWS,
  progressStepSchema,
  realEstateViewSchema,
  ticketViewSchema,
} from './outputs-platform.ts';

/**
 * What each capability hands a flow. These are the only shapes a `$event.output` can have, so
 * they are also the only fields a flow's references may name: the package check refuses any
 * reference outside them. None of them holds a raw personal value; a capability that needs one
 * (the platform, an official certificate) looks it up by the opaque handle inside the view.
 */

/** Age bands a flow may branch on; the birth date itself stays sealed. */
export const AGE_BANDS = ['minor', 'adult', 'senior'] as const;

/** A resident as a flow sees them: masked for display, plus an opaque handle for capabilities. */
export const residentViewSchema = z
  .object({
    /** Opaque, session-scoped handle; capabilities that need the raw values look them up by it. */
    holder: z.string(),
    source: z.enum(['card', 'qr']),
    cardType: cardTypeSchema,
    nameMasked: z.string(),
    /**
     * The Latin name as the card carries it, masked (`SMITH, A**** M***`): a foreign
     * permanent-resident card only. English screens show it in place of `nameMasked`.
     */
    nameMaskedEn: z.string().optional(),
    idNumberMasked: z.string(),
    ageBand: z.enum(AGE_BANDS),
  })
  .strict();
/** A resident view. */
export type ResidentView = z.infer<typeof residentViewSchema>;

/** `scanner.read`: an opaque, single-use handle to the scanned text, never the text. */
export const scannedCodeViewSchema = z
  .object({ code: z.string(), symbology: z.string(), length: z.number().int() })
  .strict();
/** A scanned-code view. */
export type ScannedCodeView = z.infer<typeof scannedCodeViewSchema>;

/** `scanner.read` with `expect: "application-number"`: public, so plain text. */
export const scannedApplicationViewSchema = z.object({ applicationNo: z.string() }).strict();

/** `scanner.read` with `expect: "credit-code"`: public, so plain text. */
export const scannedCreditCodeViewSchema = z.object({ creditCode: z.string() }).strict();

/** The output of `scanner.read` for each thing it may expect. */
export const SCAN_OUTPUTS = {
  'resident-code': scannedCodeViewSchema,
  'application-number': scannedApplicationViewSchema,
  'credit-code': scannedCreditCodeViewSchema,
} as const;

/** `platform.call si.paymentRecord`: what a preview shows, plus a handle to the full record. */
export const paymentRecordViewSchema = z
  .object({
    record: z.string(),
    region: z.string(),
    employer: z.string(),
    monthCount: z.number().int(),
    periodFrom: z.string(),
    periodTo: z.string(),
  })
  .strict();
/** A payment-record view. */
export type PaymentRecordView = z.infer<typeof paymentRecordViewSchema>;

/** `platform.call hpf.depositRecord`. */
export const depositRecordViewSchema = z
  .object({
    record: z.string(),
    region: z.string(),
    employer: z.string(),
    monthCount: z.number().int(),
    balance: z.string(),
    accountStatus: z.string(),
  })
  .strict();
/** A deposit-record view. */
export type DepositRecordView = z.infer<typeof depositRecordViewSchema>;

/** `platform.call application.progress`: the applicant comes back masked only. */
export const progressViewSchema = z
  .object({
    applicationNo: z.string(),
    title: z.string(),
    department: z.string(),
    applicantMasked: z.string(),
    submittedAt: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    stepCount: z.number().int(),
    currentStep: z.string(),
    steps: z.array(progressStepSchema).max(MAX_VIEW_ROWS),
  })
  .strict();

/** `print.certificate`. */
export const certificateViewSchema = z
  .object({
    certificateNo: z.string(),
    verificationCode: z.string(),
    verifyUrl: z.string(),
    jobId: z.string(),
  })
  .strict();

/** `print.receipt`. */
export const receiptViewSchema = z.object({ printed: z.boolean() }).strict();

/** The output of each `platform.call` operation. */
export const PLATFORM_OUTPUTS = {
  'si.paymentRecord': paymentRecordViewSchema,
  'hpf.depositRecord': depositRecordViewSchema,
  'queue.ticket': ticketViewSchema,
  'application.progress': progressViewSchema,
  'identity.fromCode': residentViewSchema,
  'guide.list': guideListViewSchema,
  'guide.get': guideViewSchema,
  'guide.search': guideListViewSchema,
  'hall.list': hallListViewSchema,
  'hpf.account': hpfAccountViewSchema,
  'realEstate.query': realEstateViewSchema,
  'application.bundle': bundleViewSchema,
  'application.materialsHeld': materialsHeldViewSchema,
  'queue.businessTypes': businessTypesViewSchema,
  'appointment.checkIn': ticketViewSchema,
  'licence.list': licenceListViewSchema,
  'enterprise.creditRecord': creditRecordViewSchema,
  'hall.get': hallViewSchema,
  'enterprise.checkCode': creditCodeCheckViewSchema,
} as const;

/** The output of every invokable capability other than `platform.call`. */
export const ACTOR_OUTPUTS = {
  'idcard.read': residentViewSchema,
  'scanner.read': scannedCodeViewSchema,
  'print.certificate': certificateViewSchema,
  'print.receipt': receiptViewSchema,
  'application.check': applicationCheckViewSchema,
  'application.submit': applicationSubmitViewSchema,
} as const;

/**
 * The output shape of one invoke, from its capability and (for `platform.call`) its static
 * `operation` or (for `scanner.read`) its static `expect`; undefined when it cannot be known
 * before run time.
 */
export function capabilityOutput(src: string, input: unknown): z.ZodObject | undefined {
  if (src === 'platform.call') {
    const op =
      typeof input === 'object' && input !== null
        ? (input as Record<string, unknown>).operation
        : undefined;
    return typeof op === 'string' && Object.hasOwn(PLATFORM_OUTPUTS, op)
      ? PLATFORM_OUTPUTS[op as keyof typeof PLATFORM_OUTPUTS]
      : undefined;
  }
  if (src === 'scanner.read') {
    const expect =
      typeof input === 'object' && input !== null
        ? ((input as Record<string, unknown>).expect ?? 'resident-code')
        : 'resident-code';
    return typeof expect === 'string' && Object.hasOwn(SCAN_OUTPUTS, expect)
      ? SCAN_OUTPUTS[expect as keyof typeof SCAN_OUTPUTS]
      : undefined;
  }
  return Object.hasOwn(ACTOR_OUTPUTS, src)
    ? ACTOR_OUTPUTS[src as keyof typeof ACTOR_OUTPUTS]
    : undefined;
}

/** The field names of an output shape, for reference checks and the flow tester. */
export function outputFields(schema: z.ZodObject): readonly string[] {
  return Object.keys(schema.shape);
}
