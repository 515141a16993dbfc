import { checkCodeText } from './code-text.ts';
import {
  openHidDevice,
  describeHidAddress,
  type HidAddress,
  type HidDeviceLike,
} from './hid-device.ts';
import { KeyboardReportDecoder } from './keyboard-usage.ts';
import { ScannerBase, type ScannerCommonOptions } from './scanner-base.ts';
import { symbologyOfAim } from './symbology.ts';

/** How a keyboard-wedge scanner is set up. */
export interface HidKeyboardScannerOptions extends ScannerCommonOptions {
  /** Tab ends a code too (scanners set to a Tab suffix). Default false: Tab is data. */
  tabEnds?: boolean;
  /**
   * Silence after the last key after which the typed characters count as a complete code,
   * for scanners set to no suffix. Default 100 ms.
   */
  interKeyGapMs?: number;
  /** Report id some hidraw nodes put before the 8 boot report bytes. */
  reportId?: number;
  /** `auto` (default) splits a leading AIM id (`]Q1`) off the typed text; `never` keeps it. */
  aimPrefix?: 'auto' | 'never';
}

/**
 * A scanner in USB keyboard mode, read as raw boot reports from its hidraw node (node-hid),
 * so scans never reach the focused window and the OS keyboard layout plays no part.
 */
export class HidKeyboardScanner extends ScannerBase {
  readonly canTrigger = false;
  private readonly decoder: KeyboardReportDecoder;
  private readonly gapMs: number;
  private typed = '';
  private gapTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly device: HidDeviceLike,
    linkName: string,
    private readonly options: HidKeyboardScannerOptions = {},
  ) {
    super('hid-keyboard', linkName, options);
    this.decoder = new KeyboardReportDecoder(options.reportId);
    this.gapMs = options.interKeyGapMs ?? 100;
    device.on('data', (report) => this.receive(new Uint8Array(report)));
    device.on('error', (error) => {
      clearTimeout(this.gapTimer);
      this.setStatus('offline', `the HID link ${linkName} failed: ${error.message}`);
    });
  }

  /** Opens the scanner's hidraw node by path or USB ids with node-hid. */
  static async open(
    address: HidAddress,
    options: HidKeyboardScannerOptions = {},
  ): Promise<HidKeyboardScanner> {
    return new HidKeyboardScanner(
      await openHidDevice(address),
      describeHidAddress(address),
      options,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.gapTimer);
    await this.device.close();
    this.setStatus('offline', 'closed');
  }

  private receive(report: Uint8Array): void {
    clearTimeout(this.gapTimer);
    for (const event of this.decoder.push(report)) {
      if (event.kind === 'char') this.typed += event.char;
      else if (event.kind === 'enter' || (event.kind === 'tab' && this.options.tabEnds))
        this.complete();
      else if (event.kind === 'tab') this.typed += '\t';
      else this.log.debug({ usage: event.usage }, 'scanner: a key that types nothing was ignored');
    }
    if (this.typed.length > 0) this.gapTimer = setTimeout(() => this.complete(), this.gapMs);
  }

  private complete(): void {
    clearTimeout(this.gapTimer);
    const typed = this.typed;
    this.typed = '';
    if (typed.length === 0) return;
    const aimId = this.options.aimPrefix === 'never' ? undefined : typed.slice(0, 3);
    const symbology = aimId ? symbologyOfAim(aimId) : undefined;
    const text = symbology ? typed.slice(3) : typed;
    const refusal = checkCodeText(text, this.rules);
    if (refusal && !refusal.ok) {
      this.refuse({ reason: refusal.reason, detail: refusal.detail, source: 'hid-keyboard' });
      return;
    }
    this.emit({
      text,
      symbology: symbology ?? 'unknown',
      source: 'hid-keyboard',
      ...(symbology && aimId ? { aimId } : {}),
    });
  }
}
