import type { Bundle, Guide, Hall } from '../platform/schemas-services.ts';
import { materialsHeld } from '../platform/sandbox/applications.ts';
import { BUNDLES } from '../platform/sandbox/bundles-data.ts';
import { creditRecordOf, ENTERPRISES } from '../platform/sandbox/enterprises.ts';
import { GUIDES } from '../platform/sandbox/guides-data.ts';
import { HALLS, hallQueues } from '../platform/sandbox/halls.ts';
import { licencesOf, propertiesOf } from '../platform/sandbox/licences.ts';
import type { Resident } from '../platform/sandbox/residents.ts';
import { SENTINEL, sentinelDepositRecord } from './sentinels.ts';
import type { OperationSample } from './sample-types.ts';

/**
 * Samples of the hall-side and personal `platform.call` operations. Public data (guides, halls,
 * bundles, enterprises) is the sandbox's own seed, so a flow is tested against what the
 * platform really serves; personal records are built for the sentinel resident, so a leak of
 * any of them is caught like the card's. Each list has an `empty` variant: a flow must say
 * something when the platform holds nothing.
 */

/** One fixed instant for every sample, so explored paths replay exactly. */
const AT = new Date('2026-12-01T02:00:00Z');

/** The sentinel resident as the sandbox's generators take one. */
const SENTINEL_RESIDENT: Resident = {
  profile: {
    id: 'sentinel',
    label: 'sentinel',
    cardType: 'resident',
    name: SENTINEL.name,
    gender: 'female',
    birthDate: SENTINEL.birthDate.replaceAll('-', ''),
    address: SENTINEL.address,
    idNumber: SENTINEL.idNumber,
    issuer: '哨兵市公安局',
    validFrom: '20200101',
    validTo: '20400101',
  },
  hasRecords: true,
  seed: 7_731,
};

const verified = () => Promise.resolve({ verified: true, residentRef: SENTINEL.residentRef });

function bundleOf(id: string): Bundle {
  const found = BUNDLES.find((b) => b.id === id) ?? BUNDLES[0];
  if (!found) throw new Error('the sandbox seeds no bundle');
  return found;
}

function hallOf(id: string): Hall {
  const found = HALLS.find((h) => h.id === id) ?? HALLS[0];
  if (!found) throw new Error('the sandbox seeds no hall');
  return found;
}

/** The first seeded guide of the variant's kind (the id asked for is ignored, see below). */
function guideOf(variant: string): Guide {
  const fits = (g: Guide): boolean =>
    variant === 'kiosk'
      ? g.flowId !== undefined && g.channel !== 'hall'
      : variant === 'hall'
        ? g.channel === 'hall'
        : g.channel !== 'hall' && g.flowId === undefined;
  // Always the first of its kind, whatever row was touched: the guides then differ only in
  // values, and the tester explores one guide of each kind instead of every guide.
  const found = GUIDES.find(fits);
  if (!found) throw new Error(`the sandbox seeds no guide of kind ${variant}`);
  return found;
}

const firstCredit = [...ENTERPRISES.keys()][0] ?? '';

/** Samples for the operations added with the service journeys. */
export const SERVICE_SAMPLES: Record<string, OperationSample> = {
  'guide.list': {
    variants: ['guides', 'empty'],
    client: { guides: (v) => Promise.resolve(v === 'empty' ? [] : [...GUIDES]) },
  },
  'guide.search': {
    variants: ['guides', 'empty'],
    client: { guides: (v) => Promise.resolve(v === 'empty' ? [] : [...GUIDES]) },
  },
  // One guide of each kind a flow tells apart: the kiosk does it (a flow), only a hall does it,
  // and one the platform says a terminal could do but this kiosk has no flow for.
  'guide.get': {
    variants: ['kiosk', 'hall', 'no-flow'],
    client: {
      guide: (v) => Promise.resolve(guideOf(v)),
    },
  },
  'hall.list': {
    // `near`: the kiosk's location is configured and halls come nearest first with distances
    // (sentinelPorts gives the location for it); `halls`: no location, the platform's order.
    variants: ['near', 'halls', 'empty'],
    client: { halls: (v) => Promise.resolve(v === 'empty' ? [] : [...HALLS]) },
  },
  'hall.get': {
    variants: ['near', 'hall'],
    client: { halls: () => Promise.resolve([...HALLS]) },
  },
  'queue.businessTypes': {
    variants: ['types'],
    client: {
      hallQueues: (_v, hallId: string) => Promise.resolve(hallQueues(hallOf(hallId), () => 3)),
    },
  },
  'appointment.checkIn': {
    variants: ['ticket'],
    client: {
      verifyIdentity: verified,
      checkInAppointment: () =>
        Promise.resolve({
          ticketNo: 'Y008',
          serviceId: 'appointment',
          serviceName: '预约办理',
          waiting: 1,
          peopleAhead: 1,
          expectedWaitMinutes: 5,
          issuedAt: '2026-12-01T10:00:00+08:00',
        }),
    },
  },
  'hpf.account': {
    variants: ['record', 'no-record'],
    client: {
      verifyIdentity: verified,
      depositRecord: (v) => Promise.resolve(sentinelDepositRecord(v === 'no-record')),
    },
  },
  'realEstate.query': {
    variants: ['properties', 'empty'],
    client: {
      verifyIdentity: verified,
      realEstate: (v) =>
        Promise.resolve({
          properties: v === 'empty' ? [] : propertiesOf(SENTINEL_RESIDENT),
          asOf: AT.toISOString(),
        }),
    },
  },
  'licence.list': {
    variants: ['licences'],
    client: {
      verifyIdentity: verified,
      licences: () => Promise.resolve(licencesOf(SENTINEL_RESIDENT, AT)),
    },
  },
  'application.bundle': {
    variants: ['bundle'],
    client: { bundle: (_v, id: string) => Promise.resolve(bundleOf(id)) },
  },
  'application.materialsHeld': {
    variants: ['held', 'none'],
    client: {
      verifyIdentity: verified,
      materialsHeld: (v, _ref: string, bundleId: string) =>
        Promise.resolve(
          v === 'none'
            ? { bundleId, held: [] }
            : materialsHeld(bundleOf(bundleId), SENTINEL_RESIDENT, AT),
        ),
    },
  },
  'enterprise.creditRecord': {
    variants: ['record'],
    client: {
      creditRecord: () => Promise.resolve(creditRecordOf(firstCredit, AT)),
    },
  },
  // Checked on the kiosk alone: the answer follows the typed code, not the platform.
  'enterprise.checkCode': { variants: ['checked'], client: {} },
};
