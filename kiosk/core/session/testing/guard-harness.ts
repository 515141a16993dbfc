/**
 * A session owner for the runtime-guard tests: the real owner and the real session runtime on
 * fake devices and platform, xstate's SimulatedClock, a log kept in memory, and flows that may
 * skip the package check (to prove the runtime holds even for a machine that got past it).
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SimulatedClock } from 'xstate';
import { CONTRACT_VERSION, type KioskSnapshot, type RendererMessage } from '../../../contract.ts';
import type { IdCardRecord } from '../../../../drivers/id-card/record.ts';
import { createSessionRuntime, type CapabilityPorts } from '../../capabilities/runtime.ts';
import { createLogger, silentLogger } from '../../log.ts';
import type { SiPaymentRecord } from '../../platform/schemas.ts';
import type { PlatformClient } from '../../platform/client.ts';
import { buildFlowMachine } from '../../runner/build-machine.ts';
import type { FlowPackage } from '../../runner/flow-package.ts';
import { loadFlowPackage } from '../../runner/load-package.ts';
import { SessionOwner } from '../owner.ts';

/** The built-in certificate flow, checked and built as the kiosk loads it. */
export const CERTIFICATE_FLOW = loadFlowPackage(
  join(import.meta.dirname, '../../../../flows/si-payment-certificate'),
);

/** The fictional card holder the fake reader hands out. */
export const CARD = {
  cardType: 'resident',
  name: '王秀英',
  gender: 'female',
  genderCode: '2',
  birthDate: '1958-08-08',
  address: '江苏省南京市玄武区示例路1号',
  idNumber: '320102195808084526',
  checkDigitValid: true,
  validFrom: '2020-01-01',
  validTo: 'long-term',
  photoWlt: new Uint8Array(),
} satisfies IdCardRecord;

/**
 * A flow package built straight from a machine config, without the package check, reusing the
 * built-in flow's screens and strings.
 */
export function uncheckedFlow(id: string, config: Record<string, unknown>): FlowPackage {
  return {
    ...CERTIFICATE_FLOW,
    dir: `memory:${id}`,
    manifest: {
      ...CERTIFICATE_FLOW.manifest,
      id,
      title: { 'zh-CN': `测试${id}`, en: `Test ${id}` },
      requires: [],
      optional: [],
      order: 50,
    },
    config,
    machine: buildFlowMachine(config),
  };
}

/** Options of one harness. */
export interface GuardHarnessOptions {
  flows?: FlowPackage[];
  /** Makes the fake platform or printer hang, to hold a busy screen. */
  hang?: 'printDocument' | 'readIdCard';
  maxSessionMinutes?: number;
}

/**
 * Fake devices and platform that answer at once (or hang where asked); every card handed out is
 * kept as a WeakRef in `cards` (when given), so a test can prove the wipe let go of it.
 */
export function fakeCapabilityPorts(
  options: GuardHarnessOptions,
  cards?: WeakRef<object>[],
): CapabilityPorts {
  // A record the platform's own schema accepts: print.certificate checks it before issuing.
  const record: SiPaymentRecord = {
    insuredRegion: { code: '320100', name: '南京市' },
    employer: { name: '示例单位', creditCode: '91320100MA1XK24T0X' },
    insurances: [],
    months: [{ month: '2026-01', base: '5000.00', employer: '800.00', personal: '400.00' }],
    totals: { employer: '800.00', personal: '400.00' },
    asOf: '2026-12-01T00:00:00+08:00',
  };
  const platform = {
    verifyIdentity: () => Promise.resolve({ verified: true, residentRef: 'rr_1' }),
    paymentRecord: () => Promise.resolve(record),
    issueCertificate: () =>
      Promise.resolve({
        certificateNo: 'SI-9',
        verificationCode: 'V',
        verifyUrl: 'http://v',
        issuedAt: '2026-12-01T00:00:00Z',
      }),
    revokeCertificate: () => Promise.resolve(),
  } as unknown as PlatformClient;
  return {
    kioskId: 'K-1',
    platform,
    log: silentLogger,
    scanner: () => undefined,
    outOfService: () => [],
    readIdCard: () => {
      if (options.hang === 'readIdCard') return new Promise<never>(() => undefined);
      const card = { ...CARD, photoWlt: new Uint8Array(8) };
      cards?.push(new WeakRef(card));
      return Promise.resolve(card);
    },
    renderCertificate: () => Promise.resolve(new Uint8Array()),
    printDocument: () =>
      options.hang === 'printDocument'
        ? new Promise<never>(() => undefined)
        : Promise.resolve({ jobId: 'job-1' }),
    renderReceipt: () => Promise.resolve(new Uint8Array()),
    printReceipt: () => Promise.resolve(),
  };
}

/** Starts an owner and one connected renderer; returns what the tests drive and read. */
export function guardHarness(options: GuardHarnessOptions = {}) {
  const clock = new SimulatedClock();
  clock.set(Date.parse('2026-12-01T02:00:00Z'));
  const logLines: Record<string, unknown>[] = [];
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  });
  const cards: WeakRef<object>[] = [];
  const owner = new SessionOwner({
    flows: options.flows ?? [CERTIFICATE_FLOW],
    createRuntime: (ref, sessionClock) =>
      createSessionRuntime(fakeCapabilityPorts(options, cards), ref, sessionClock),
    outOfService: () => [],
    submitRating: () => Promise.resolve('sent' as const),
    idleTimeoutSeconds: 120,
    idleWarningSeconds: 20,
    maxSessionMinutes: options.maxSessionMinutes ?? 15,
    locale: 'zh-CN',
    largeText: false,
    site: '测试站点',
    clock,
    log,
  });
  const snapshots: KioskSnapshot[] = [];
  const link = owner.connect((m) => {
    if (m.type === 'snapshot') snapshots.push(m.snapshot);
  });
  const send = (m: RendererMessage): void => link.receive(m);
  send({ type: 'hello', contractVersion: CONTRACT_VERSION });
  const last = (): KioskSnapshot => snapshots[snapshots.length - 1] as KioskSnapshot;
  /** Resolves when the screen shows; fails naming the screen awaited and the one on show. */
  const until = async (screenId: string, turns = 2000): Promise<KioskSnapshot> => {
    for (let i = 0; i < turns; i++) {
      if (last().screen.id === screenId) return last();
      await new Promise((r) => setImmediate(r));
    }
    throw new Error(`never reached screen ${screenId}; on show: ${last().screen.id}`);
  };
  const action = (event: string, data?: Record<string, string | number | boolean>): void =>
    send(data ? { type: 'action', event, data } : { type: 'action', event });
  const choose = (serviceId: string): void => action('service.chosen', { serviceId });
  return { owner, clock, send, action, choose, last, until, snapshots, logLines, cards };
}
