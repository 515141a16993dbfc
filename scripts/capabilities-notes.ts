/**
 * What flows/CAPABILITIES.md says in words beside the facts it reads from the capability
 * catalogue: what each input field, output field, platform operation and error flag means to a
 * vendor, and one example invoke per capability. The tables are typed by the catalogue's own
 * names, so a new capability, operation or flag does not compile until it is described here, and
 * scripts/capabilities-doc.ts refuses to write the reference while a field lacks a note.
 */
import type { ActorCapabilityName, ErrorFlag } from '../kiosk/core/capabilities/catalogue.ts';
import type { InvokeExample, PlatformOperation, Sealing } from './capabilities-notes-types.ts';
import {
  PLATFORM_EXAMPLES,
  PLATFORM_OPERATION_NOTES,
  PLATFORM_OUTPUT_NOTES,
} from './capabilities-notes-platform.ts';

export type { InvokeExample, PlatformOperation, Sealing } from './capabilities-notes-types.ts';

/** What each input field of each invokable capability is for. */
export const INPUT_NOTES: Record<ActorCapabilityName, Record<string, string>> = {
  'idcard.read': {
    timeoutSeconds: 'How long to wait for a card on the reader before failing with `timeout`.',
  },
  'scanner.read': {
    timeoutSeconds: 'How long to wait for a code before failing with `timeout`.',
    expect:
      'What the code must be: `resident-code` (a phone resident code, output a sealed handle), `application-number` (the progress QR of a kiosk receipt, or a bare application number such as `SQ320100000123`) or `credit-code` (a business licence QR, a link to the credit publicity system gsxt.gov.cn naming the code, or a bare 18-character code with a right GB 32100 check character). Anything else fails `unsupported`.',
  },
  'platform.call': {
    operation: 'Which platform operation to call; see the operations below.',
    resident:
      'The resident the operation is about: a resident view, as `idcard.read` or `identity.fromCode` returned it, usually `"$context.resident"`. The platform gets the raw identity by the handle inside it.',
    args: 'The arguments of the operation (see below): text, numbers, `true`/`false`, or references.',
  },
  'print.certificate': {
    template:
      'The certificate template: a built-in one, or `<flow id>/<file name>` shipped in the package `templates/` folder.',
    kind: 'What the certificate certifies (si-payment, hpf-deposit, real-estate, licence-copy); `record` must be the record of that kind.',
    resident:
      'The resident view the certificate is for, usually `"$context.resident"`; the name on an official certificate is looked up by its handle.',
    record:
      'The record view to certify, usually `"$context.record"`: the output of `platform.call` si.paymentRecord (si-payment), hpf.account or hpf.depositRecord (hpf-deposit), realEstate.query (real-estate) or licence.list (licence-copy). A record of another operation fails `rejected` before anything is registered.',
    licenceId:
      'licence-copy only: the `id` of the `licence.list` row to copy, usually `"$event.id"` of the list the resident touched or a `$context` key holding it.',
  },
  'print.receipt': {
    template:
      'The receipt template: a built-in one, or `<flow id>/<file name>` shipped in the package `templates/` folder.',
    data: 'The values the template fills in, by field name. Personal fields are masked before printing whatever you pass.',
  },
  'application.check': {
    bundleId:
      'The bundle, e.g. `newborn` or `retirement` (as `platform.call application.bundle` takes it).',
    resident: 'The applicant, usually `"$context.resident"`.',
    items:
      'The item ids the resident picked, usually `"$context.picked"` filled by `context.toggle` on a checklist.',
  },
  'application.submit': {
    bundleId: 'The bundle applied for.',
    resident:
      'The applicant, usually `"$context.resident"`; the platform gets the person by the handle inside it, never the ID number.',
    items: 'The item ids picked, usually `"$context.picked"`.',
    fields:
      'The shared field values by field id: choice values and digits typed on the pad. An empty value (a field the picked items do not need) is left out.',
  },
};

