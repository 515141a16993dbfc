import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DeviceError } from '../../../drivers/device/errors.ts';
import type { IdCardRecord } from '../../../drivers/id-card/record.ts';
import type { PlatformClient } from '../platform/client.ts';
import type { HpfDepositRecord, SiPaymentRecord } from '../platform/schemas.ts';
import { maskIdNumber, maskName } from '../privacy/mask.ts';
import type { CapabilityRuntime } from '../runner/build-machine.ts';
import type { ActorCapabilityName, Requirement } from './catalogue.ts';
import { ACTOR_CAPABILITIES } from './catalogue.ts';
import { siCertificateData } from './certificate-data.ts';
import { CapabilityError } from './errors.ts';
import {
  isCodeResident,
  SessionResidents,
  type CardResident,
  type ResidentInContext,
} from './residents.ts';
import { waitForCode, type CodeSource } from './scan.ts';

export type { CardResident, CodeResident, ResidentInContext } from './residents.ts';

/** The parts of the kiosk the capabilities reach; assembled once at start-up. */
export interface CapabilityPorts {
  kioskId: string;
  readIdCard(options: { signal: AbortSignal; timeoutMs: number }): Promise<IdCardRecord>;
  /** The QR scanner as it is now (it may be reopened), or undefined when there is none. */
  scanner(): CodeSource | undefined;
  platform: PlatformClient;
  renderCertificate(template: string, data: Record<string, unknown>): Promise<Uint8Array>;
  printDocument(
    pdf: Uint8Array,
    options: { title: string; signal: AbortSignal },
  ): Promise<{ jobId: string }>;
  renderReceipt(template: string, data: Record<string, unknown>): Uint8Array;
  printReceipt(bytes: Uint8Array, options: { signal: AbortSignal }): Promise<void>;
  outOfService(): Requirement[];
  log: Logger;
}

/** The record `platform.call hpf.depositRecord` hands to a flow. */
export interface DepositRecordInContext {
  region: string;
  employer: string;
  monthCount: number;
  balance: string;
  accountStatus: string;
  record: HpfDepositRecord;
}

/** The record `platform.call si.paymentRecord` hands to a flow. */
export interface PaymentRecordInContext {
  region: string;
  employer: string;
  monthCount: number;
  record: SiPaymentRecord;
}

/**
 * Makes the capability runtime of one session. It keeps the platform's resident reference in
 * memory for this session only; `end()` drops it, and every in-flight capability is aborted.
 */
