import type { Logger } from 'pino';
import type { CardType } from '../../../drivers/id-card/record.ts';
import {
  ACTOR_CAPABILITIES,
  type ActorCapabilityName,
  type ErrorFlag,
} from '../capabilities/catalogue.ts';
import type { CapabilityPorts } from '../capabilities/ports.ts';
import type { PlatformClient } from '../platform/client.ts';
import { cardTypeSchema } from '../platform/schemas.ts';
import {
  SENTINEL,
  sentinelCard,
  sentinelDepositRecord,
  sentinelPaymentRecord,
} from './sentinels.ts';

/**
 * What an invoked capability can come back with in the flow tester: success with one of the
 * representative outputs of that capability, or failure with one of the error flags the
 * catalogue says it can raise.
 */
export type Outcome = { kind: 'ok'; variant: string } | { kind: 'error'; flag: ErrorFlag };

const CARD_TYPES: readonly CardType[] = cardTypeSchema.options;

/** The operation of a `platform.call` input, or '' for any other capability. */
export function operationOf(name: string, input: unknown): string {
  if (name !== 'platform.call' || typeof input !== 'object' || input === null) return '';
  const op = (input as Record<string, unknown>).operation;
  return typeof op === 'string' ? op : '';
}

/**
 * The representative successes of one invoke: each card type a reader or a resident code can
 * identify, a record with contributions and a resident with none, and one answer otherwise.
 */
export function successVariants(name: ActorCapabilityName, operation: string): string[] {
  if (name === 'idcard.read') return [...CARD_TYPES];
  if (name === 'scanner.read') return ['code'];
  if (name === 'print.certificate' || name === 'print.receipt') return ['printed'];
  if (operation === 'identity.fromCode') return [...CARD_TYPES];
  if (operation === 'si.paymentRecord' || operation === 'hpf.depositRecord')
    return ['record', 'no-record'];
  if (operation === 'queue.ticket') return ['ticket'];
  return ['progress'];
}

/** Every outcome of one invoke: its successes, then each error flag of its capability. */
export function outcomesOf(name: ActorCapabilityName, operation: string): Outcome[] {
  return [
    ...successVariants(name, operation).map((variant) => ({ kind: 'ok' as const, variant })),
    ...ACTOR_CAPABILITIES[name].errors.map((flag) => ({ kind: 'error' as const, flag })),
  ];
}

/** How an outcome reads in a replayable path and in coverage: `ok:resident`, `error:timeout`. */
export function outcomeLabel(outcome: Outcome): string {
  return outcome.kind === 'ok' ? `ok:${outcome.variant}` : `error:${outcome.flag}`;
}

/** Marks the errors the tester made up, so they are told apart from the runtime's own. */
export const SCRIPTED = Symbol('flow-test scripted error');

/** The failure the tester hands the flow for a flag: an error carrying only that flag. */
export function scriptedError(name: string, flag: ErrorFlag): Error {
  return Object.assign(new Error(`${name} failed (${flag}), as the flow tester chose`), {
    [flag]: true,
    [SCRIPTED]: true,
  });
}

/**
 * Devices and a platform that answer at once with the sentinel resident, for the real session
 * runtime to run the successes on; `variant()` names the success being played.
 */
export function sentinelPorts(variant: () => string, log: Logger): CapabilityPorts {
  const cardType = (): CardType =>
    CARD_TYPES.includes(variant() as CardType) ? (variant() as CardType) : 'resident';
  const empty = (): boolean => variant() === 'no-record';
  const platform = {
    verifyIdentity: () => Promise.resolve({ verified: true, residentRef: SENTINEL.residentRef }),
    resolveResidentCode: () =>
      Promise.resolve({
        resolved: true,
        residentRef: SENTINEL.residentRef,
        name: SENTINEL.name,
        idNumberMasked: '110101********735X',
        cardType: cardType(),
      }),
    paymentRecord: () => Promise.resolve(sentinelPaymentRecord(empty())),
    depositRecord: () => Promise.resolve(sentinelDepositRecord(empty())),
    takeQueueTicket: () =>
      Promise.resolve({
        ticketNo: 'A017',
        serviceId: 'svc',
        serviceName: '综合窗口',
        waiting: 3,
        issuedAt: '2026-12-01T10:00:00+08:00',
      }),
    applicationProgress: (applicationNo: string) =>
      Promise.resolve({
        applicationNo,
        title: '示例事项',
        department: '示例部门',
        applicant: SENTINEL.applicant,
        submittedAt: '2026-11-01T10:00:00+08:00',
        status: 'in-review',
        statusLabel: '审核中',
        steps: [{ name: '受理', state: 'current' }],
      }),
    issueCertificate: () =>
      Promise.resolve({
        certificateNo: 'SI-2026-0001',
        verificationCode: '23456789ABCDEFGH',
        verifyUrl: 'https://verify.example/c/23456789ABCDEFGH',
        issuedAt: '2026-12-01T10:00:00+08:00',
      }),
    revokeCertificate: () => Promise.resolve(),
  } as unknown as PlatformClient;
  return {
    kioskId: 'K24-FLOW-TEST',
    platform,
    log,
    scanner: () => ({
      onCode: (listener) => {
        queueMicrotask(() => listener({ text: SENTINEL.codeText, symbology: 'qr' } as never));
        return () => undefined;
      },
      onRefused: () => () => undefined,
    }),
    outOfService: () => [],
    readIdCard: () => Promise.resolve(sentinelCard(cardType())),
    renderCertificate: () => Promise.resolve(new Uint8Array()),
    printDocument: () => Promise.resolve({ jobId: 'job-1' }),
    renderReceipt: () => Promise.resolve(new Uint8Array()),
    printReceipt: () => Promise.resolve(),
  };
}
