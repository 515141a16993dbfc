import { z } from 'zod';
import { creditCodeProblem } from './credit-code.ts';

/**
 * Wire shapes of the hall-side services of API v1: guides, halls, queue, bundled applications,
 * e-licences, real estate and enterprise credit records. Display text in Chinese may carry an
 * English gloss in a sibling field named with the suffix `En` (`name` + `nameEn`); the gloss is
 * optional, because a province adapter may have none.
 */

const timestamp = z.iso.datetime({ offset: true });
const day = z.iso.date();
const kioskId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores');
const residentRef = z.string().min(8).max(128);
const gloss = z.string().optional();
/** An id of a guide, hall, business type, bundle, item or material. */
const slug = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'must be 1-64 lower-case letters, digits or dashes');

/** Life events (人生事件) a guide belongs to. */
export const LIFE_EVENTS = ['生育', '入学', '就业', '婚姻', '置业', '退休', '身后'] as const;
/** Where a service is done: at the kiosk, at a hall counter, or either. */
export const channelSchema = z.enum(['kiosk', 'hall', 'both']);

/** One guide in the catalogue (办事指南 summary). */
export const guideSummarySchema = z.object({
  id: slug,
  name: z.string().min(1),
  nameEn: gloss,
  department: z.string().min(1),
  departmentEn: gloss,
  lifeEvents: z.array(z.enum(LIFE_EVENTS)),
  audience: z.enum(['resident', 'enterprise']),
  channel: channelSchema,
  keywords: z.array(z.string()),
});
/** A guide summary. */
export type GuideSummary = z.infer<typeof guideSummarySchema>;
/** `GET /api/v1/guides` reply. */
export const guideListSchema = z.object({ guides: z.array(guideSummarySchema) });

const textItem = z.object({ text: z.string().min(1), textEn: gloss });
/** `GET /api/v1/guides/{id}` reply: the whole guide. */
export const guideSchema = guideSummarySchema.extend({
  conditions: z.array(textItem),
  materials: z.array(
    z.object({
      name: z.string().min(1),
      nameEn: gloss,
      copies: z.number().int().min(1),
      original: z.boolean(),
    }),
  ),
  steps: z.array(textItem),
  timeLimit: z.string().min(1),
  timeLimitEn: gloss,
  fee: z.string().min(1),
  feeEn: gloss,
  legalBasis: z.array(z.string().min(1)),
  /** The kiosk flow that does this service, when the kiosk can do it. */
  flowId: slug.optional(),
});
/** A whole guide. */
export type Guide = z.infer<typeof guideSchema>;

/** A business type a hall serves and issues queue tickets for. */
export const businessTypeSchema = z.object({ id: slug, name: z.string().min(1), nameEn: gloss });
/** A business type. */
export type BusinessType = z.infer<typeof businessTypeSchema>;

/** One service hall (政务服务中心). */
export const hallSchema = z.object({
  id: slug,
  name: z.string().min(1),
  nameEn: gloss,
  address: z.string().min(1),
  addressEn: gloss,
  hours: z.string().min(1),
  hoursEn: gloss,
  phone: z.string().min(1),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  // Printed as a QR a phone opens: web addresses only.
  navUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  businessTypes: z.array(businessTypeSchema),
});
/** A service hall. */
export type Hall = z.infer<typeof hallSchema>;
/** `GET /api/v1/halls` reply. */
export const hallListSchema = z.object({ halls: z.array(hallSchema) });

/** `GET /api/v1/halls/{id}/business-types` reply: what a ticket can be taken for, and the queues. */
export const hallQueuesSchema = z.object({
  hallId: slug,
  businessTypes: z.array(
    businessTypeSchema.extend({
      peopleWaiting: z.number().int().min(0),
      expectedWaitMinutes: z.number().int().min(0),
    }),
  ),
});
/** Live queues of one hall. */
export type HallQueues = z.infer<typeof hallQueuesSchema>;

/** `POST /api/v1/appointments/check-in` body: a booked appointment becomes a ticket. */
export const checkInRequestSchema = z.object({
  residentRef,
  kioskId,
  hallId: slug.optional(),
});

/** One shared field of a bundle's form, asked once for every item. */
export const bundleFieldSchema = z.object({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
  label: z.string().min(1),
  labelEn: gloss,
  type: z.enum(['choice', 'date', 'digits']),
  options: z
    .array(z.object({ value: z.string().min(1), label: z.string().min(1), labelEn: gloss }))
    .optional(),
  /** Longest value of a `digits` field. */
  maxLength: z.number().int().min(1).max(64).optional(),
  required: z.boolean(),
});
/** A bundle form field. */
export type BundleField = z.infer<typeof bundleFieldSchema>;

/** A material an application may need. */
export const bundleMaterialSchema = z.object({
  id: slug,
  name: z.string().min(1),
  nameEn: gloss,
  /** The platform may already hold it (免证办): look it up with `materials/held`. */
  platformMayHold: z.boolean(),
});

