import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { createSimulatedReader } from '../../../drivers/id-card/simulated-reader.ts';
import type { SimulatorFault } from '../../../drivers/id-card/simulator.ts';
import { budget } from '../../../test/support/time.ts';
import { errorHasFlag } from './errors.ts';
import type { ResidentView } from './outputs.ts';
import { createSessionRuntime, type CapabilityPorts } from './runtime.ts';

/** Answer timeouts short enough that a silent SAM is noticed at once, scaled for load. */
const QUICK_TIMEOUTS = {
  findCard: budget(40),
  selectCard: budget(40),
  samStatus: budget(40),
  readText: budget(200),
};
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A session runtime whose idcard.read talks to the real driver and the simulated SAM. */
function rig() {
  const { simulator, reader, close } = createSimulatedReader({
    reader: { timeouts: QUICK_TIMEOUTS, recovery: false },
  });
  closers.push(close);
  const lines: string[] = [];
  const log = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  const unused = (): never => {
    throw new Error('this test does not use that port');
  };
  const ports = {
    kioskId: 'kiosk-test-1',
    log,
    outOfService: () => [],
    readIdCard: ({ signal, timeoutMs }: { signal: AbortSignal; timeoutMs: number }) =>
      reader.readCard({ signal, timeoutMs, pollIntervalMs: 5 }),
    scanner: unused,
    platform: unused,
    renderCertificate: unused,
    printDocument: unused,
    renderReceipt: unused,
    printReceipt: unused,
  } as unknown as CapabilityPorts;
  const runtime = createSessionRuntime(ports, 'session-1', new SimulatedClock());
  closers.push(() => Promise.resolve(runtime.end()));
  const read = (timeoutSeconds = 5): Promise<unknown> =>
    runtime.run('idcard.read', { timeoutSeconds }, new AbortController().signal).then(
      (view) => view,
      (error: unknown) => error,
    );
  return { simulator, read, lines };
}

describe('idcard.read', () => {
  it.each([
    ['silence', 'disconnected', undefined],
    ['not-authorised', 'hardwareError', 0x66],
    ['self-test-fail', 'hardwareError', 0x60],
    ['bad-checksum', 'outOfService', undefined],
  ] as [SimulatorFault, string, number | undefined][])(
    'sends the resident elsewhere (outOfService) when the reader has the %s fault, flagged %s',
    async (fault, flag, code) => {
      const { simulator, read, lines } = rig();
      simulator.insert('resident-li');
      // A corrupt answer is resent; only one that stays corrupt is a reader fault.
      simulator.fault(fault, fault === 'bad-checksum' ? 1000 : undefined);
      const error = await read();
      expect(errorHasFlag(error, 'outOfService')).toBe(true);
      expect(errorHasFlag(error, flag)).toBe(true);
      // Neither the resident's wait nor the card is to blame.
      expect(errorHasFlag(error, 'timeout')).toBe(false);
      expect(errorHasFlag(error, 'readFailed')).toBe(false);
      expect((error as { code?: number }).code).toBe(code);
      expect(lines.join('')).toContain('the reader cannot read cards now');
    },
  );

  it('keeps timeout for the resident not presenting a card in time', async () => {
    const { read } = rig();
    // Meant to expire: no card is ever presented, so the resident's wait is the only way out.
    const error = await read(5);
    expect(errorHasFlag(error, 'timeout')).toBe(true);
    expect(errorHasFlag(error, 'outOfService')).toBe(false);
  });

  it("gives a foreigner's card holder a masked Latin name for English screens", async () => {
    const { simulator, read } = rig();
    simulator.insert('foreign-smith');
    const view = (await read()) as ResidentView;
    expect(view).toMatchObject({
      cardType: 'foreign-permanent',
      nameMasked: '史*丽',
      nameMaskedEn: 'SMITH, A**** M***',
      idNumberMasked: 'GBR32********12',
    });
  });

  it('gives a resident card holder no Latin name, so English screens fall back to nameMasked', async () => {
    const { simulator, read } = rig();
    simulator.insert('resident-li');
    const view = (await read()) as ResidentView;
    expect(view.nameMasked).toBe('李*华');
    expect(view).not.toHaveProperty('nameMaskedEn');
  });
});