/** What each field of a view means, by field name (the same name means the same in every view). */
export const OUTPUT_NOTES: Record<string, { note: string; sealed: Sealing }> = {
  holder: {
    note: 'Opaque, session-scoped handle to the resident; pass the whole view on as `resident`.',
    sealed: 'handle',
  },
  source: { note: 'How the resident identified: ID card or phone resident code.', sealed: 'plain' },
  cardType: { note: 'Kind of identity document.', sealed: 'plain' },
  nameMasked: { note: 'Name for display, masked (`李*华`).', sealed: 'masked' },
  nameMaskedEn: {
    note: 'Foreign permanent-resident card only: the Latin name on the card, masked (`SMITH, A**** M***`); English screens show it instead of `nameMasked`.',
    sealed: 'masked',
  },
  idNumberMasked: {
    note: "ID number for display and receipts, masked in its card type's format: `320106********123X` (resident), `810000********1230` (HK/Macau/Taiwan permit), `932566********001X` (2023 foreigner card), `GBR32********12` (2017 foreigner card).",
    sealed: 'masked',
  },
  ageBand: {
    note: 'Age band to branch on; the birth date stays sealed.',
    sealed: 'plain',
  },
  code: {
    note: 'Opaque, single-use handle to the scanned text; pass it to `identity.fromCode` as `args.code`.',
    sealed: 'handle',
  },
  symbology: { note: 'Kind of code scanned (e.g. QR).', sealed: 'plain' },
  length: { note: 'Length of the scanned text, in characters.', sealed: 'plain' },
  record: {
    note: 'Opaque handle to the full record; pass the whole view on (e.g. to `print.certificate`).',
    sealed: 'handle',
  },
  region: { note: 'Where the resident is insured or deposits.', sealed: 'plain' },
  employer: { note: 'Current employer, or `—` when there is none.', sealed: 'plain' },
  monthCount: {
    note: 'Months in the record (0 when the resident has none).',
    sealed: 'plain',
  },
  periodFrom: { note: 'First month in the record, `YYYY-MM` (empty when none).', sealed: 'plain' },
  periodTo: { note: 'Last month in the record, `YYYY-MM` (empty when none).', sealed: 'plain' },
  balance: { note: 'Account balance in yuan, as text (e.g. `12345.67`).', sealed: 'plain' },
  accountStatus: { note: 'Account status as the platform words it.', sealed: 'plain' },
  ticketNo: { note: 'Queue ticket number to show and print.', sealed: 'plain' },
  serviceName: { note: 'Name of the service the ticket queues for.', sealed: 'plain' },
  waiting: { note: 'People waiting ahead of this ticket.', sealed: 'plain' },
  applicationNo: { note: 'The application number asked about.', sealed: 'plain' },
  title: { note: 'What the application is for.', sealed: 'plain' },
  department: { note: 'Department handling it.', sealed: 'plain' },
  applicantMasked: {
    note: 'Applicant name, masked; the flow never gets it in full.',
    sealed: 'masked',
  },
  submittedAt: { note: 'When it was submitted, as the platform gives it.', sealed: 'plain' },
  status: { note: 'Status code to branch or show on.', sealed: 'plain' },
  statusLabel: { note: 'Status in words, to show.', sealed: 'plain' },
  stepCount: { note: 'Steps in the procedure.', sealed: 'plain' },
  currentStep: { note: 'Name of the step it is at.', sealed: 'plain' },
  certificateNo: { note: 'Number of the certificate printed.', sealed: 'plain' },
  verificationCode: {
    note: 'Code anyone can check the certificate with (also on its QR code).',
    sealed: 'plain',
  },
  verifyUrl: { note: 'Where the certificate can be checked.', sealed: 'plain' },
  jobId: { note: 'The print job, for the journal.', sealed: 'plain' },
  printed: { note: 'True once the receipt is printed.', sealed: 'plain' },
  itemCount: { note: 'How many items were picked.', sealed: 'plain' },
  picked: { note: 'The picked items: `id`, `title`, `titleEn`.', sealed: 'plain' },
  needs: {
    note: 'By field id, `true` when a picked item needs the field: ask it once (`context.equals` on `needs.<id>`).',
    sealed: 'plain',
  },
  choices: {
    note: 'By field id, the options of a choice field: rows of `value`, `label`, `labelEn` for a `choices` list.',
    sealed: 'plain',
  },
  missingCount: { note: 'How many materials the resident must still bring.', sealed: 'plain' },
  missing: {
    note: 'Every material still missing, for one screen (一次告知): `id`, `title`, `titleEn`, `forItems` (the picked items that need it) and its English gloss `forItemsEn`.',
    sealed: 'plain',
  },
  alreadyHeld: {
    note: 'The materials of the picked items the platform holds (免证办): `materialId`, `title`, `titleEn`, `source`.',
    sealed: 'plain',
  },
  progressUrl: {
    note: 'Where the application’s progress is shown; put it in the receipt’s QR code.',
    sealed: 'plain',
  },
  sent: {
    note: '`true` when the platform has the application; `false` when the outbox sends it later.',
    sealed: 'plain',
  },
  ...PLATFORM_OUTPUT_NOTES,
};

/** What each platform operation does and which arguments it reads. */
export const OPERATION_NOTES: Record<
  PlatformOperation,
  { does: string; resident: boolean; args: Record<string, string> }
