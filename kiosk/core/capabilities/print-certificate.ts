import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { SiPaymentRecord } from '../platform/schemas.ts';
import type { ACTOR_CAPABILITIES } from './catalogue.ts';
import { siCertificateData } from './certificate-data.ts';
import { CapabilityError } from './errors.ts';
import type { CapabilityCall } from './ports.ts';
import { withPrintLedger } from './print-ledger.ts';
import { maskName } from '../privacy/mask.ts';
import { residentRef } from './platform-call.ts';
import { templateRefusal } from './template-refusal.ts';

/** The input `print.certificate` takes, as the catalogue parsed it (references resolved). */
export type PrintCertificateInput = z.output<
  (typeof ACTOR_CAPABILITIES)['print.certificate']['input']
>;

/**
 * `print.certificate`: registers a certificate with the platform, renders it and prints it on
 * A4. An official certificate carries the holder's full name, so this is the one capability that
 * reads the name from the vault; the ID number is masked before the template sees it.
 */
export async function printCertificate(
  call: CapabilityCall,
  input: PrintCertificateInput,
): Promise<{ certificateNo: string; verificationCode: string; verifyUrl: string; jobId: string }> {
  const { ports, signal } = call;
  const sealed = call.vault.resident(input.resident);
  const record = call.vault.record(input.record) as SiPaymentRecord;
  if (!Array.isArray(record.months) || record.insuredRegion === undefined) {
    throw new CapabilityError(
      `print.certificate kind ${input.kind} needs the record of platform.call si.paymentRecord`,
      { rejected: true },
    );
  }
  const ref = await residentRef(call, input.resident);
  const issued = await ports.platform.issueCertificate(
    { kind: input.kind, residentRef: ref, requestId: randomUUID() },
    { signal },
  );
  const holder =
    sealed.source === 'card'
      ? { name: sealed.card.name || (sealed.card.nameEn ?? ''), idNumber: sealed.card.idNumber }
      : // A code holder's number arrives masked from the platform; masking is idempotent.
        { name: sealed.name, idNumber: sealed.idNumberMasked };
  try {
    let pdf: Uint8Array;
    try {
      pdf = await ports.renderCertificate(
        input.template,
        siCertificateData(holder, record, issued),
      );
    } catch (error) {
      throw templateRefusal(call, 'print.certificate', error);
    }
    const summary = `${input.template} ${maskName(holder.name)}`;
    const { jobId } = await withPrintLedger(call, { device: 'document', summary }, () =>
      ports.printDocument(pdf, { title: `${input.kind}-${issued.certificateNo}`, signal }),
    );
    ports.log.info(
      { session: call.sessionRef, certificateNo: issued.certificateNo, jobId },
      'certificate printed',
    );
    return {
      certificateNo: issued.certificateNo,
      verificationCode: issued.verificationCode,
      verifyUrl: issued.verifyUrl,
      jobId,
    };
  } catch (error) {
    // Nothing came out of the printer (or the template refused the data), so the registered
    // certificate must not verify as valid.
    await ports.platform
      .revokeCertificate(issued.verificationCode, { reason: 'print failed' })
      .catch((revokeError: unknown) => {
        ports.log.error(
          { err: revokeError, certificateNo: issued.certificateNo },
          'revoking an unprinted certificate failed',
        );
      });
    throw error;
  }
}
