import type { z } from 'zod';
import {
  hpfDepositRecordSchema,
  siPaymentRecordSchema,
  type IssuedCertificate,
} from '../platform/schemas.ts';
import {
  creditRecordSchema,
  licenceListSchema,
  realEstateRecordSchema,
} from '../platform/schemas-services.ts';
import type { CERTIFICATE_KINDS } from './catalogue.ts';
import { siCertificateData, type CertificateHolder } from './certificate-data.ts';
import { creditRecordData } from './certificate-data-credit.ts';
import { hpfCertificateData } from './certificate-data-hpf.ts';
import { licenceCopyData, type Licence } from './certificate-data-licence.ts';
import { realEstateCertificateData } from './certificate-data-real-estate.ts';
import { CapabilityError } from './errors.ts';

/** What the platform registers a certificate about, besides a resident. */
type KindSubject = { licenceId: string } | { creditCode: string };

/** One certificate kind `print.certificate` prints. */
export type PrintableKind = (typeof CERTIFICATE_KINDS)[number];

/** A record as the kind's mapper reads it, checked against the platform's reply schema. */
interface KindSpec<R> {
  /** The `platform.call` operations whose record this kind prints from. */
  operations: string;
  schema: z.ZodType<R>;
  /** The subject the platform registers besides the resident (a licence copy's licence). */
  subject?: (record: R, licenceId: string | undefined) => KindSubject;
  /** True for a kind about an enterprise: no resident, and `holder` is never read. */
  public?: true;
  data: (
    holder: CertificateHolder,
    record: R,
    issued: IssuedCertificate,
    licenceId: string | undefined,
  ) => Record<string, unknown>;
}

/** The licence a `licence-copy` names, or `rejected` saying what to pass. */
function chosenLicence(record: { licences: Licence[] }, licenceId: string | undefined): Licence {
  const licence = record.licences.find((l) => l.id === licenceId);
  if (!licence) {
    throw new CapabilityError(
      licenceId === undefined
        ? 'print.certificate kind licence-copy needs "licenceId", the id of a licence.list row, e.g. "$context.licenceId"'
        : 'print.certificate kind licence-copy got a licenceId that is not in the licence.list record passed',
      { rejected: true },
    );
  }
  return licence;
}

const spec = <R>(s: KindSpec<R>): KindSpec<unknown> => s as unknown as KindSpec<unknown>;

/** Per kind: where its record comes from and the one mapper onto its template's data. */
const KINDS: Record<PrintableKind, KindSpec<unknown>> = {
  'si-payment': spec({
    operations: 'si.paymentRecord',
    schema: siPaymentRecordSchema,
    data: (holder, record, issued) => siCertificateData(holder, record, issued),
  }),
  'hpf-deposit': spec({
    operations: 'hpf.account or hpf.depositRecord',
    schema: hpfDepositRecordSchema,
    data: (holder, record, issued) => hpfCertificateData(holder, record, issued),
  }),
  'real-estate': spec({
    operations: 'realEstate.query',
    schema: realEstateRecordSchema,
    data: (holder, record, issued) => realEstateCertificateData(holder, record, issued),
  }),
  'licence-copy': spec({
    operations: 'licence.list',
    schema: licenceListSchema,
    subject: (record, licenceId) => ({ licenceId: chosenLicence(record, licenceId).id }),
    data: (holder, record, issued, licenceId) =>
      licenceCopyData(holder, chosenLicence(record, licenceId), issued),
  }),
  'credit-record': spec({
    operations: 'enterprise.creditRecord',
    schema: creditRecordSchema,
    public: true,
    subject: (record) => ({ creditCode: record.creditCode }),
    data: (_holder, record, issued) => creditRecordData(record, issued),
  }),
};

/** A kind's record checked and its template data builder, ready for one print. */
export interface KindPrint {
  /** Extra fields of the platform's issue request (`licenceId`, a credit record's `creditCode`). */
  subject: { licenceId?: string; creditCode?: string };
  /** The kind is about an enterprise: no resident is looked up, sent or printed. */
  isPublic: boolean;
  /** The template data; a public kind gets no holder. */
  data: (
    holder: CertificateHolder | undefined,
    issued: IssuedCertificate,
  ) => Record<string, unknown>;
}

/**
 * Checks that `record` is what `kind` prints from (before anything is registered with the
 * platform) and returns how to build its template data. A record of another operation is
 * `rejected`, naming the operation to call.
 */
export function prepareKind(
  kind: PrintableKind,
  record: unknown,
  licenceId: string | undefined,
): KindPrint {
  const kindSpec = KINDS[kind];
  const parsed = kindSpec.schema.safeParse(record);
  if (!parsed.success) {
    throw new CapabilityError(
      `print.certificate kind ${kind} needs the record of platform.call ${kindSpec.operations}`,
      { rejected: true },
    );
  }
  const checked = parsed.data;
  const isPublic = kindSpec.public === true;
  return {
    subject: kindSpec.subject?.(checked, licenceId) ?? {},
    isPublic,
    data: (holder, issued) => {
      if (holder === undefined && !isPublic) {
        throw new CapabilityError(`print.certificate kind ${kind} needs "resident"`, {
          rejected: true,
        });
      }
      return kindSpec.data(holder ?? { name: '', idNumber: '' }, checked, issued, licenceId);
    },
  };
}
