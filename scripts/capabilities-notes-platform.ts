/**
 * The words flows/CAPABILITIES.md says about the hall-side platform operations (guides, halls,
 * queues, bundles, e-licences, real estate, enterprises): what each does, its arguments, what its
 * view's fields mean and an example invoke. capabilities-notes.ts merges these into its tables.
 */
import type { InvokeExample, PlatformOperation, Sealing } from './capabilities-notes-types.ts';

type NewOperation = Exclude<
  PlatformOperation,
  | 'si.paymentRecord'
  | 'hpf.depositRecord'
  | 'queue.ticket'
  | 'application.progress'
  | 'identity.fromCode'
>;

const listFilters = {
  lifeEvent: 'text, optional: only guides of this life event (生育 入学 就业 婚姻 置业 退休 身后)',
  department: 'text, optional: only guides of this department (its Chinese name)',
  audience: 'text, optional: `resident` or `enterprise`',
};

/** What each new operation does and which arguments it reads. */
// prettier-ignore
export const PLATFORM_OPERATION_NOTES: Record<
  NewOperation,
  { does: string; resident: boolean; args: Record<string, string> }
> = {
  'guide.list': { does: 'The catalogue of guides (办事指南), in the platform order; no identity needed.', resident: false, args: listFilters },
  'guide.search': {
    does: 'Guides matching a keyword: Chinese characters, full pinyin or pinyin initials ("sb" finds 社保), names ranked before keywords and departments.',
    resident: false,
    args: { query: 'text, required: what the resident typed', ...listFilters },
  },
  'guide.get': { does: 'One whole guide: conditions, materials, steps, time limit, fee, legal basis and whether the kiosk can do it.', resident: false, args: { guideId: 'text, required: a guide `id` from `guide.list`' } },
  'hall.list': { does: 'The service halls, nearest first when the kiosk location is configured (`distanceKm`), else in the platform order.', resident: false, args: { businessType: 'text, optional: only halls that serve this business type' } },
  'queue.businessTypes': { does: "A hall's business types with the people waiting and the expected wait of each.", resident: false, args: { hallId: 'text, required: a hall `id` from `hall.list`' } },
  'appointment.checkIn': { does: 'Turns the resident’s booked appointment into a queue ticket; `notFound` when there is none.', resident: true, args: { hallId: 'text, optional: the hall the kiosk stands in' } },
  'hpf.account': { does: 'The housing provident fund balance and the latest deposits, newest first.', resident: true, args: { months: 'number, optional: months of deposits, default 12' } },
  'realEstate.query': { does: 'The real estate registered to the resident, certificate numbers masked.', resident: true, args: {} },
  'licence.list': { does: 'The e-licences the platform holds for the resident (免证办), numbers masked.', resident: true, args: {} },
  'application.bundle': { does: 'A "one thing done" bundle as data: items, shared fields (asked once) and materials.', resident: false, args: { bundleId: 'text, required: e.g. `newborn` or `retirement`' } },
  'application.materialsHeld': { does: 'Which of a bundle’s materials the platform already holds for the resident (免证办).', resident: true, args: { bundleId: 'text, required: the bundle' } },
  'hall.get': { does: 'One hall of `hall.list` with its `navUrl` for a navigation QR (a screen cannot pick one row out of a list); `notFound` when the platform no longer lists it.', resident: false, args: { hallId: 'text, required: a hall `id` from `hall.list`' } },
  'enterprise.creditRecord': { does: 'An enterprise’s public credit record. The code is checked on the kiosk first (GB 32100): a wrong check character fails `malformed` before any call (name it with `enterprise.checkCode`). An unknown enterprise is `notFound`.', resident: false, args: { creditCode: 'text, required: the 18-character unified social credit code' } },
  'enterprise.checkCode': { does: 'Checks a typed credit code on the kiosk alone (GB 32100, no platform call): `checkOk`, the check character typed and the one the first 17 characters give, so a screen can name a mistyped one. Fails `malformed` only for a code the credit-code pad cannot type.', resident: false, args: { creditCode: 'text, required: the 18 characters from the credit-code pad' } },
};

