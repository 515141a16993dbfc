import type { HidDeviceLike } from './hid-device.ts';
import { ScannerBase, type ScannerCommonOptions } from './scanner-base.ts';

/**
 * What the keyboard-wedge and HID POS scanners share: input reports arrive as node-hid 'data'
 * events, an unplug arrives as 'error', and a gap timer ends a scan that has no end marker.
 */
export abstract class HidScanner extends ScannerBase {
  /** Ends a scan after the link has gone quiet; cleared when the link fails or closes. */
  protected gapTimer: NodeJS.Timeout | undefined;
  protected closed = false;

  protected constructor(
    protected readonly device: HidDeviceLike,
    source: 'hid-keyboard' | 'hid-pos',
    linkName: string,
    options: ScannerCommonOptions,
  ) {
    super(source, linkName, options);
    device.on('data', (report) => this.receive(new Uint8Array(report)));
    device.on('error', (error) => {
      clearTimeout(this.gapTimer);
      this.setStatus('offline', `the HID link ${linkName} failed: ${error.message}`);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.gapTimer);
    await this.device.close();
    this.setStatus('offline', 'closed');
  }

  /** Handles one input report as the device sent it. */
  protected abstract receive(report: Uint8Array): void;
}
