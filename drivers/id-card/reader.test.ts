import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../device/model.ts';
import type { IdCardReaderOptions } from './reader.ts';
import { cardProfile } from './profiles.ts';
import { simulatedCard } from './simulated-card.ts';
import { createSimulatedReader } from './simulated-reader.ts';
import type { IdCardSimulatorOptions } from './simulator.ts';
import { rejection } from '../../test/support/device-error.ts';
import { budget, waitFor } from '../../test/support/time.ts';

const FAST = { pollIntervalMs: 5, timeoutMs: budget(5_000) };
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function rig(
  simulatorOptions: IdCardSimulatorOptions = {},
  readerOptions: IdCardReaderOptions = {},
) {
  const { reader, simulator, close } = createSimulatedReader({
    simulator: simulatorOptions,
    reader: readerOptions,
  });
  const statuses: DeviceStatus[] = [];
  reader.onStateChange((state) => statuses.push(state.status));
  closers.push(close);
  return { simulator, reader, statuses };
}

describe('the ID-card reader against the simulated SAM', () => {
  it('comes online when the SAM passes its self-test', async () => {
    const { reader, statuses } = rig();
    expect((await reader.open()).status).toBe('online');
    expect(statuses).toEqual(['online']);
  });

  it('reads a resident card with its photo bytes untouched', async () => {
    const { simulator, reader } = rig();
    simulator.insert('resident-li');
    const record = await reader.readCard(FAST);
    expect(record).toMatchObject({
      cardType: 'resident',
      name: '李明华',
      gender: 'male',
      nation: '汉',
      birthDate: '1956-03-15',
      idNumber: '32010619560315123X',
      checkDigitValid: true,
      validTo: 'long-term',
    });
    expect(record.photoWlt).toEqual(simulatedCard(cardProfile('resident-li')).photo);
    expect(reader.state().status).toBe('online');
  });

  it('reads the HK/Macau/Taiwan permit and the foreigner card too', async () => {
    const { simulator, reader } = rig();
    simulator.insert('permit-huang');
    expect(await reader.readCard(FAST)).toMatchObject({
      cardType: 'hkmotw-permit',
      passNumber: 'H60000001',
    });
    simulator.insert('foreign-smith');
    expect(await reader.readCard(FAST)).toMatchObject({
      cardType: 'foreign-permanent',
      nationality: 'GBR',
    });
  });

  it('waits for a card presented after polling started and reports it inserted', async () => {
    const { simulator, reader } = rig();
    const events: string[] = [];
    reader.on('cardInserted', () => events.push('inserted'));
    reader.on('cardRemoved', () => events.push('removed'));
    const read = reader.readCard(FAST);
    await waitFor(() => simulator.commandCount('findCard') >= 3, 'three polls that find no card');
    simulator.insert('resident-wang');
    expect((await read).name).toBe('王秀英');
    expect(events).toEqual(['inserted']);
  });

  it('reads the fingerprint and the appended address when asked', async () => {
    const { simulator, reader } = rig();
    simulator.insert('resident-wang', { withFingerprint: true });
    const record = await reader.readCard({
      ...FAST,
      withFingerprint: true,
      withAppendedAddress: true,
    });
    expect(record.appendedAddress).toBe('江苏省南京市秦淮区样板巷6号');
    expect(record.fingerprint).toEqual(
      simulatedCard(cardProfile('resident-wang'), { withFingerprint: true }).fingerprint,
    );
  });

  it('leaves the appended address out when the card has none (SW3 91)', async () => {
    const { simulator, reader } = rig();
    simulator.insert('resident-li');
    expect(await reader.readCard({ ...FAST, withAppendedAddress: true })).not.toHaveProperty(
      'appendedAddress',
    );
  });

  it('reads the SAM ID and formats it for display', async () => {
    const { reader } = rig();
    expect((await reader.samId()).display).toBe('05.01-20240101-0002400001-0001234567');
    expect((await reader.samId(undefined, 9)).display).toBe('05.01-20240101-002400001-001234567');
  });
});

describe('the card-present logic', () => {
  it('reads a card left on a module that answers "no card" after a read only once', async () => {
    const { simulator, reader } = rig({ findAfterRead: 'no-card' });
    simulator.insert('resident-li');
    await reader.readCard(FAST);
    // Meant to expire: whatever the load, the module answers "no card" until the next
    // presentation, so the only outcome is this timeout and a single read.
    const again = await rejection(reader.readCard({ pollIntervalMs: 5, timeoutMs: 150 }));
    expect(again.timeout).toBe(true);
    expect(simulator.commandCount('readText')).toBe(1);
    simulator.remove();
    simulator.insert('resident-li');
    expect((await reader.readCard(FAST)).idNumber).toBe('32010619560315123X');
  });

  it('reads a card left on a module that keeps answering "found" only once, by its ID number', async () => {
    const { simulator, reader } = rig({ findAfterRead: 'found' });
    simulator.insert('resident-li');
    await reader.readCard(FAST);
    // The reader must read the card again (to learn it is the same one) before its deadline,
    // so the deadline is a budget; the wait names the second read if it never comes.
    const again = rejection(reader.readCard({ pollIntervalMs: 5, timeoutMs: budget(300) }));
    await waitFor(() => simulator.commandCount('readText') > 1, 'a second read of the same card');
    expect(await again).toMatchObject({ timeout: true, noCard: false });
    simulator.insert('resident-wang');
    expect((await reader.readCard(FAST)).name).toBe('王秀英');
  });

  it('returns the same card again when the caller accepts it', async () => {
    const { simulator, reader } = rig({ findAfterRead: 'found' });
    simulator.insert('resident-li');
    await reader.readCard(FAST);
    expect((await reader.readCard({ ...FAST, acceptSameCard: true })).name).toBe('李明华');
  });
});

describe('a read that is aborted while the next one starts', () => {
  it('lets the next read wait for the aborted one and then read the card', async () => {
    const { reader, simulator, close } = createSimulatedReader();
    try {
      await reader.open();
      const first = new AbortController();
      const aborted = reader.readCard({
        signal: first.signal,
        pollIntervalMs: 10,
        timeoutMs: budget(5000),
      });
      await waitFor(() => simulator.commandCount('findCard') >= 1, 'the first read to poll');
      first.abort();
      simulator.insert('resident-li');
      const next = reader.readCard({ pollIntervalMs: 10, timeoutMs: budget(5000) });
      await expect(aborted).rejects.toMatchObject({ canceled: true });
      expect((await next).name).toBe('李明华');
      expect(reader.state().status).toBe('online');
    } finally {
      await close();
    }
  });

  it('still refuses a second read while the first one is live', async () => {
    const { reader, close } = createSimulatedReader();
    try {
      await reader.open();
      const controller = new AbortController();
      const live = reader.readCard({
        signal: controller.signal,
        pollIntervalMs: 10,
        timeoutMs: budget(5000),
      });
      await expect(reader.readCard({ timeoutMs: budget(1000) })).rejects.toThrow(/already running/);
      controller.abort();
      await live.catch((error: unknown) => error);
    } finally {
      await close();
    }
  });
});