/** `GET /api/v1/bundles/{id}` reply (高效办成一件事): the bundle as data. */
export const bundleSchema = z.object({
  id: slug,
  name: z.string().min(1),
  nameEn: gloss,
  items: z.array(
    z.object({
      id: slug,
      name: z.string().min(1),
      nameEn: gloss,
      department: z.string().min(1),
      departmentEn: gloss,
      /** Fields (by id) this item needs; each is asked once however many items need it. */
      fields: z.array(z.string()),
      /** Materials (by id) this item needs. */
      materials: z.array(slug),
    }),
  ),
  fields: z.array(bundleFieldSchema),
  materials: z.array(bundleMaterialSchema),
});
/** A bundle definition. */
export type Bundle = z.infer<typeof bundleSchema>;

/** `GET /api/v1/materials/held` reply: what the platform already holds for this person. */
export const materialsHeldSchema = z.object({
  bundleId: slug,
  held: z.array(
    z.object({
      materialId: slug,
      name: z.string().min(1),
      nameEn: gloss,
      /** Where the platform holds it from, e.g. the e-licence library. */
      source: z.string().min(1),
    }),
  ),
});
/** Materials held. */
export type MaterialsHeld = z.infer<typeof materialsHeldSchema>;

/** Largest number of shared field values in one application. */
const MAX_APPLICATION_FIELDS = 64;

/** `POST /api/v1/applications` body; the `Idempotency-Key` header is required. */
export const applicationRequestSchema = z.object({
  bundleId: slug,
  items: z.array(slug).min(1, 'must name at least one item').max(32),
  fields: z
    .record(z.string().max(64), z.string().max(200))
    .refine((f) => Object.keys(f).length <= MAX_APPLICATION_FIELDS, {
      message: `must have at most ${MAX_APPLICATION_FIELDS} fields`,
    }),
  residentRef,
  kioskId,
});
/** An application submission. */
export type ApplicationRequest = z.infer<typeof applicationRequestSchema>;

/**
 * A kiosk-made application number, also usable as the `Idempotency-Key`: `KS`, the Beijing
 * date (YYYYMMDD) and 8 random digits. The platform uses it as the application number.
 */
export const KIOSK_APPLICATION_NO = /^KS\d{16}$/;

/**
 * Any application number the platform gives out: two capital letters (the issuing channel, e.g.
 * `SQ` for the platform, `KS` for a kiosk) and 12-20 digits. Receipts print it, and the progress
 * QR on them ends in it.
 */
export const APPLICATION_NO = /^[A-Z]{2}\d{12,20}$/;

/** `POST /api/v1/applications` receipt. */
export const applicationReceiptSchema = z.object({
  applicationNo: z.string().regex(APPLICATION_NO),
  progressUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  submittedAt: timestamp,
});
/** An application receipt. */
export type ApplicationReceipt = z.infer<typeof applicationReceiptSchema>;

/** The kinds of e-licence (电子证照) the platform lists. */
export const licenceKindSchema = z.enum([
  'id-card',
  'household-register',
  'marriage',
  'degree',
  'real-estate',
  'driving-licence',
]);
/** `GET /api/v1/licences` reply. Numbers are masked; a copy is printed as `licence-copy`. */
export const licenceListSchema = z.object({
  licences: z.array(
    z.object({
      id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
      kind: licenceKindSchema,
      name: z.string().min(1),
      nameEn: gloss,
      numberMasked: z.string().regex(/\*/, 'must be masked'),
      issuer: z.string().min(1),
      issuerEn: gloss,
      issuedOn: day,
      validUntil: day.optional(),
    }),
  ),
});
/** A resident's e-licences. */
export type LicenceList = z.infer<typeof licenceListSchema>;

/** `GET /api/v1/records/real-estate` reply (不动产登记信息). */
export const realEstateRecordSchema = z.object({
  properties: z.array(
    z.object({
      location: z.string().min(1),
      locationEn: gloss,
      area: z.string().regex(/^\d+\.\d{2}$/, 'must be square metres with two decimals'),
      use: z.string().min(1),
      useEn: gloss,
      registeredOn: day,
      certificateNoMasked: z.string().regex(/\*/, 'must be masked'),
    }),
  ),
  asOf: timestamp,
});
/** A real-estate registration query result. */
export type RealEstateRecord = z.infer<typeof realEstateRecordSchema>;

/** A unified social credit code with a valid GB 32100 check character. */
export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** `GET /api/v1/enterprises/{creditCode}/credit-record` reply (public credit record). */
export const creditRecordSchema = z.object({
  creditCode: z.string().length(18),
  name: z.string().min(1),
  nameEn: gloss,
  legalRepresentativeMasked: z.string().regex(/\*/, 'must be masked'),
  registeredCapital: z.string().regex(/^\d+\.\d{2}$/),
  status: z.enum(['active', 'revoked', 'cancelled']),
  statusLabel: z.string().min(1),
  statusLabelEn: gloss,
  establishedOn: day,
  entries: z.array(
    z.object({
      kind: z.enum(['licence', 'award', 'penalty', 'abnormal']),
      title: z.string().min(1),
      titleEn: gloss,
      authority: z.string().min(1),
      date: day,
    }),
  ),
  asOf: timestamp,
});
/** An enterprise's public credit record. */
export type CreditRecord = z.infer<typeof creditRecordSchema>;
