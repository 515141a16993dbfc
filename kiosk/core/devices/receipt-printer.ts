/** Opens the receipt printer the config names (serial, USB printer class) or its simulator. */
import { ReceiptPrinter } from '../../../drivers/receipt-printer/printer.ts';
import type { ReceiptPrinterProfile } from '../../../drivers/receipt-printer/profile.ts';
import { startReceiptPrinterSimulator } from '../../../drivers/receipt-printer/simulator.ts';
import { DeviceFileTransport } from '../../../drivers/transports/device-file.ts';
import { SerialTransport } from '../../../drivers/transports/serial.ts';
import type { KioskConfig } from '../config/index.ts';
import { reconnecting, type DeviceOpening } from './opening.ts';
import { deviceTimeout } from './simulated-timing.ts';

/**
 * Opens the receipt printer over a link that reopens itself after an unplug; undefined when
 * none is configured or it cannot be opened (the reason is in `opening.failures`).
 */
export async function openReceiptPrinter(
  receiptConfig: KioskConfig['devices']['receiptPrinter'],
  receiptProfile: ReceiptPrinterProfile,
  opening: DeviceOpening,
): Promise<ReceiptPrinter | undefined> {
  const { log } = opening;
  if (receiptConfig.mode === 'none') {
    opening.failures.set('receiptPrinter', 'no receipt printer is configured');
    return undefined;
  }
  try {
    const baudRate = receiptConfig.baudRate ?? 115200;
    let path = receiptConfig.path;
    if (receiptConfig.mode === 'simulated') {
      const pair = await opening.pty();
      const simulator = await startReceiptPrinterSimulator({
        path: pair.devicePath,
        baudRate,
        logger: log.child({ device: 'receipt-sim' }),
      });
      opening.simulators.receipt = simulator;
      opening.closeLater(() => simulator.close());
      path = pair.hostPath;
    }
    // A USB printer-class device (/dev/usb/lp0) is a character device file, not a serial
    // line; either way the link reopens itself after an unplug.
    const devicePath = path ?? '';
    const transport = await reconnecting(
      devicePath,
      receiptConfig.mode === 'usb-lp'
        ? () => DeviceFileTransport.open({ path: devicePath })
        : () => SerialTransport.open({ path: devicePath, baudRate }),
      log.child({ device: 'receipt-printer' }),
    );
    opening.closeLater(() => transport.close());
    const printer = await ReceiptPrinter.open(transport, {
      simulated: receiptConfig.mode === 'simulated',
      replyTimeoutMs: deviceTimeout(receiptConfig.mode, receiptConfig.statusTimeoutMs),
      autoStatusBack: receiptProfile.autoStatusBack,
      logger: log.child({ device: 'receipt-printer' }),
    });
    printer.onStateChange(opening.changed);
    // After an unplug or a replug, poll at once so paper and online state follow the cable.
    const stopFollowing = transport.onStatus(() => {
      printer.status().catch((error: unknown) => {
        log.warn({ err: error }, 'receipt printer status after a link change failed');
      });
    });
    // Runs first at shutdown (closers run in reverse): the link going offline because the
    // kiosk closes it is no unplug, and a status poll then could only fail.
    opening.closeLater(() => Promise.resolve(void stopFollowing()));
    return printer;
  } catch (error) {
    opening.fail(
      'receiptPrinter',
      `receipt printer (${receiptConfig.mode}${receiptConfig.path ? ` ${receiptConfig.path}` : ''}) cannot be opened`,
      error,
    );
    return undefined;
  }
}
