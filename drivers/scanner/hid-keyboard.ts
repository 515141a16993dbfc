import { checkCodeText } from './code-text.ts';
import {
  openHidDevice,
  describeHidAddress,
  type HidAddress,
  type HidDeviceLike,
} from './hid-device.ts';
import { KeyboardReportDecoder } from './keyboard-usage.ts';
import { HidScanner } from './hid-scanner.ts';
import type { ScannerCommonOptions } from './scanner-base.ts';
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
export class HidKeyboardScanner extends HidScanner {
  readonly canTrigger = false;
  private readonly decoder: KeyboardReportDecoder;
  private readonly gapMs: number;
  private typed = '';

  constructor(
    device: HidDeviceLike,
    linkName: string,
    private readonly options: HidKeyboardScannerOptions = {},
  ) {
    super(device, 'hid-keyboard', linkName, options);
    this.decoder = new KeyboardReportDecoder(options.reportId);
    this.gapMs = options.interKeyGapMs ?? 100;
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

  protected receive(report: Uint8Array): void {
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