export function createSessionRuntime(
  ports: CapabilityPorts,
  sessionRef: string,
): CapabilityRuntime & { end(): void } {
  const ended = new AbortController();
  const residents = new SessionResidents();

  // Printers report paper out and faults themselves, with flags the flow branches on; only a
  // device that is not there at all is refused up front.
  const guard = (name: ActorCapabilityName): void => {
    if (name !== 'idcard.read' && name !== 'scanner.read') return;
    const down = new Set(ports.outOfService());
    const missing = ACTOR_CAPABILITIES[name].needs.filter((n) => down.has(n));
    if (missing.length > 0)
      throw new CapabilityError(`${name} cannot run: ${missing.join(', ')} out of service`, {
        outOfService: true,
      });
  };

  const residentRef = async (resident: ResidentInContext, signal: AbortSignal): Promise<string> => {
    const known = residents.refOf(resident);
    if (known) return known;
    if (isCodeResident(resident)) {
      // Without a full ID number there is nothing to verify again: the code was the proof.
      throw new CapabilityError(
        'this resident code holder is not known in this session; scan the code again',
        { rejected: true },
      );
    }
    const verification = await ports.platform.verifyIdentity(
      {
        idNumber: resident.idNumber,
        name: resident.name || (resident.nameEn ?? ''),
        cardType: resident.cardType,
      },
      { signal },
    );
    if (!verification.verified) {
      throw new CapabilityError('the platform did not recognise this card holder', {
        rejected: true,
      });
    }
    residents.rememberCardRef(resident, verification.residentRef);
    return verification.residentRef;
  };

  const run = async (
    name: ActorCapabilityName,
    input: unknown,
    signal: AbortSignal,
  ): Promise<unknown> => {
    guard(name);
    const both = AbortSignal.any([signal, ended.signal]);
    switch (name) {
      case 'idcard.read': {
        const { timeoutSeconds } = input as { timeoutSeconds: number };
        const record = await ports.readIdCard({ signal: both, timeoutMs: timeoutSeconds * 1000 });
        // The photo and fingerprints stay with the driver: no flow needs them.
        const { photoWlt: _photo, fingerprint: _fp, ...text } = record;
        const resident: CardResident = {
          ...text,
          source: 'card',
          nameMasked: maskName(record.name || (record.nameEn ?? '')),
          idNumberMasked: maskIdNumber(record.idNumber),
        };
        ports.log.info(
          { session: sessionRef, cardType: record.cardType, idNumber: record.idNumber },
          'card read',
        );
        return resident;
      }
      case 'scanner.read': {
        const { timeoutSeconds } = input as { timeoutSeconds: number };
        const scanner = ports.scanner();
        if (!scanner) throw new DeviceError('no QR scanner is open', { noDevice: true });
        const code = await waitForCode(scanner, {
          signal: both,
          timeoutMs: timeoutSeconds * 1000,
          log: ports.log,
          session: sessionRef,
        });
        return residents.keepCode(code.text, code.symbology);
      }
      case 'platform.call': {
        const call = input as {
          operation: string;
          resident?: ResidentInContext;
          args: Record<string, unknown>;
        };
        if (call.operation === 'identity.fromCode') return residentFromCode(call.args.code, both);
        if (call.operation === 'queue.ticket' || call.operation === 'application.progress') {
          return hallCall(call.operation, call.args, both);
        }
        if (!call.resident)
          throw new CapabilityError(`${call.operation} needs "resident"`, { rejected: true });
        const ref = await residentRef(call.resident, both);
        if (call.operation === 'si.paymentRecord') {
          const months = typeof call.args.months === 'number' ? call.args.months : 12;
          const record = await ports.platform.paymentRecord(ref, { months, signal: both });
          const out: PaymentRecordInContext = {
            region: record.insuredRegion.name,
            employer: record.employer?.name ?? '—',
            monthCount: record.months.length,
            record,
          };
          return out;
        }
        const months = typeof call.args.months === 'number' ? call.args.months : 12;
        const deposits = await ports.platform.depositRecord(ref, { months, signal: both });
        const out: DepositRecordInContext = {
          region: deposits.depositRegion.name,
          employer: deposits.employer?.name ?? '—',
          monthCount: deposits.months.length,
          balance: deposits.balance,
          accountStatus: deposits.accountStatusLabel,
          record: deposits,
        };
        return out;
      }
      case 'print.certificate': {
        const job = input as {
          template: string;
          kind: 'si-payment';
          resident: ResidentInContext;
          record: PaymentRecordInContext;
        };
        const ref = await residentRef(job.resident, both);
        const issued = await ports.platform.issueCertificate(
          { kind: job.kind, residentRef: ref, requestId: randomUUID() },
          { signal: both },
        );
        const data = siCertificateData(
          {
            name: holderName(job.resident),
            // A code holder's number arrives masked from the platform; masking is idempotent.
            idNumber: isCodeResident(job.resident)
              ? job.resident.idNumberMasked
              : job.resident.idNumber,
          },
          job.record.record,
          issued,
        );
        const pdf = await ports.renderCertificate(job.template, data);
        try {
          const { jobId } = await ports.printDocument(pdf, {
            title: `${job.kind}-${issued.certificateNo}`,
            signal: both,
          });
          ports.log.info(
            { session: sessionRef, certificateNo: issued.certificateNo, jobId },
            'certificate printed',
          );
          return {
            certificateNo: issued.certificateNo,
            verificationCode: issued.verificationCode,
            verifyUrl: issued.verifyUrl,
            jobId,
          };
        } catch (error) {
          // Nothing came out of the printer, so the registered certificate must not verify as valid.
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
      case 'print.receipt': {
        const job = input as { template: string; data: Record<string, unknown> };
        const data = maskReceiptData(job.data);
        const bytes = ports.renderReceipt(job.template, {
          ...data,
          kioskId: ports.kioskId,
          printedAt: chinaTime(new Date()),
        });
        await ports.printReceipt(bytes, { signal: both });
        return { printed: true };
      }
    }
  };

  /** Operations that need no resident: a queue ticket, or progress by application number. */
  const hallCall = async (
    operation: 'queue.ticket' | 'application.progress',
    args: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<unknown> => {
    const key = operation === 'queue.ticket' ? 'serviceId' : 'applicationNo';
    const value = args[key];
    if (typeof value !== 'string' || value.length === 0) {
      throw new CapabilityError(`${operation} needs args.${key} as text`, { rejected: true });
    }
    if (operation === 'queue.ticket') {
      const ticket = await ports.platform.takeQueueTicket({ serviceId: value }, { signal });
      return {
        ticketNo: ticket.ticketNo,
        serviceName: ticket.serviceName,
        waiting: ticket.waiting,
      };
    }
    const progress = await ports.platform.applicationProgress(value, { signal });
    // The applicant's name is personal data: a flow gets it masked only.
    const { applicant, ...rest } = progress;
    return { ...rest, applicantMasked: maskName(applicant) };
  };

  const residentFromCode = async (handle: unknown, signal: AbortSignal): Promise<unknown> => {
    const code = residents.takeCode(handle);
    const resolution = await ports.platform.resolveResidentCode(code, { signal });
    if (!resolution.resolved) {
      ports.log.info({ session: sessionRef, reason: resolution.reason }, 'resident code refused');
      throw new CapabilityError(`the platform refused the resident code: ${resolution.reason}`, {
        expired: resolution.reason === 'expired',
        notFound: resolution.reason === 'unknown',
        malformed: resolution.reason === 'malformed',
      });
    }
    ports.log.info(
      { session: sessionRef, cardType: resolution.cardType },
      'resident identified by code',
    );
    return residents.admitCodeResident(resolution);
  };

  return {
    run,
    end: () => {
      ended.abort(new CapabilityError('the session ended', { canceled: true }));
      residents.clear();
    },
  };
}

/** The name a certificate prints for a resident, whichever way they were identified. */
function holderName(resident: ResidentInContext): string {
  return isCodeResident(resident) ? resident.name : resident.name || (resident.nameEn ?? '');
}

/** Formats an instant as China Standard Time, `YYYY-MM-DD HH:mm`, for paper. */
export function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Masks the personal fields of receipt data: receipts leave the kiosk in residents' pockets. */
function maskReceiptData(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const key of ['name', 'nameEn'] as const)
    if (typeof out[key] === 'string') out[key] = maskName(out[key]);
  for (const key of ['idNumber', 'passNumber'] as const)
    if (typeof out[key] === 'string') out[key] = maskIdNumber(out[key]);
  return out;
}