/** What the new view fields mean, by field name. */
// prettier-ignore
export const PLATFORM_OUTPUT_NOTES: Record<string, { note: string; sealed: Sealing }> = {
  guides: { note: 'Guide rows (`id`, `title`, `titleEn`, `department`, `departmentEn`, `lifeEvents`, `audience`, `channel`), at most 50.', sealed: 'plain' },
  total: { note: 'How many the platform had before the list was cut to 50.', sealed: 'plain' },
  query: { note: 'The search text used (empty for `guide.list`).', sealed: 'plain' },
  id: { note: 'The id to pass on to the next operation.', sealed: 'plain' },
  name: { note: 'Name in Chinese (a public name, never a person’s).', sealed: 'plain' },
  nameEn: { note: 'English gloss of `name`, or empty.', sealed: 'plain' },
  departmentEn: { note: 'English gloss of `department`, or empty.', sealed: 'plain' },
  channel: { note: '`kiosk`, `hall` or `both`: where the service is done.', sealed: 'plain' },
  kioskCan: { note: 'True when a kiosk flow does this service (`flowId`).', sealed: 'plain' },
  flowId: { note: 'The kiosk flow that does it, or empty.', sealed: 'plain' },
  conditions: { note: 'Who may apply: rows of `text` and `textEn`.', sealed: 'plain' },
  materials: { note: 'Materials: rows with `title` and `titleEn` for a guide; `name` and `nameEn` with `id` and `platformMayHold` for a bundle.', sealed: 'plain' },
  steps: { note: 'Steps in order: `text`/`textEn` for a guide; `stepName`, `stepNameEn`, `state` (`done`, `current` or `todo`, for a steps list), `at`, `department`, `handler` for progress.', sealed: 'plain' },
  timeLimit: { note: 'Legal time limit, in words.', sealed: 'plain' },
  timeLimitEn: { note: 'English gloss of `timeLimit`, or empty.', sealed: 'plain' },
  fee: { note: 'Fee, in words.', sealed: 'plain' },
  feeEn: { note: 'English gloss of `fee`, or empty.', sealed: 'plain' },
  legalBasis: { note: 'Laws and rules the service rests on, joined by `；`.', sealed: 'plain' },
  halls: { note: 'Hall rows (`id`, `hallName`, `hallNameEn`, `hallAddress`, `hallAddressEn`, `hours`, `hoursEn`, `hallPhone`, `navUrl` for the navigation QR, `distanceKm` or null).', sealed: 'plain' },
  orderedBy: { note: '`distance` when the kiosk location is configured, else `platform`.', sealed: 'plain' },
  hallId: { note: 'The hall the business types belong to.', sealed: 'plain' },
  businessTypes: { note: 'Rows of `id`, `serviceName`, `serviceNameEn`, `peopleWaiting`, `expectedWaitMinutes`.', sealed: 'plain' },
  serviceNameEn: { note: 'English gloss of `serviceName`, or empty.', sealed: 'plain' },
  hallName: { note: 'The hall’s name; on a ticket, the hall the ticket is for.', sealed: 'plain' },
  peopleAhead: { note: 'People ahead of this ticket.', sealed: 'plain' },
  expectedWaitMinutes: { note: 'Expected wait in minutes.', sealed: 'plain' },
  depositRatio: { note: 'Deposit ratio of each side, e.g. `0.12`.', sealed: 'plain' },
  months: { note: 'Latest months first: rows of `month`, `employer`, `personal` (yuan).', sealed: 'plain' },
  propertyCount: { note: 'How many properties are registered.', sealed: 'plain' },
  properties: { note: 'Rows of `location`, `locationEn`, `area` (m²), `use`, `useEn`, `registeredOn`, `certificateNoMasked`.', sealed: 'masked' },
  items: { note: 'Bundle items: `id`, `name`, `nameEn`, `title` and `titleEn` (the same, for list rows: screens mask a field called `name`), `department`, the `fields` and `materials` (ids) each needs.', sealed: 'plain' },
  fields: { note: 'Shared form fields, asked once: `id`, `label`, `labelEn`, `type` (choice, date, digits), `required`, `maxLength` (0: none), `options`.', sealed: 'plain' },
  bundleId: { note: 'The bundle asked about.', sealed: 'plain' },
  heldCount: { note: 'How many materials the platform holds.', sealed: 'plain' },
  held: { note: 'Rows of `materialId`, `name`, `nameEn`, `source`: no paper needed for these.', sealed: 'plain' },
  licences: { note: 'Rows of `id` (the `licenceId` of a certified copy), `kind`, `title`, `titleEn`, `numberMasked`, `issuer`, `issuerEn`, `issuedOn`, `validUntil` (`长期` when it never expires, glossed in `validUntilEn`).', sealed: 'masked' },
  creditCode: { note: 'The unified social credit code.', sealed: 'plain' },
  enterpriseName: { note: 'The enterprise’s registered name: public, called `enterpriseName` because screens mask any `name`.', sealed: 'plain' },
  enterpriseNameEn: { note: 'English gloss of `enterpriseName`, or empty.', sealed: 'plain' },
  checkOk: { note: 'True when the check character is the one GB 32100 gives.', sealed: 'plain' },
  typedCheck: { note: 'The check character (the 18th) as typed.', sealed: 'plain' },
  expectedCheck: { note: 'The check character the first 17 characters give.', sealed: 'plain' },
  legalRepresentativeMasked: { note: 'Legal representative, masked.', sealed: 'masked' },
  registeredCapital: { note: 'Registered capital in yuan, as text.', sealed: 'plain' },
  statusLabelEn: { note: 'English gloss of `statusLabel`, or empty.', sealed: 'plain' },
  establishedOn: { note: 'Date of establishment, `YYYY-MM-DD`.', sealed: 'plain' },
  entryCount: { note: 'How many public credit entries there are.', sealed: 'plain' },
  entries: { note: 'Rows of `kind` (licence, award, penalty, abnormal), `title`, `titleEn`, `authority`, `date`.', sealed: 'plain' },
  title: { note: 'The title in Chinese: a public name, called `title` because screens mask any `name`.', sealed: 'plain' },
  titleEn: { note: 'English gloss of `title`, or empty.', sealed: 'plain' },
  conditionsText: { note: 'The conditions as one numbered line for a receipt, cut after 8 with a note.', sealed: 'plain' },
  materialsText: { note: 'The materials as one numbered line for a receipt, cut after 8 with a note.', sealed: 'plain' },
  stepsText: { note: 'The steps as one numbered line for a receipt, cut after 8 with a note.', sealed: 'plain' },
  channelLabel: { note: 'Where the service is done, in words, by what this kiosk can do (a terminal service no flow does here is a hall’s).', sealed: 'plain' },
  channelLabelEn: { note: 'English gloss of `channelLabel`.', sealed: 'plain' },
  hallNameEn: { note: 'English gloss of `hallName`, or empty.', sealed: 'plain' },
  hallAddress: { note: 'The hall’s street address (public, so not called `address`, which a screen masks).', sealed: 'plain' },
  hallAddressEn: { note: 'English gloss of `hallAddress`, or empty.', sealed: 'plain' },
  hours: { note: 'Opening hours, in words.', sealed: 'plain' },
  hoursEn: { note: 'English gloss of `hours`, or empty.', sealed: 'plain' },
  hallPhone: { note: 'The hall’s public phone number.', sealed: 'plain' },
  navUrl: { note: 'A map link that navigates to the hall, for a QR block.', sealed: 'plain' },
  distanceKm: { note: 'Kilometres from the kiosk, or null when its location is not configured.', sealed: 'plain' },
};