> = {
  'si.paymentRecord': {
    does: 'The social insurance contributions of the identified resident.',
    resident: true,
    args: {
      months: 'number, optional: months of history, default 12 (6, 12 or 24 on the period screen)',
      from: 'text, optional: first month `YYYY-MM` of a range, with `to` instead of `months` (at most 36 months)',
      to: 'text, optional: last month `YYYY-MM` of the range',
    },
  },
  'hpf.depositRecord': {
    does: 'The housing provident fund deposits and balance of the identified resident.',
    resident: true,
    args: { months: 'number, optional: months of history, default 12' },
  },
  'queue.ticket': {
    does: 'Takes a queue ticket for a business type of a hall (never retried: a retry could print two).',
    resident: false,
    args: {
      serviceId:
        'text, required: the business type to queue for (an `id` from `queue.businessTypes`)',
      hallId: 'text, optional: the hall, from `hall.list`; the platform default hall when absent',
    },
  },
  'application.progress': {
    does: 'Where an application stands, with every step done and to come and who handles it; the applicant comes back masked.',
    resident: false,
    args: { applicationNo: 'text, required: the application number' },
  },
  'identity.fromCode': {
    does: 'Who a scanned phone resident code belongs to: a resident view like a card holder (`source: "qr"`), with no full ID number.',
    resident: false,
    args: { code: 'reference, required: the handle from `scanner.read`, `"$context.scan.code"`' },
  },
  ...PLATFORM_OPERATION_NOTES,
};

/** What each error flag means, in general. */
export const FLAG_NOTES: Record<ErrorFlag, string> = {
  timeout: 'Nothing came in the time allowed (the input `timeoutSeconds`, or the kiosk deadline).',
  canceled: 'The session ended or the resident left the state while the capability worked.',
  noCard: 'The reader reported no card.',
  readFailed: 'The card was moved or could not be read; trying again usually works.',
  disconnected: 'The device was unplugged or its link dropped.',
  noDevice: 'The kiosk has no such device, or it is not configured.',
  hardwareError: 'The device reports a fault (cover open, cutter jammed, self-test failed).',
  unsupported: 'The device read something it does not support (a card type, a code format).',
  paperOut: 'The printer is out of paper; nothing was printed.',
  notFound: 'The platform has nothing for this (no record, unknown application or code).',
  unavailable: 'The platform could not be reached or gave an unusable answer; later may work.',
  rejected:
    'The input was refused at run time: a flow bug, e.g. a reference that resolved to something of the wrong shape.',
  malformed:
    'What was scanned or typed is not a valid code: not a resident code at all, or a credit code whose check character is wrong.',
  outOfService: 'The device or service is out of service right now (staff are told).',
  expired: 'A genuine resident code past its validity; the phone shows a fresh one.',
};

/** Where a flag means something narrower for one capability. */
export const FLAG_NOTES_BY_CAPABILITY: Partial<
  Record<ActorCapabilityName, Partial<Record<ErrorFlag, string>>>
> = {
  'idcard.read': {
    timeout:
      'No card was presented within `timeoutSeconds` (or the kiosk deadline for the read passed): the resident may try again. A reader fault is never `timeout`.',
    outOfService:
      'The reader cannot read any card now (it stopped answering, its answers stay corrupt, or its SAM failed or is not authorised; also `disconnected` or `hardwareError` when that is the cause). Placing the card again cannot help: offer the phone resident code or the counter.',
  },
  'platform.call': {
    rejected:
      'The call was refused: by the kiosk (a flow bug, e.g. no `resident` for an operation that needs one, or a missing argument) or by the platform (e.g. it does not recognise the card holder).',
    notFound:
      'No record for this resident (`si.paymentRecord`, `hpf.depositRecord`), no such application, or a resident code the platform cannot check (`identity.fromCode`).',
    malformed:
      '`identity.fromCode`: what was scanned is not a resident code. `enterprise.creditRecord` and `enterprise.checkCode`: the credit code is not a valid one (a wrong GB 32100 check character for `creditRecord`).',
    expired: '`identity.fromCode` only: the resident code has expired; ask for a fresh one.',
  },
  'scanner.read': {
    unsupported:
      'The scanner refused what it read, or (with `expect` other than `resident-code`) the code is not what was expected: not a receipt progress QR or application number, not a licence QR or credit code, or a credit code with a wrong check character.',
  },
  'print.certificate': {
    unavailable:
      'The platform could not register the certificate; nothing was printed. Later may work.',
    rejected:
      'The platform refused to register the certificate, the template refused the data, or the input was wrong (a flow bug); nothing was printed and the printer is not at fault.',
  },
  'print.receipt': {
    rejected:
      'The template refused the data (a missing field, an unmasked number, an unprintable character) or the input was wrong; nothing was printed and the printer is not at fault.',
  },
  'application.check': {
    notFound: 'The platform knows no such bundle.',
    rejected:
      'No item picked, an item the bundle lacks or no `resident` (flow bugs), or the platform does not recognise the card holder.',
  },
  'application.submit': {
    unavailable:
      'The kiosk could not save the application (its journal failed, or too many wait for the platform already); nothing was filed, no number given.',
    rejected:
      'The platform refused the application (e.g. a required field left empty), or the input was wrong (a flow bug). When the platform is merely away the submit succeeds with `sent: false`.',
  },
};

