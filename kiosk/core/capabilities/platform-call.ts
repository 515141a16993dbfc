import type { z } from 'zod';
import { asSeenByFlows, PlatformError } from '../platform/errors.ts';
import { maskName } from '../privacy/mask.ts';
import type { ACTOR_CAPABILITIES } from './catalogue.ts';
import { CapabilityError } from './errors.ts';
import type { DepositRecordView, PaymentRecordView, ResidentView } from './outputs.ts';
import type { CapabilityCall } from './ports.ts';

/** The input `platform.call` takes, as the catalogue parsed it (references already resolved). */
export type PlatformCallInput = z.output<(typeof ACTOR_CAPABILITIES)['platform.call']['input']>;

/** Months of history a record covers when the flow does not say. */
const DEFAULT_MONTHS = 12;

/**
 * `platform.call`: one operation of the government service platform. The resident's raw
 * identity is looked up in the vault by the handle in the view the flow passes; what comes back
 * is a view again, with any full record sealed behind a handle.
 */
export async function callPlatform(
  call: CapabilityCall,
  input: PlatformCallInput,
): Promise<unknown> {
  try {
    return await runOperation(call, input);
  } catch (error) {
    // A reply the client could not use reads to the flow as the platform being away.
    throw error instanceof PlatformError ? asSeenByFlows(error) : error;
  }
}

async function runOperation(call: CapabilityCall, input: PlatformCallInput): Promise<unknown> {
  const { platform } = call.ports;
  const { signal } = call;
  call.ports.journal?.step(call.sessionRef, 'platform.asked', { operation: input.operation });
  switch (input.operation) {
    case 'identity.fromCode':
      return residentFromCode(call, input.args.code);
    case 'queue.ticket': {
      const ticket = await platform.takeQueueTicket(
        { serviceId: textArg(input, 'serviceId') },
        { signal },
      );
      return {
        ticketNo: ticket.ticketNo,
        serviceName: ticket.serviceName,
        waiting: ticket.waiting,
      };
    }
    case 'application.progress': {
      const progress = await platform.applicationProgress(textArg(input, 'applicationNo'), {
        signal,
      });
      const current = progress.steps.find((s) => s.state === 'current') ?? progress.steps.at(-1);
      return {
        applicationNo: progress.applicationNo,
        title: progress.title,
        department: progress.department,
        // The applicant's name is personal data: a flow gets it masked only.
        applicantMasked: maskName(progress.applicant),
        submittedAt: progress.submittedAt,
        status: progress.status,
        statusLabel: progress.statusLabel,
        stepCount: progress.steps.length,
        currentStep: current?.name ?? '',
      };
    }
    case 'si.paymentRecord': {
      const ref = await residentRef(call, input.resident);
      const record = await platform.paymentRecord(ref, { months: monthsArg(input), signal });
      const months = record.months.map((m) => m.month).sort();
      const view: PaymentRecordView = {
        record: call.vault.keepRecord(record),
        region: record.insuredRegion.name,
        employer: record.employer?.name ?? '—',
        monthCount: record.months.length,
        periodFrom: months[0] ?? '',
        periodTo: months.at(-1) ?? '',
      };
      return view;
    }
    case 'hpf.depositRecord': {
      const ref = await residentRef(call, input.resident);
      const deposits = await platform.depositRecord(ref, { months: monthsArg(input), signal });
      const view: DepositRecordView = {
        record: call.vault.keepRecord(deposits),
        region: deposits.depositRegion.name,
        employer: deposits.employer?.name ?? '—',
        monthCount: deposits.months.length,
        balance: deposits.balance,
        accountStatus: deposits.accountStatusLabel,
      };
      return view;
    }
  }
}

/**
 * The platform's reference for the resident behind a view: known already for a code holder,
 * asked once per session for a card holder (the platform checks the card's name and number).
 */
export async function residentRef(call: CapabilityCall, view: unknown): Promise<string> {
  if (view === undefined)
    throw new CapabilityError('this operation needs "resident", e.g. "$context.resident"', {
      rejected: true,
    });
  const sealed = call.vault.resident(view);
  if (sealed.residentRef !== undefined) return sealed.residentRef;
  if (sealed.source !== 'card')
    throw new CapabilityError('resident has no reference', { rejected: true });
  const verification = await call.ports.platform.verifyIdentity(
    {
      idNumber: sealed.card.idNumber,
      name: sealed.card.name || (sealed.card.nameEn ?? ''),
      cardType: sealed.card.cardType,
    },
    { signal: call.signal },
  );
  if (!verification.verified) {
    throw new CapabilityError('the platform did not recognise this card holder', {
      rejected: true,
    });
  }
  call.vault.rememberRef(view, verification.residentRef);
  return verification.residentRef;
}

async function residentFromCode(call: CapabilityCall, handle: unknown): Promise<ResidentView> {
  call.ports.journal?.step(call.sessionRef, 'identity.method', { method: 'qr' });
  const code = call.vault.takeCode(handle);
  const resolution = await call.ports.platform.resolveResidentCode(code, { signal: call.signal });
  if (!resolution.resolved) {
    call.ports.log.info(
      { session: call.sessionRef, reason: resolution.reason },
      'resident code refused',
    );
    throw new CapabilityError(`the platform refused the resident code: ${resolution.reason}`, {
      expired: resolution.reason === 'expired',
      notFound: resolution.reason === 'unknown',
      malformed: resolution.reason === 'malformed',
    });
  }
  call.ports.log.info(
    { session: call.sessionRef, cardType: resolution.cardType },
    'resident identified by code',
  );
  return call.vault.admitCode(resolution);
}

function textArg(input: PlatformCallInput, key: 'serviceId' | 'applicationNo'): string {
  const value = input.args[key];
  if (typeof value !== 'string' || value.length === 0) {
    throw new CapabilityError(`${input.operation} needs args.${key} as text`, { rejected: true });
  }
  return value;
}

function monthsArg(input: PlatformCallInput): number {
  const months = input.args.months;
  return typeof months === 'number' ? months : DEFAULT_MONTHS;
}
