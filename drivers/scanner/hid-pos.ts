import { DeviceError, canceledError } from '../device/errors.ts';
import { maxCodeBytes } from './code-text.ts';
import { HidDescriptorError, parseReportDescriptor } from './hid-descriptor.ts';
import {
  describeHidAddress,
  openHidDevice,
  type HidAddress,
  type HidDeviceLike,
} from './hid-device.ts';
import { VENDOR_LAYOUTS, layoutFromDescriptor, type HidPosLayout } from './hid-pos-layout.ts';
import { HidPosAssembler, type PosReportItem } from './hid-pos-reports.ts';
import { HidScanner } from './hid-scanner.ts';
import type { ScannerCommonOptions } from './scanner-base.ts';
import { symbologyOfAim } from './symbology.ts';

/** Host-trigger output reports of HID POS scanners, as data. */
export const HID_POS_TRIGGERS: Readonly<
  Record<string, { start: number[]; stop: number[]; note: string }>
> = {
  // Output report 0xFD, length, then the serial command SYN T CR / SYN U CR (spec §2.2).
  honeywell: {
    start: [0xfd, 0x03, 0x16, 0x54, 0x0d],
    stop: [0xfd, 0x03, 0x16, 0x55, 0x0d],
    note: 'reverse-engineered; untrigger unverified',
  },
  // Output report 0x04, length, then the serial SOH T EOT / SOH P EOT (unverified over HID).
  newland: {
    start: [0x04, 0x03, 0x01, 0x54, 0x04],
    stop: [0x04, 0x03, 0x01, 0x50, 0x04],
    note: 'serial commands in the documented output report; unverified',
  },
};

/** How a HID POS scanner is set up. */
export interface HidPosScannerOptions extends ScannerCommonOptions {
  /**
   * The vendor layout (`honeywell`, `newland`) used only when no report descriptor can be
   * read. Default `honeywell`. A layout object replaces the built-in ones.
   */
  fallbackLayout?: string | HidPosLayout;
  /** Host trigger: `honeywell`, `newland`, or none. */
  trigger?: string;
  /** Silence that ends a scan on layouts without a Continued flag. Default 80 ms. */
  idleGapMs?: number;
  /** Output report size to pad commands to. Default 64. */
  outputReportBytes?: number;
}

/**
 * A scanner in USB HID POS mode (usage page 0x8C): not a keyboard, so no focus, layout or
 * IME can touch its data, and non-ASCII codes arrive as bytes. The scan report's layout is
 * read from the device's report descriptor.
 */
export class HidPosScanner extends HidScanner {
  readonly canTrigger: boolean;
  private readonly assembler: HidPosAssembler;

  constructor(
    device: HidDeviceLike,
    linkName: string,
    /** The layout in use, from the descriptor or a vendor fallback. */
    readonly layout: HidPosLayout,
    private readonly options: HidPosScannerOptions = {},
  ) {
    super(device, 'hid-pos', linkName, options);
    this.assembler = new HidPosAssembler(layout, maxCodeBytes(options.rules));
    if (options.trigger !== undefined && !HID_POS_TRIGGERS[options.trigger]) {
      throw new Error(
        `unknown HID POS trigger "${options.trigger}"; use one of ${Object.keys(HID_POS_TRIGGERS).join(', ')}`,
      );
    }
    this.canTrigger = options.trigger !== undefined;
  }

  /**
   * Reads the descriptor (when the platform offers it) and builds the scanner. A readable
   * descriptor without HID POS fields is an error; only an unreadable one falls back.
   */
  static async fromDevice(
    device: HidDeviceLike,
    linkName: string,
    options: HidPosScannerOptions = {},
  ): Promise<HidPosScanner> {
    const descriptor = device.getReportDescriptor ? await device.getReportDescriptor() : undefined;
    if (descriptor && descriptor.length > 0) {
      return new HidPosScanner(device, linkName, descriptorLayout(descriptor, linkName), options);
    }
    const scanner = new HidPosScanner(device, linkName, fallbackLayout(options), options);
    scanner.log.warn(
      `scanner: no HID descriptor readable on ${linkName}; using ${scanner.layout.origin}`,
    );
    return scanner;
  }