/** One example per invokable capability, and one per platform operation. */
export const EXAMPLES: Record<Exclude<ActorCapabilityName, 'platform.call'>, InvokeExample> &
  Record<PlatformOperation, InvokeExample> = {
  'application.check': {
    state: 'checking',
    screen: 'checking',
    input: { bundleId: 'newborn', resident: '$context.resident', items: '$context.picked' },
    keep: 'check',
    next: 'form',
    branches: [['unavailable', 'failed.platform']],
    fallback: 'failed.service',
  },
  'application.submit': {
    state: 'submitting',
    screen: 'submitting',
    input: {
      bundleId: 'newborn',
      resident: '$context.resident',
      items: '$context.picked',
      fields: { childGender: '$context.childGender', phone: '$context.phone' },
    },
    keep: 'application',
    next: 'receipt',
    branches: [['rejected', 'failed.refused']],
    fallback: 'failed.notSaved',
  },
  'idcard.read': {
    state: 'readCard',
    screen: 'insert-card',
    input: { timeoutSeconds: 60 },
    keep: 'resident',
    next: 'lookup',
    branches: [
      ['timeout', 'failed.cardTimeout'],
      ['outOfService', 'failed.readerOutOfService'],
    ],
    fallback: 'failed.cardRead',
  },
  'scanner.read': {
    state: 'scanCode',
    screen: 'show-code',
    input: { timeoutSeconds: 60 },
    keep: 'scan',
    next: 'resolveCode',
    branches: [['timeout', 'failed.codeTimeout']],
    fallback: 'failed.codeUnreadable',
  },
  'print.certificate': {
    state: 'printing',
    screen: 'printing',
    input: {
      template: 'si-payment-certificate',
      kind: 'si-payment',
      resident: '$context.resident',
      record: '$context.record',
    },
    keep: 'certificate',
    next: 'receipt',
    branches: [['paperOut', 'failed.paperOut']],
    fallback: 'failed.printer',
  },
  'print.receipt': {
    state: 'receipt',
    screen: 'printing-receipt',
    input: {
      template: 'si-certificate-receipt',
      data: {
        serviceName: '社保参保缴费证明打印',
        name: '$context.resident.nameMasked',
        certificateNumber: '$context.certificate.certificateNo',
      },
    },
    next: 'done',
    branches: [],
    fallback: 'doneWithoutReceipt',
  },
  'si.paymentRecord': {
    state: 'lookup',
    screen: 'looking-up',
    input: { operation: 'si.paymentRecord', resident: '$context.resident', args: { months: 12 } },
    keep: 'record',
    next: 'preview',
    branches: [['notFound', 'failed.noRecord']],
    fallback: 'failed.platform',
  },
  'hpf.depositRecord': {
    state: 'lookup',
    screen: 'looking-up',
    input: { operation: 'hpf.depositRecord', resident: '$context.resident', args: { months: 12 } },
    keep: 'record',
    next: 'result',
    branches: [['notFound', 'failed.noRecord']],
    fallback: 'failed.platform',
  },
  'queue.ticket': {
    state: 'takeTicket',
    screen: 'taking-ticket',
    input: { operation: 'queue.ticket', args: { serviceId: 'social-insurance' } },
    keep: 'ticket',
    next: 'showTicket',
    branches: [['unavailable', 'failed.platform']],
    fallback: 'failed.service',
  },
  'application.progress': {
    state: 'progress',
    screen: 'looking-up',
    input: { operation: 'application.progress', args: { applicationNo: '$context.applicationNo' } },
    keep: 'progress',
    next: 'showProgress',
    branches: [['notFound', 'failed.unknownApplication']],
    fallback: 'failed.platform',
  },
  'identity.fromCode': {
    state: 'resolveCode',
    screen: 'checking-code',
    input: { operation: 'identity.fromCode', args: { code: '$context.scan.code' } },
    keep: 'resident',
    next: 'lookup',
    branches: [
      ['expired', 'failed.codeExpired'],
      ['notFound', 'failed.codeUnknown'],
    ],
    fallback: 'failed.codePlatform',
  },
  ...PLATFORM_EXAMPLES,
};
