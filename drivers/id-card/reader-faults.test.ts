import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryPair } from '../transports/memory.ts';
import { encodeResponse } from './codec.ts';
import { CommandParser } from './frame-parser.ts';
import { encodeCardRead } from './payloads.ts';
import { IdCardReader, type IdCardReaderOptions } from './reader.ts';
import { createSimulatedReader } from './simulated-reader.ts';
import type { IdCardSimulatorOptions } from './simulator.ts';
import { rejection } from '../../test/support/device-error.ts';
import { budget, waitFor } from '../../test/support/time.ts';

const FAST = { pollIntervalMs: 5, timeoutMs: budget(5_000) };
/**
 * Short answer timeouts so silence is found quickly. The memory pair answers in microseconds,
 * but every good answer must still arrive within them on a loaded machine, so they scale.
 */
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

function rig(
  simulatorOptions: IdCardSimulatorOptions = {},
  readerOptions: IdCardReaderOptions = {},
) {
  const rigged = createSimulatedReader({
    simulator: simulatorOptions,
    reader: { timeouts: QUICK_TIMEOUTS, ...readerOptions },
  });
  closers.push(rigged.close);
  return rigged;
}

describe('the ID-card reader when things go wrong', () => {
  it('reports a card pulled mid-read as readFailed and noCard with SW3 41, then reads the next card', async () => {
    const { simulator, reader } = rig();
    simulator.insert('resident-li');
    simulator.fault('pull-mid-read');
    const error = await rejection(reader.readCard(FAST));
    expect(error).toMatchObject({ readFailed: true, noCard: true, code: 0x41 });
    simulator.insert('resident-li');
    expect((await reader.readCard(FAST)).name).toBe('李明华');
  });

  it('resends a command whose answer had a bad checksum and still reads the card', async () => {
    const { simulator, reader } = rig();
    simulator.insert('resident-li');
    simulator.fault('bad-checksum');
    expect((await reader.readCard(FAST)).name).toBe('李明华');
    expect(simulator.commandCount('findCard')).toBe(2);
  });

  it('gives up with a checksum error when every answer is corrupt', async () => {
    const { simulator, reader } = rig();
    simulator.insert('resident-li');
    simulator.fault('bad-checksum', 100);
    expect(await rejection(reader.readCard(FAST))).toMatchObject({
      checksum: true,
      timeout: false,
    });
  });

  it('rejects with disconnected, not timeout, and goes offline when the SAM falls silent, and comes back on the next good answer', async () => {
    const { simulator, reader } = rig();
    simulator.insert('resident-li');
    simulator.fault('silence');
    expect(await rejection(reader.readCard(FAST))).toMatchObject({
      disconnected: true,
      timeout: false,
      canceled: false,
    });
    expect(reader.state().status).toBe('offline');
    simulator.clearFaults();
    expect((await reader.selfTest()).status).toBe('online');
  });

  it('shows a failed SAM self-test as hardwareError, and refuses reads with SW3 60', async () => {
    const { simulator, reader } = rig();
    simulator.fault('self-test-fail');
    expect((await reader.selfTest()).status).toBe('hardwareError');
    simulator.insert('resident-li');
    expect(await rejection(reader.readCard(FAST))).toMatchObject({
      hardwareError: true,
      code: 0x60,
    });
  });

  it('shows an unauthorised SAM as hardwareError with SW3 66', async () => {
    const { simulator, reader } = rig();
    simulator.fault('not-authorised');
    const state = await reader.selfTest();
    expect(state.status).toBe('hardwareError');
    expect(state.detail).toMatch(/66/);
  });

  it('stops with a canceled error when the signal aborts while waiting for a card', async () => {
    const { reader } = rig();
    const controller = new AbortController();
    const read = reader.readCard({ ...FAST, signal: controller.signal });
    controller.abort();
    expect(await rejection(read)).toMatchObject({ canceled: true, timeout: false });
    expect(reader.state().status).toBe('online');
  });

  it('times out with noCard when nobody presents a card', async () => {
    const { reader } = rig();
    // Meant to expire: with no card the deadline is the only way out, however slow the machine.
    expect(await rejection(reader.readCard({ pollIntervalMs: 5, timeoutMs: 60 }))).toMatchObject({
      timeout: true,
      noCard: true,
    });
    expect(reader.state().status).toBe('online');
  });

  it('does not blame the device when its own deadline fires while a command is waiting', async () => {
    const { simulator, reader } = rig();
    await reader.open();
    simulator.fault('silence');
    // Meant to expire first: timers fire in order, and this one is due before findCard's.
    const error = await rejection(reader.readCard({ pollIntervalMs: 5, timeoutMs: 10 }));
    expect(error).toMatchObject({ timeout: true, noCard: true });
    expect(simulator.commandCount('findCard')).toBe(1);
    expect(reader.state().status).toBe('online');
  });

  it('goes offline and rejects with disconnected when the link closes mid-read', async () => {
    // The read must still be in progress when the link closes, so the card takes as long to
    // read as the reader allows; the link closes as soon as the read command arrives.
    const { simulator, reader } = rig({ readDelayMs: QUICK_TIMEOUTS.readText / 2 });
    simulator.insert('resident-li');
    const read = reader.readCard(FAST);
    await waitFor(() => simulator.commandCount('readText') > 0, 'the read command', 1000);
    const outcome = rejection(read);
    await simulator.close();
    expect(await outcome).toMatchObject({ disconnected: true });
    expect(reader.state().status).toBe('offline');
    expect(await rejection(reader.readCard(FAST))).toMatchObject({ disconnected: true });
  });

  it('refuses a second read while one is running', async () => {
    const { reader } = rig();
    const controller = new AbortController();
    const first = reader.readCard({ ...FAST, signal: controller.signal });
    await expect(reader.readCard(FAST)).rejects.toThrow(/already running/);
    controller.abort();
    expect(await rejection(first)).toMatchObject({ canceled: true });
  });

  it('refuses a card whose layout it does not know as unsupported', async () => {
    const [host, device] = createMemoryPair('z-card');
    const block = new Uint8Array(Buffer.from(' '.repeat(124) + 'Z' + ' '.repeat(3), 'utf16le'));
    const answers: Record<number, Uint8Array> = {
      0x01: encodeResponse({ sw3: 0x9f, data: new Uint8Array(4) }),
      0x02: encodeResponse({ sw3: 0x90, data: new Uint8Array(8) }),
    };
    const parser = new CommandParser();
    device.onData((chunk) => {
      for (const item of parser.push(chunk)) {
        if (item.kind !== 'command') continue;
        const read = encodeResponse({
          sw3: 0x90,
          data: encodeCardRead({ text: block, photo: new Uint8Array(1024) }),
        });
        void device.write(
          item.cmd === 0x30 ? read : (answers[item.para] ?? encodeResponse({ sw3: 0x90 })),
        );
      }
    });
    const reader = new IdCardReader(host);
    closers.push(() => reader.close());
    expect(await rejection(reader.readCard(FAST))).toMatchObject({
      unsupported: true,
      readFailed: true,
    });
  });
});
