import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ACTOR_CAPABILITIES } from './catalogue.ts';
import { certificateHolder } from './certificate-data.ts';
import { prepareKind } from './certificate-kinds.ts';
import type { CapabilityCall } from './ports.ts';
import { withPrintLedger } from './print-ledger.ts';
import { maskName } from '../privacy/mask.ts';
import { residentRef } from './platform-call.ts';
import { templateRefusal } from './template-refusal.ts';

/** The input `print.certificate` takes, as the catalogue parsed it (references resolved). */
export type PrintCertificateInput = z.output<
  (typeof ACTOR_CAPABILITIES)['print.certificate']['input']
>;

/** The licence id the flow passed (resolved from `$event.id` or `$context`), if any. */
function licenceIdOf(input: PrintCertificateInput): string | undefined {
  return typeof input.licenceId === 'string' ? input.licenceId : undefined;
}

/**
 * `print.certificate`: registers a certificate with the platform, renders it and prints it on
 * A4, for every kind in certificate-kinds.ts. An official certificate carries the holder's full name, so this is the one capability that
 * reads the name from the vault; the ID number is masked before the template sees it.
 */
export async function printCertificate(
  call: CapabilityCall,
  input: PrintCertificateInput,
): Promise<{ certificateNo: string; verificationCode: string; verifyUrl: string; jobId: string }> {
  const { ports, signal } = call;
  // The record is checked before anything is registered: a wrong one is the flow's mistake.
  const print = prepareKind(input.kind, call.vault.record(input.record), licenceIdOf(input));
  // A public kind (an enterprise's credit record) names no person: no resident is looked up or
  // sent, whatever the flow passed (the catalogue refuses one at install anyway).
  const resident = print.isPublic ? undefined : input.resident;
  const sealed = resident === undefined ? undefined : call.vault.resident(resident);
  const ref = resident === undefined ? undefined : await residentRef(call, resident);
  const issued = await ports.platform.issueCertificate(
    {
      kind: input.kind,
      ...(ref === undefined ? {} : { residentRef: ref }),
      requestId: randomUUID(),
      ...print.subject,
    },
    { signal },
  );
  const holder = sealed === undefined ? undefined : certificateHolder(sealed);
  try {
    let pdf: Uint8Array;
    try {
      pdf = await ports.renderCertificate(input.template, print.data(holder, issued));
    } catch (error) {
      throw templateRefusal(call, 'print.certificate', error);
    }
    const summary = `${input.template} ${holder ? maskName(holder.name) : (print.subject.creditCode ?? '')}`;
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