const example = (
  op: NewOperation,
  input: Record<string, unknown>,
  keep: string,
  notFound?: string,
): InvokeExample => ({
  state: keep,
  screen: 'looking-up',
  input: { operation: op, ...input },
  keep,
  next: `show${keep[0]?.toUpperCase() ?? ''}${keep.slice(1)}`,
  branches: notFound ? [['notFound', notFound]] : [],
  fallback: 'failed.platform',
});

/** One example invoke per new operation. */
// prettier-ignore
export const PLATFORM_EXAMPLES: Record<NewOperation, InvokeExample> = {
  'guide.list': example('guide.list', { args: { lifeEvent: '生育' } }, 'guides'),
  'guide.search': example('guide.search', { args: { query: '$event.value' } }, 'guides'),
  'guide.get': example('guide.get', { args: { guideId: '$event.id' } }, 'guide', 'failed.noGuide'),
  'hall.list': example('hall.list', { args: {} }, 'halls'),
  'queue.businessTypes': example('queue.businessTypes', { args: { hallId: '$context.hallId' } }, 'queues', 'failed.noHall'),
  'appointment.checkIn': example('appointment.checkIn', { resident: '$context.resident', args: {} }, 'ticket', 'noAppointment'),
  'hpf.account': example('hpf.account', { resident: '$context.resident', args: { months: 12 } }, 'account', 'failed.noRecord'),
  'realEstate.query': example('realEstate.query', { resident: '$context.resident', args: {} }, 'estate', 'failed.noRecord'),
  'licence.list': example('licence.list', { resident: '$context.resident', args: {} }, 'licences'),
  'application.bundle': example('application.bundle', { args: { bundleId: 'newborn' } }, 'bundle'),
  'application.materialsHeld': example('application.materialsHeld', { resident: '$context.resident', args: { bundleId: 'newborn' } }, 'held'),
  'hall.get': example('hall.get', { args: { hallId: '$context.hallId' } }, 'hall', 'failed.noHall'),
  'enterprise.creditRecord': example('enterprise.creditRecord', { args: { creditCode: '$event.value' } }, 'credit', 'failed.noEnterprise'),
  'enterprise.checkCode': example('enterprise.checkCode', { args: { creditCode: '$event.value' } }, 'codeCheck'),
};
