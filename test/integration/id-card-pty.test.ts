import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardProfile } from '../../drivers/id-card/profiles.ts';
import { IdCardReader, stretchedTimeouts } from '../../drivers/id-card/reader.ts';
import { simulatedCard } from '../../drivers/id-card/simulated-card.ts';
import {
  startIdCardSimulator,
  type RunningIdCardSimulator,
} from '../../drivers/id-card/simulator.ts';
import { SerialTransport } from '../../drivers/transports/serial.ts';
import { createPtyPair, type PtyPair } from '../support/pty.ts';
import { rejection } from '../support/device-error.ts';
import { budget, waitFor } from '../support/time.ts';
import {
  RECOVERY_BACKOFF_FACTOR,
  RECOVERY_FIRST_DELAY_MS,
} from '../../drivers/id-card/recovery.ts';

const POLL = { pollIntervalMs: 20, timeoutMs: budget(10_000) };

/**
 * Every answer must arrive within its timeout, so all of them scale; find and the status check
 * are shortened (from 500 and 1000 ms) so the silent-SAM case is found quickly.
 */
const TIMEOUTS = {
  ...stretchedTimeouts(budget),
  findCard: budget(300),
  samStatus: budget(300),
};

describe('the ID-card reader over a real serial pty pair, against the paced simulator', () => {
  let pty: PtyPair;
  let sim: RunningIdCardSimulator;
  let reader: IdCardReader;

  beforeAll(async () => {
    pty = await createPtyPair();
    sim = await startIdCardSimulator({ path: pty.devicePath, baudRate: 115200, pace: true });
    const transport = await SerialTransport.open({ path: pty.hostPath, baudRate: 115200 });
    reader = new IdCardReader(transport, {
      simulated: true,
      timeouts: TIMEOUTS,
    });
    expect((await reader.open()).status).toBe('online');
  });

  beforeEach(() => {
    sim.clearFaults();
    sim.remove();
  });

  afterAll(async () => {
    await reader?.close();
    await sim?.close();
    await pty?.close();
  });

  it('reads a resident card byte-exact, photo included', async () => {
    sim.insert('resident-li');
    const record = await reader.readCard(POLL);
    expect(record).toMatchObject({
      name: '李明华',
      idNumber: '32010619560315123X',
      validTo: 'long-term',
    });
    expect(
      Buffer.from(record.photoWlt).equals(simulatedCard(cardProfile('resident-li')).photo),
    ).toBe(true);
  });

  it('reads the 2321-byte answer with fingerprints and the appended address', async () => {
    sim.insert('resident-wang', { withFingerprint: true });
    const record = await reader.readCard({
      ...POLL,
      withFingerprint: true,
      withAppendedAddress: true,
    });
    expect(record.fingerprint?.length).toBe(1024);
    expect(record.appendedAddress).toBe('江苏省南京市秦淮区样板巷6号');
  });

  it('reports a card removed mid-read as a typed error and reads the next card', async () => {
    sim.insert('resident-li');
    sim.fault('pull-mid-read');
    expect(await rejection(reader.readCard(POLL))).toMatchObject({
      readFailed: true,
      noCard: true,
      code: 0x41,
    });
    sim.insert('permit-huang');
    expect((await reader.readCard(POLL)).passNumber).toBe('H60000001');
  });

  it('recovers from a corrupted answer by resending', async () => {
    sim.insert('foreign-smith');
    sim.fault('bad-checksum');
    expect((await reader.readCard(POLL)).nameEn).toBe('SMITH, ALICE MARY');
  });

  it('reports a silent SAM as disconnected (not as the resident running out of time) and goes offline', async () => {
    sim.insert('resident-li');
    sim.fault('silence');
    expect(await rejection(reader.readCard(POLL))).toMatchObject({
      disconnected: true,
      timeout: false,
      canceled: false,
    });
    expect(reader.state().status).toBe('offline');
    sim.clearFaults();
    expect((await reader.selfTest()).status).toBe('online');
  });

  it('comes back online by itself once a silence clears, without a self-test from maintenance', async () => {
    sim.insert('resident-li');
    sim.fault('silence');
    expect(await rejection(reader.readCard(POLL))).toMatchObject({ disconnected: true });
    expect(reader.state().status).toBe('offline');
    // The reader re-probes on its own: the first probe, while the SAM is still silent, fails.
    const before = sim.simulator.commandCount('samStatus');
    await waitFor(
      () => sim.simulator.commandCount('samStatus') > before,
      'a re-probe while the SAM is silent',
      RECOVERY_FIRST_DELAY_MS + 2_000,
    );
    expect(reader.state().status).toBe('offline');
    sim.clearFaults();
    // The next probe comes after the backed-off wait and finds the SAM answering again.
    await waitFor(
      () => reader.state().status === 'online',
      'the reader back online without maintenance',
      RECOVERY_FIRST_DELAY_MS * (1 + RECOVERY_BACKOFF_FACTOR) + 3_000,
    );
    sim.insert('resident-wang');
    expect((await reader.readCard(POLL)).name).toBe('王秀英');
  });

  it('shows a failed self-test as hardwareError', async () => {
    sim.fault('self-test-fail');
    const state = await reader.selfTest();
    expect(state.status).toBe('hardwareError');
    sim.clearFaults();
    expect((await reader.selfTest()).status).toBe('online');
  });

  it('reads the same card left on the reader only once', async () => {
    sim.insert('resident-sun-no-record');
    const before = sim.simulator.commandCount('readText');
    expect((await reader.readCard(POLL)).name).toBe('孙德厚');
    // Meant to expire: the module answers "no card" until the card is presented again.
    const second = await rejection(reader.readCard({ pollIntervalMs: 20, timeoutMs: 400 }));
    expect(second.timeout).toBe(true);
    expect(sim.simulator.commandCount('readText') - before).toBe(1);
  });
});

describe('starting the ID-card simulator on a pty', () => {
  it('refuses an unknown card profile without keeping the port open', async () => {
    const pair = await createPtyPair();
    try {
      await expect(
        startIdCardSimulator({ path: pair.devicePath, profile: 'nobody-at-all' }),
      ).rejects.toThrow(/no card profile "nobody-at-all"/);
      // serialport locks what it opens, so a second open fails if the first was left open.
      const again = await SerialTransport.open({ path: pair.devicePath, baudRate: 115200 });
      await again.close();
    } finally {
      await pair.close();
    }
  });
});
