import type { CardType } from '../../../drivers/id-card/record.ts';
import type { PlatformClient } from '../platform/client.ts';
import type { OperationSample } from './sample-types.ts';
import { cardTypeSchema } from '../platform/schemas.ts';
import { SERVICE_SAMPLES } from './platform-samples-services.ts';
import { SENTINEL, sentinelDepositRecord, sentinelPaymentRecord } from './sentinels.ts';
import { sentinelLicences, sentinelRealEstate, shownDepositRecord } from './sentinels-personal.ts';

/** Variants of `hpf.account`, answered by the same client method as `hpf.depositRecord`. */
const HPF_ACCOUNT_VARIANTS = ['account', 'sealed'];

/**
 * What the flow tester's sentinel platform answers, one entry per `platform.call` operation:
 * the success variants the tester plays (each a coverage item `ok:<variant>`), and the client
 * methods the operation calls, answering for the variant being played. Adding an operation's
 * samples is adding its entry here; the tester finds everything else from it.
 */

export type { OperationSample } from './sample-types.ts';

const CARD_TYPES: readonly CardType[] = cardTypeSchema.options;

/** The card type a variant names, or a resident's card for any other variant. */
export function cardTypeOf(variant: string): CardType {
  return CARD_TYPES.includes(variant as CardType) ? (variant as CardType) : 'resident';
}

/** The samples of every operation the tester knows. */
export const PLATFORM_SAMPLES: Record<string, OperationSample> = {
  'identity.fromCode': {
    variants: CARD_TYPES,
    client: {
      resolveResidentCode: (variant) =>
        Promise.resolve({
          resolved: true,
          residentRef: SENTINEL.residentRef,
          name: SENTINEL.name,
          idNumberMasked: '110101********735X',
          cardType: cardTypeOf(variant),
        }),
    },
  },
  'si.paymentRecord': {
    variants: ['record', 'no-record'],
    client: {
      verifyIdentity: () => Promise.resolve({ verified: true, residentRef: SENTINEL.residentRef }),
      paymentRecord: (variant) => Promise.resolve(sentinelPaymentRecord(variant === 'no-record')),
    },
  },
  'hpf.depositRecord': {
    variants: ['record', 'no-record'],
    client: {
      verifyIdentity: () => Promise.resolve({ verified: true, residentRef: SENTINEL.residentRef }),
      depositRecord: (variant) =>
        Promise.resolve(
          HPF_ACCOUNT_VARIANTS.includes(variant)
            ? shownDepositRecord(variant === 'sealed')
            : sentinelDepositRecord(variant === 'no-record'),
        ),
    },
  },
  'queue.ticket': {
    variants: ['ticket'],
    client: {
      takeQueueTicket: () =>
        Promise.resolve({
          ticketNo: 'A017',
          serviceId: 'svc',
          serviceName: '综合窗口',
          hallName: '示例政务服务中心',
          waiting: 3,
          peopleAhead: 3,
          expectedWaitMinutes: 12,
          issuedAt: '2026-12-01T10:00:00+08:00',
        }),
    },
  },
  'application.progress': {
    variants: ['progress'],
    client: {
      applicationProgress: (_variant, applicationNo: string) =>
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
    },
  },
  ...SERVICE_SAMPLES,
  // The queue journeys' own samples for these operations replace the generic ones above.
  'hall.list': {
    // `near`: the kiosk's location is configured and halls come nearest first with distances
    // (sentinelPorts gives the location for it); `halls`: no location, the platform's order.
    variants: ['near', 'halls'],
    client: {
      halls: () =>
        Promise.resolve([
          {
            id: 'hall-a',
            name: '示例政务服务中心',
            nameEn: 'Sample Service Centre',
            address: '示例路1号',
            hours: '周一至周五 9:00-17:00',
            phone: '025-00000000',
            lat: 32.06,
            lng: 118.79,
            navUrl: 'https://map.example/hall-a',
            businessTypes: [{ id: 'svc', name: '综合窗口' }],
          },
        ]),
    },
  },
  'queue.businessTypes': {
    variants: ['queues'],
    client: {
      hallQueues: (_variant, hallId: string) =>
        Promise.resolve({
          hallId,
          businessTypes: [
            {
              id: 'svc',
              name: '综合窗口',
              nameEn: 'General counter',
              peopleWaiting: 3,
              expectedWaitMinutes: 12,
            },
          ],
        }),
    },
  },
  'appointment.checkIn': {
    variants: ['ticket'],
    client: {
      verifyIdentity: () => Promise.resolve({ verified: true, residentRef: SENTINEL.residentRef }),
      checkInAppointment: () =>
        Promise.resolve({
          ticketNo: 'Y003',
          serviceId: 'svc',
          serviceName: '综合窗口',
          hallName: '示例政务服务中心',
          waiting: 1,
          peopleAhead: 1,
          expectedWaitMinutes: 4,
          issuedAt: '2026-12-01T10:00:00+08:00',
        }),
    },
  },
  'hpf.account': {
    variants: HPF_ACCOUNT_VARIANTS,
    client: {
      verifyIdentity: () => Promise.resolve({ verified: true, residentRef: SENTINEL.residentRef }),
    },
  },
  'realEstate.query': {
    variants: ['record'],
    client: {
      verifyIdentity: () => Promise.resolve({ verified: true, residentRef: SENTINEL.residentRef }),
      realEstate: () => Promise.resolve(sentinelRealEstate()),
    },
  },
  'licence.list': {
    variants: ['licences'],
    client: {
      verifyIdentity: () => Promise.resolve({ verified: true, residentRef: SENTINEL.residentRef }),
      licences: () => Promise.resolve(sentinelLicences()),
    },
  },
};

/** The variant played when an operation has no samples: a plain success. */
export const DEFAULT_VARIANT = 'ok';

/** The success variants of one operation. */
export function operationVariants(operation: string): readonly string[] {
  return Object.hasOwn(PLATFORM_SAMPLES, operation)
    ? (PLATFORM_SAMPLES[operation]?.variants ?? [DEFAULT_VARIANT])
    : [DEFAULT_VARIANT];
}

/**
 * The sentinel platform: every sample's client methods, each answering for the variant being
 * played; certificates (which `print.certificate` registers) answer the same for every flow.
 */
export function samplePlatform(variant: () => string): PlatformClient {
  const methods: Record<string, (...args: never[]) => Promise<unknown>> = {
    issueCertificate: () =>
      Promise.resolve({
        certificateNo: 'SI-2026-0001',
        verificationCode: '23456789ABCDEFGH',
        verifyUrl: 'https://verify.example/c/23456789ABCDEFGH',
        issuedAt: '2026-12-01T10:00:00+08:00',
      }),
    revokeCertificate: () => Promise.resolve(),
  };
  for (const sample of Object.values(PLATFORM_SAMPLES))
    for (const [name, answer] of Object.entries(sample.client))
      methods[name] ??= (...args: never[]) => answer(variant(), ...args);
  return methods as unknown as PlatformClient;
}
