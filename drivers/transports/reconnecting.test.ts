import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceError } from '../device/errors.ts';
import { createMemoryPair } from './memory.ts';
import { backoffDelay } from './backoff.ts';
import { ReconnectingTransport, type LinkStatus } from './reconnecting.ts';
import type { ByteTransport } from './types.ts';

/** A fake "port" the test can plug in and pull out: each open makes a fresh memory pair. */
function pluggableDevice() {
  const devices: ByteTransport[] = [];
  let plugged = true;
  const open = vi.fn(() => {
    if (!plugged) return Promise.reject(new DeviceError('no such device', { noDevice: true }));
    const [host, device] = createMemoryPair(`port${devices.length}`);
    devices.push(device);
    return Promise.resolve(host);
  });
  return {
    open,
    devices,
    /** The device side of the latest link. */
    latest: (): ByteTransport => {
      const device = devices.at(-1);
      if (!device) throw new Error('the transport never opened the port');
      return device;
    },
    unplug: async (): Promise<void> => {
      plugged = false;
      for (const device of devices) await device.close();
    },
    plugIn: (): void => {
      plugged = true;
    },
  };
}

const backoff = { initialMs: 100, maxMs: 400, factor: 2, jitter: 0 };

describe('ReconnectingTransport over in-memory links', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('goes offline on an unplug, rejects writes as disconnected, and carries data listeners registered once onto the new link', async () => {
    const port = pluggableDevice();
    const transport = await ReconnectingTransport.open({
      name: 'ttyUSB0',
      open: port.open,
      backoff,
    });
    const received: number[] = [];
    const statuses: LinkStatus[] = [];
    transport.onData((chunk) => received.push(...chunk));
    transport.onStatus((status) => statuses.push(status));
    const closed = vi.fn();
    transport.onClose(closed);

    await port.latest().write(Uint8Array.of(1));
    await vi.advanceTimersByTimeAsync(0);
    await port.unplug();
    expect(transport.isOpen).toBe(false);
    expect(statuses).toEqual(['offline']);
    const write = transport.write(Uint8Array.of(9));
    await expect(write).rejects.toBeInstanceOf(DeviceError);
    await expect(write).rejects.toMatchObject({ disconnected: true });

    port.plugIn();
    await vi.advanceTimersByTimeAsync(100);
    expect(statuses).toEqual(['offline', 'online']);
    expect(transport.isOpen).toBe(true);
    await port.latest().write(Uint8Array.of(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(received).toEqual([1, 2]);
    expect(closed).not.toHaveBeenCalled();
    await transport.close();
  });

  it('waits longer after each failed reopen, up to the cap', async () => {
    const port = pluggableDevice();
    const transport = await ReconnectingTransport.open({
      name: 'ttyUSB0',
      open: port.open,
      backoff,
    });
    await port.unplug();
    const callsAfter = async (ms: number): Promise<number> => {
      await vi.advanceTimersByTimeAsync(ms);
      return port.open.mock.calls.length - 1;
    };
    expect(await callsAfter(99)).toBe(0);
    expect(await callsAfter(1)).toBe(1);
    expect(await callsAfter(199)).toBe(1);
    expect(await callsAfter(1)).toBe(2);
    expect(await callsAfter(399)).toBe(2);
    expect(await callsAfter(1)).toBe(3);
    expect(await callsAfter(400)).toBe(4);
    expect(transport.detail).toMatch(/reopening failed: no such device/);
    await transport.close();
  });

  it('stops retrying and fires onClose once when closed while offline', async () => {
    const port = pluggableDevice();
    const transport = await ReconnectingTransport.open({
      name: 'ttyUSB0',
      open: port.open,
      backoff,
    });
    const closed = vi.fn();
    transport.onClose(closed);
    await port.unplug();
    await transport.close();
    await transport.close();
    const calls = port.open.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(port.open.mock.calls.length).toBe(calls);
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it('still fires onClose when closing the underlying port fails, and passes the failure on', async () => {
    const [host] = createMemoryPair('failing-close');
    const failure = new DeviceError('closing the port failed', { disconnected: true });
    const failingPort: ByteTransport = {
      name: host.name,
      get isOpen() {
        return host.isOpen;
      },
      write: (data) => host.write(data),
      onData: (listener) => host.onData(listener),
      onClose: (listener) => host.onClose(listener),
      close: () => Promise.reject(failure),
    };
    const transport = await ReconnectingTransport.open({
      name: 'lp0',
      open: () => Promise.resolve(failingPort),
      backoff,
    });
    const closed = vi.fn();
    transport.onClose(closed);
    await expect(transport.close()).rejects.toBe(failure);
    expect(closed).toHaveBeenCalledTimes(1);
    expect(transport.status).toBe('offline');
  });

  it('stops retrying when its AbortSignal fires', async () => {
    const port = pluggableDevice();
    const controller = new AbortController();
    const transport = await ReconnectingTransport.open({
      name: 'ttyUSB0',
      open: port.open,
      backoff,
      signal: controller.signal,
    });
    await port.unplug();
    controller.abort();
    const calls = port.open.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(port.open.mock.calls.length).toBe(calls);
    expect(transport.status).toBe('offline');
  });

  it('comes up later when started while the device is unplugged', async () => {
    const port = pluggableDevice();
    await port.unplug();
    const transport = ReconnectingTransport.start({ name: 'ttyUSB0', open: port.open, backoff });
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.status).toBe('offline');
    port.plugIn();
    await vi.advanceTimersByTimeAsync(100);
    expect(transport.status).toBe('online');
    await transport.close();
  });

  it('treats a change of the device node as an unplug even when the port itself says nothing', async () => {
    const port = pluggableDevice();
    let node: string | undefined = '/dev/pts/3';
    const transport = await ReconnectingTransport.open({
      name: 'ttyUSB0',
      open: port.open,
      backoff,
      identity: () => node,
      identityCheckMs: 50,
    });
    const first = port.latest();
    node = undefined;
    await vi.advanceTimersByTimeAsync(50);
    expect(transport.status).toBe('offline');
    expect(transport.detail).toMatch(/device node disappeared/);
    expect(first.isOpen).toBe(false);
    node = '/dev/pts/7';
    await vi.advanceTimersByTimeAsync(100);
    expect(transport.status).toBe('online');
    await transport.close();
  });

  it('fails open() with the first error and leaves no retry running', async () => {
    const port = pluggableDevice();
    await port.unplug();
    await expect(
      ReconnectingTransport.open({ name: 'ttyUSB0', open: port.open, backoff }),
    ).rejects.toMatchObject({ noDevice: true });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(port.open).toHaveBeenCalledTimes(1);
  });
});

describe('backoffDelay', () => {
  it('doubles from the initial wait and stops at the cap', () => {
    const delays = [0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, { jitter: 0 }));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 30_000]);
  });

  it('takes at most the jitter share off the wait', () => {
    expect(backoffDelay(1, { jitter: 0.5 }, () => 0)).toBe(1000);
    expect(backoffDelay(1, { jitter: 0.5 }, () => 0.999_999)).toBe(500);
  });

  it('refuses settings that could never wait sensibly, naming them', () => {
    expect(() => backoffDelay(0, { initialMs: 0 })).toThrow(/initialMs/);
    expect(() => backoffDelay(0, { initialMs: 1000, maxMs: 10 })).toThrow(RangeError);
    expect(() => backoffDelay(0, { jitter: 2 })).toThrow(/jitter/);
  });
});
