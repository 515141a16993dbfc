import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type * as NodeHid from 'node-hid';
import { DeviceError } from '../device/errors.ts';

/**
 * The small part of node-hid the scanner drivers use, so tests run the real drivers on a
 * simulated device fed with recorded reports (there is no /dev/uhid on CI machines).
 */
export interface HidDeviceLike {
  on(event: 'data', listener: (report: Uint8Array) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Sends an output report; the first byte is the report id (0 when the device has none). */
  write(report: number[] | Uint8Array): unknown;
  /** The device's HID report descriptor, where the platform can read it. */
  getReportDescriptor?(): Uint8Array | Promise<Uint8Array>;
  close(): unknown;
}

/** Where to find a HID scanner: its hidraw path, or its USB ids. */
export type HidAddress = { path: string } | { vendorId: number; productId: number };

/** Describes an address for errors and logs. */
export function describeHidAddress(address: HidAddress): string {
  if ('path' in address) return address.path;
  const hex = (id: number): string => id.toString(16).padStart(4, '0');
  return `USB ${hex(address.vendorId)}:${hex(address.productId)}`;
}

/**
 * Reads a hidraw device's report descriptor from sysfs (Linux). node-hid 3 has no call for
 * it, but the kernel publishes the descriptor beside every hidraw node. Undefined elsewhere.
 */
function readSysfsReportDescriptor(hidrawPath: string): Uint8Array | undefined {
  const node = basename(hidrawPath);
  if (!/^hidraw\d+$/.test(node)) return undefined;
  try {
    return new Uint8Array(readFileSync(`/sys/class/hidraw/${node}/device/report_descriptor`));
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === 'ENOENT' ||
      (error as NodeJS.ErrnoException).code === 'EACCES'
    ) {
      return undefined;
    }
    throw error;
  }
}

/**
 * Opens a real HID device with node-hid (loaded only here, so machines without the native
 * module can still run the simulated kiosk). Fails with a DeviceError flagged `noDevice`.
 * Not exercised by the tests: no HID hardware exists on CI machines.
 */
export async function openHidDevice(address: HidAddress): Promise<HidDeviceLike> {
  const where = describeHidAddress(address);
  let hid: typeof NodeHid;
  try {
    hid = await import('node-hid');
  } catch (error) {
    throw new DeviceError(
      `node-hid cannot be loaded, so the HID scanner at ${where} cannot be used`,
      {
        noDevice: true,
        unsupported: true,
        cause: error,
      },
    );
  }
  let path = 'path' in address ? address.path : undefined;
  try {
    if (!path && 'vendorId' in address) {
      path = (await hid.devicesAsync(address.vendorId, address.productId))[0]?.path;
      if (!path) throw new Error('no such USB device is connected');
    }
    const device = new hid.HID(path ?? '');
    const descriptor = path ? readSysfsReportDescriptor(path) : undefined;
    return Object.assign(device, descriptor ? { getReportDescriptor: () => descriptor } : {});
  } catch (error) {
    throw new DeviceError(
      `cannot open the HID scanner at ${where}: ${error instanceof Error ? error.message : String(error)}. Check the cable, the USB ids in the config and the hidraw permissions (udev rule).`,
      { noDevice: true, disconnected: true, cause: error },
    );
  }
}

/**
 * A HID device played from the device side: `feed()` delivers input reports as the scanner
 * would, writes are recorded. Stands in for node-hid in tests and simulators.
 */
export class SimulatedHidDevice implements HidDeviceLike {
  readonly written: Uint8Array[] = [];
  closed = false;
  private readonly dataListeners = new Set<(report: Uint8Array) => void>();
  private readonly errorListeners = new Set<(error: Error) => void>();

  /** Present only when the simulated device was given a descriptor, as on real platforms. */
  readonly getReportDescriptor?: () => Uint8Array;

  constructor(descriptor?: Uint8Array) {
    if (descriptor) this.getReportDescriptor = () => descriptor;
  }

  on(
    event: 'data' | 'error',
    listener: ((report: Uint8Array) => void) | ((error: Error) => void),
  ): this {
    if (event === 'data') this.dataListeners.add(listener as (report: Uint8Array) => void);
    else this.errorListeners.add(listener as (error: Error) => void);
    return this;
  }

  write(report: number[] | Uint8Array): number {
    if (this.closed) throw new Error('cannot write to a closed HID device');
    this.written.push(Uint8Array.from(report));
    return report.length;
  }

  /** Delivers input reports, one 'data' event each, as node-hid does. */
  feed(...reports: Uint8Array[]): void {
    for (const report of reports) for (const listener of this.dataListeners) listener(report);
  }

  /** Fails the device as an unplug does in node-hid. */
  unplug(): void {
    const error = new Error('could not read from HID device');
    for (const listener of this.errorListeners) listener(error);
  }

  close(): void {
    this.closed = true;
    this.dataListeners.clear();
    this.errorListeners.clear();
  }
}
