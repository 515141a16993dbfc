import type { z } from 'zod';
import { asSeenByFlows, PlatformError } from '../platform/errors.ts';
import { maskName } from '../privacy/mask.ts';
import type { ACTOR_CAPABILITIES } from './catalogue.ts';
import { CapabilityError } from './errors.ts';
import type { DepositRecordView, PaymentRecordView, ResidentView } from './outputs.ts';
import { MAX_VIEW_ROWS } from './outputs-platform.ts';
import {
  checkIn,
  hpfAccount,
  licenceList,
  materialsHeld,
  realEstate,
} from './platform-personal.ts';
import {
  bundleView,
  businessTypes,
  creditCodeCheck,
  creditRecord,
  guideGet,
  guideList,
  hallGet,
  hallList,
  optionalText,
  textArg,
  ticketView,
} from './platform-services.ts';
import type { CapabilityCall } from './ports.ts';
import { checkedRange } from './record-period.ts';
import { residentRef } from './resident-ref.ts';

export { residentRef } from './resident-ref.ts';

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
      const hallId = optionalText(input.args, 'hallId');
      const ticket = await platform.takeQueueTicket(
        {
          serviceId: textArg(input.operation, input.args, 'serviceId'),
          ...(hallId ? { hallId } : {}),
        },
        { signal },
      );
      return ticketView(ticket);
    }
    case 'application.progress': {
      const number = textArg(input.operation, input.args, 'applicationNo');
      const progress = await platform.applicationProgress(number, { signal });
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
        steps: progress.steps.slice(0, MAX_VIEW_ROWS).map((step) => ({
          stepName: step.name,
          stepNameEn: step.nameEn ?? '',
          // The platform's `pending` is what a steps list calls `todo`.
          state: step.state === 'pending' ? ('todo' as const) : step.state,
          at: step.at ?? '',
          department: step.department ?? '',
          handler: step.handler ?? '',
        })),
      };
    }
    case 'si.paymentRecord': {
      const ref = await residentRef(call, input.resident);
      const record = await platform.paymentRecord(ref, { ...periodArgs(call, input), signal });
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
      const deposits = await platform.depositRecord(ref, { ...periodArgs(call, input), signal });
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
    case 'guide.list':
    case 'guide.search':
      return guideList(call, input.operation, input.args);
    case 'guide.get':
      return guideGet(call, input.args);
    case 'hall.list':
      return hallList(call, input.args);
    case 'queue.businessTypes':
      return businessTypes(call, input.args);
    case 'enterprise.creditRecord':
      return creditRecord(call, input.args);
    case 'application.bundle':
      return bundleView(call, input.args);
    case 'hpf.account':
      return hpfAccount(call, input.resident, input.args);
    case 'realEstate.query':
      return realEstate(call, input.resident);
    case 'licence.list':
      return licenceList(call, input.resident);
    case 'application.materialsHeld':
      return materialsHeld(call, input.resident, input.args);
    case 'appointment.checkIn':
      return checkIn(call, input.resident, input.args);
    case 'hall.get':
      return hallGet(call, input.args);
    case 'enterprise.checkCode':
      return creditCodeCheck(input.args);
  }
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

/** `months` (default 12), or `from` and `to` (`YYYY-MM`) when both are given. */
function periodArgs(
  call: CapabilityCall,
  input: PlatformCallInput,
): { months: number } | { from: string; to: string } {
  const from = optionalText(input.args, 'from');
  const to = optionalText(input.args, 'to');
  if (from !== undefined || to !== undefined) {
    if (from === undefined || to === undefined) {
      throw new CapabilityError(`${input.operation} needs both args.from and args.to (YYYY-MM)`, {
        rejected: true,
      });
    }
    return checkedRange(input.operation, from, to, call.clock.now());
  }
  const months = input.args.months;
  return { months: typeof months === 'number' ? months : DEFAULT_MONTHS };
}
