import { z } from 'zod';

/**
 * Views of the hall-side platform operations (guides, halls, queues, bundles, e-licences, real
 * estate, enterprises). Like every view they hold no raw personal value: numbers come masked and
 * a full record stays behind a handle. Optional platform text comes as `''`, so a flow's
 * references always find the field. Lists are capped at MAX_VIEW_ROWS; `total` tells how many
 * the platform had.
 */

/**
 * Most rows a list in a view carries: a touch screen list longer than this is not browsable
 * anyway, and it keeps a runaway platform reply from reaching the renderer whole.
 */
export const MAX_VIEW_ROWS = 50;

const text = z.string();
const rows = <T extends z.ZodType>(row: T) => z.array(row).max(MAX_VIEW_ROWS);

/**
 * A guide's name is public, so it is called `title`: a screen and a receipt mask any field called
 * `name` as a person's.
 */
const guideRow = z
  .object({
    id: text,
    title: text,
    titleEn: text,
    department: text,
    departmentEn: text,
    lifeEvents: z.array(text),
    audience: text,
    channel: text,
  })
  .strict();

/** `guide.list` and `guide.search`. */
export const guideListViewSchema = z
  .object({ guides: rows(guideRow), total: z.number().int(), query: text })
  .strict();

const textRow = z.object({ text, textEn: text }).strict();

/** `guide.get`: the whole guide, ready to show or print as a receipt. */
export const guideViewSchema = z
  .object({
    id: text,
    title: text,
    titleEn: text,
    department: text,
    departmentEn: text,
    channel: text,
    kioskCan: z.boolean(),
    channelLabel: text,
    channelLabelEn: text,
    flowId: text,
    conditions: rows(textRow),
    materials: rows(z.object({ title: text, titleEn: text }).strict()),
    steps: rows(textRow),
    timeLimit: text,
    timeLimitEn: text,
    fee: text,
    feeEn: text,
    legalBasis: text,
    conditionsText: text,
    materialsText: text,
    stepsText: text,
  })
  .strict();

const hallRow = z
  .object({
    id: text,
    hallName: text,
    hallNameEn: text,
    hallAddress: text,
    hallAddressEn: text,
    hours: text,
    hoursEn: text,
    hallPhone: text,
    navUrl: text,
    distanceKm: z.number().nullable(),
  })
  .strict();

/** `hall.list`: halls nearest first when the kiosk's location is configured. */
export const hallListViewSchema = z
  .object({
    halls: rows(hallRow),
    total: z.number().int(),
    orderedBy: z.enum(['distance', 'platform']),
  })
  .strict();

const businessTypeRow = z
  .object({
    id: text,
    serviceName: text,
    serviceNameEn: text,
    peopleWaiting: z.number().int(),
    expectedWaitMinutes: z.number().int(),
  })
  .strict();

/** `queue.businessTypes`. */
export const businessTypesViewSchema = z
  .object({ hallId: text, businessTypes: rows(businessTypeRow) })
  .strict();

/** `queue.ticket` and `appointment.checkIn`. */
export const ticketViewSchema = z
  .object({
    ticketNo: text,
    serviceName: text,
    serviceNameEn: text,
    hallName: text,
    waiting: z.number().int(),
    peopleAhead: z.number().int(),
    expectedWaitMinutes: z.number().int(),
    hallNameEn: text,
  })
  .strict();

/** `hpf.account`: balance and the latest deposits, plus a handle to the full record. */
export const hpfAccountViewSchema = z
  .object({
    record: text,
    region: text,
    employer: text,
    balance: text,
    accountStatus: text,
    depositRatio: text,
    monthCount: z.number().int(),
    months: rows(z.object({ month: text, employer: text, personal: text }).strict()),
  })
  .strict();

/** `realEstate.query`: properties with masked certificate numbers, plus a handle to the record. */
export const realEstateViewSchema = z
  .object({
    record: text,
    propertyCount: z.number().int(),
    properties: rows(
      z
        .object({
          location: text,
          locationEn: text,
          area: text,
          use: text,
          useEn: text,
          registeredOn: text,
          certificateNoMasked: text,
        })
        .strict(),
    ),
  })
  .strict();

const option = z.object({ value: text, label: text, labelEn: text }).strict();

/** `application.bundle`: the bundle as data, for the item checklist, the form and 一次告知. */
export const bundleViewSchema = z
  .object({
    id: text,
    name: text,
    nameEn: text,
    items: rows(
      z
        .object({
          id: text,
          name: text,
          nameEn: text,
          title: text,
          titleEn: text,
          department: text,
          fields: z.array(text),
          materials: z.array(text),
        })
        .strict(),
    ),
    fields: rows(
      z
        .object({
          id: text,
          label: text,
          labelEn: text,
          type: text,
          required: z.boolean(),
          maxLength: z.number().int(),
          options: z.array(option),
        })
        .strict(),
    ),
    materials: rows(
      z.object({ id: text, name: text, nameEn: text, platformMayHold: z.boolean() }).strict(),
    ),
  })
  .strict();

/** `application.materialsHeld` (免证办). */
export const materialsHeldViewSchema = z
  .object({
    bundleId: text,
    heldCount: z.number().int(),
    held: rows(z.object({ materialId: text, name: text, nameEn: text, source: text }).strict()),
  })
  .strict();

/** `licence.list`: the resident's e-licences, numbers masked, plus a handle to the list. */
export const licenceListViewSchema = z
  .object({
    record: text,
    total: z.number().int(),
    licences: rows(
      z
        .object({
          id: text,
          kind: text,
          title: text,
          titleEn: text,
          numberMasked: text,
          issuer: text,
          issuerEn: text,
          issuedOn: text,
          validUntil: text,
          validUntilEn: text,
        })
        .strict(),
    ),
  })
  .strict();

/**
 * `enterprise.creditRecord`: public data; the legal representative masked. The enterprise's
 * name is `enterpriseName` because a screen masks any field called `name` as a person's.
 */
export const creditRecordViewSchema = z
  .object({
    record: text,
    creditCode: text,
    enterpriseName: text,
    enterpriseNameEn: text,
    legalRepresentativeMasked: text,
    registeredCapital: text,
    status: text,
    statusLabel: text,
    statusLabelEn: text,
    establishedOn: text,
    entryCount: z.number().int(),
    entries: rows(
      z.object({ kind: text, title: text, titleEn: text, authority: text, date: text }).strict(),
    ),
  })
  .strict();

/**
 * One step of `application.progress`. `state` is `done`, `current` or `todo`, as a steps list
 * draws it; the step's name is `stepName` because a screen masks any field called `name`.
 */
export const progressStepSchema = z
  .object({
    stepName: text,
    stepNameEn: text,
    state: z.enum(['done', 'current', 'todo']),
    at: text,
    department: text,
    handler: text,
  })
  .strict();

/** `hall.get`: one hall, with `orderedBy` telling whether its distance is known. */
export const hallViewSchema = hallRow
  .extend({ orderedBy: z.enum(['distance', 'platform']) })
  .strict();

/**
 * `enterprise.checkCode`: the GB 32100 check of a typed credit code, so a screen can name the
 * check character that was typed and the one the first 17 characters give (public data).
 */
export const creditCodeCheckViewSchema = z
  .object({
    creditCode: text,
    checkOk: z.boolean(),
    typedCheck: text,
    expectedCheck: text,
  })
  .strict();
