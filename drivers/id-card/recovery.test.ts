import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceState, DeviceStatus } from '../device/model.ts';
import { silentDriverLogger } from '../device/logger.ts';
import { ReaderRecovery, RECOVERY_BACKOFF_FACTOR } from './recovery.ts';
import { createSimulatedReader } from './simulated-reader.ts';
import { rejection } from '../../test/support/device-error.ts';
import { budget, waitFor } from '../../test/support/time.ts';

/** Answer timeouts short enough that silence is noticed at once, scaled for a loaded machine. */
const QUICK_TIMEOUTS = {
  findCard: budget(40),
  selectCard: budget(40),
  samStatus: budget(40),
  readText: budget(200),
};
/** Re-probe pacing short enough for a unit test; the back-off shape is what is under test. */
const QUICK_RECOVERY = { firstDelayMs: 20, maxDelayMs: 80 };
const FAST = { pollIntervalMs: 5, timeoutMs: budget(5_000) };
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function rig(recovery: { firstDelayMs: number; maxDelayMs: number } | false = QUICK_RECOVERY) {
  const rigged = createSimulatedReader({ reader: { timeouts: QUICK_TIMEOUTS, recovery } });
  closers.push(rigged.close);
  return rigged;
}

describe('the ID-card reader after a transient fault', () => {
  it('re-probes on its own while the SAM is silent and comes back online when it answers again', async () => {
    const { simulator, reader } = rig();
    simulator.insert('resident-li');
    simulator.fault('silence');
    expect(await rejection(reader.readCard(FAST))).toMatchObject({ disconnected: true });
    expect(reader.state().status).toBe('offline');
    const before = simulator.commandCount('samStatus');
    await waitFor(
      () => simulator.commandCount('samStatus') >= before + 2,
      'two re-probes while the SAM is silent',
    );
    expect(reader.state().status).toBe('offline');
    simulator.clearFaults();
    await waitFor(() => reader.state().status === 'online', 'the reader back online by itself');
    simulator.insert('resident-wang');
    expect((await reader.readCard(FAST)).name).toBe('王秀英');
  });

  it('comes back from a failed SAM self-test once the SAM passes it again', async () => {
    const { simulator, reader } = rig();
    simulator.fault('self-test-fail');
    expect((await reader.selfTest()).status).toBe('hardwareError');
    simulator.clearFaults();
    await waitFor(() => reader.state().status === 'online', 'the reader back online by itself');
  });
});

describe('re-probe pacing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A reader stand-in whose self-test answers with the status the test sets. */
  function fakeReader(initial: DeviceStatus) {
    let status = initial;
    const probes: number[] = [];
    const state = (): DeviceState => ({
      id: 'fake',
      deviceClass: 'idCardReader',
      status,
      supplies: {},
      detail: '',
      simulated: true,
    });
    const target = {
      state,
      log: silentDriverLogger,
      selfTest: () => {
        probes.push(Date.now());
        return Promise.resolve(state());
      },
    };
    return { target, probes, set: (next: DeviceStatus) => (status = next), state };
  }

  it('waits longer after each failed probe, up to the maximum', async () => {
    const reader = fakeReader('offline');
    const recovery = new ReaderRecovery(reader.target, QUICK_RECOVERY);
    const start = Date.now();
    recovery.noteState(reader.state());
    await vi.advanceTimersByTimeAsync(20 + 40 + 80 + 80);
    const gaps = reader.probes.map((at, i) => at - (reader.probes[i - 1] ?? start));
    expect(gaps).toEqual([20, 20 * RECOVERY_BACKOFF_FACTOR, 80, 80]);
    recovery.stop();
  });

  it('stops probing when the reader is back and starts from the short wait at the next fault', async () => {
    const reader = fakeReader('hardwareError');
    const recovery = new ReaderRecovery(reader.target, QUICK_RECOVERY);
    recovery.noteState(reader.state());
    await vi.advanceTimersByTimeAsync(20 + 40);
    reader.set('online');
    recovery.noteState(reader.state());
    await vi.advanceTimersByTimeAsync(1000);
    expect(reader.probes).toHaveLength(2);
    reader.set('offline');
    recovery.noteState(reader.state());
    await vi.advanceTimersByTimeAsync(20);
    expect(reader.probes).toHaveLength(3);
    recovery.stop();
  });

  it('never probes after stop()', async () => {
    const reader = fakeReader('offline');
    const recovery = new ReaderRecovery(reader.target, QUICK_RECOVERY);
    recovery.noteState(reader.state());
    recovery.stop();
    recovery.noteState(reader.state());
    await vi.advanceTimersByTimeAsync(1000);
    expect(reader.probes).toHaveLength(0);
  });
});
