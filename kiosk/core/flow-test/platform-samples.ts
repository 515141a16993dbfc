import type { CardType } from '../../../drivers/id-card/record.ts';
import type { PlatformClient } from '../platform/client.ts';
import type { OperationSample } from './sample-types.ts';
import { cardTypeSchema } from '../platform/schemas.ts';
import { SERVICE_SAMPLES } from './platform-samples-services.ts';
import { BUNDLES } from '../platform/sandbox/bundles-data.ts';
import type { Bundle } from '../platform/schemas-services.ts';
import { SENTINEL, sentinelDepositRecord, sentinelPaymentRecord } from './sentinels.ts';

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
      depositRecord: (variant) => Promise.resolve(sentinelDepositRecord(variant === 'no-record')),
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
          expectedWaitMinutes: 15,
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
  'application.bundle': {
    variants: ['bundle'],
    client: { bundle: (_variant, bundleId: string) => Promise.resolve(sampleBundle(bundleId)) },
  },
  'application.materialsHeld': {
    variants: ['held'],
    client: {
      verifyIdentity: () => Promise.resolve({ verified: true, residentRef: SENTINEL.residentRef }),
      materialsHeld: (_variant, _ref: string, bundleId: string) => {
        const bundle = sampleBundle(bundleId);
        // The first material the platform may hold is held: some paper is spared, some is not.
        const held = bundle.materials.filter((m) => m.platformMayHold).slice(0, 1) ?? [];
        return Promise.resolve({
          bundleId,
          held: held.map((m) => ({ materialId: m.id, name: m.name, source: '电子证照库' })),
        });
      },
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

/**
 * The sandbox's bundle of that id (or its first one) cut to two items: one needing every shared
 * field and material, one needing none of the fields. The tester ticks every subset of a
 * checklist's rows, so two rows already show each field asked and skipped; the five rows of a
 * real bundle would only multiply the paths.
 */
export function sampleBundle(bundleId: string): Bundle {
  const real = BUNDLES.find((b) => b.id === bundleId) ?? BUNDLES[0];
  if (real === undefined) throw new Error('the sandbox defines no bundle to sample');
  const [first, second] = real.items;
  if (first === undefined || second === undefined) return real;
  return {
    ...real,
    items: [
      {
        ...first,
        fields: real.fields.map((f) => f.id),
        materials: real.materials.map((m) => m.id),
      },
      { ...second, fields: [], materials: second.materials.slice(0, 1) },
    ],
  };
}

/** What `application.submit` answers in the flow tester: sent at once, or left to the outbox. */
export function sampleApplication(sent: boolean) {
  return {
    applicationNo: 'KS2026120100000001',
    progressUrl: 'https://platform.example/progress/KS2026120100000001',
    submittedAt: '2026-12-01T10:00:00.000Z',
    sent,
  };
}