  /** Opens the scanner by hidraw path or USB ids with node-hid. */
  static async open(
    address: HidAddress,
    options: HidPosScannerOptions = {},
  ): Promise<HidPosScanner> {
    return HidPosScanner.fromDevice(
      await openHidDevice(address),
      describeHidAddress(address),
      options,
    );
  }

  override start(signal?: AbortSignal): Promise<void> {
    return this.command('start', signal);
  }

  override stop(signal?: AbortSignal): Promise<void> {
    return this.command('stop', signal);
  }

  private async command(which: 'start' | 'stop', signal?: AbortSignal): Promise<void> {
    const trigger =
      this.options.trigger === undefined ? undefined : HID_POS_TRIGGERS[this.options.trigger];
    if (!trigger) throw this.noTrigger();
    if (signal?.aborted) throw canceledError(`scanner ${which}`, signal);
    if (this.closed) throw new DeviceError('the HID scanner is closed', { disconnected: true });
    const report = new Uint8Array(
      Math.max(this.options.outputReportBytes ?? 64, trigger[which].length),
    );
    report.set(trigger[which]);
    try {
      await this.device.write(report);
    } catch (error) {
      throw new DeviceError(
        `the trigger command could not be sent: ${error instanceof Error ? error.message : String(error)}`,
        { disconnected: true, cause: error },
      );
    }
    this.triggered(which);
  }

  protected receive(report: Uint8Array): void {
    clearTimeout(this.gapTimer);
    this.handle(this.assembler.push(report));
    if (this.assembler.pending)
      this.gapTimer = setTimeout(
        () => this.handle(this.assembler.flush()),
        this.options.idleGapMs ?? 80,
      );
  }

  private handle(item: PosReportItem | undefined): void {
    if (!item) return;
    if (item.kind === 'ignored') {
      this.log.debug(`scanner: ${item.reason}`);
      return;
    }
    if (item.kind === 'overflow') {
      this.refuse({
        reason: 'tooLong',
        detail: `a scan of ${item.length} bytes ran past the limit`,
        source: 'hid-pos',
      });
      return;
    }
    // Menu-command replies come back as "scans" with AIM ]Z/]X and end in ACK/ENQ/NAK (spec §2.2).
    const last = item.bytes[item.bytes.length - 1];
    if (/^\][XZ]/.test(item.aimId ?? '') && (last === 0x06 || last === 0x05 || last === 0x15)) {
      this.log.info({ ack: last === 0x06 }, 'scanner: a menu command reply arrived');
      return;
    }
    const symbology = item.aimId ? symbologyOfAim(item.aimId) : undefined;
    this.deliverBytes(item.bytes, symbology ?? 'unknown', symbology ? item.aimId : undefined);
  }
}

/** The scan report layout a readable descriptor declares; a descriptor without one is refused. */
function descriptorLayout(descriptor: Uint8Array, linkName: string): HidPosLayout {
  try {
    return layoutFromDescriptor(parseReportDescriptor(descriptor));
  } catch (error) {
    if (!(error instanceof HidDescriptorError)) throw error;
    throw new DeviceError(
      `the HID scanner ${linkName} sent a malformed report descriptor: ${error.message}`,
      { unsupported: true, cause: error },
    );
  }
}

/** The configured vendor layout, for a device whose descriptor cannot be read. */
function fallbackLayout(options: HidPosScannerOptions): HidPosLayout {
  const fallback = options.fallbackLayout ?? 'honeywell';
  if (typeof fallback !== 'string') return fallback;
  const vendor = VENDOR_LAYOUTS[fallback];
  if (!vendor) {
    throw new Error(
      `unknown HID POS layout "${fallback}"; use one of ${Object.keys(VENDOR_LAYOUTS).join(', ')}`,
    );
  }
  return vendor;
}
