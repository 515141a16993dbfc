/** Opens the QR scanner the config names: serial line, HID POS, HID keyboard or the simulator. */
import { HidKeyboardScanner } from '../../../drivers/scanner/hid-keyboard.ts';
import { HidPosScanner } from '../../../drivers/scanner/hid-pos.ts';
import {
  DEFAULT_IDLE_GAP_MS,
  DEFAULT_REPLY_TIMEOUT_MS,
  SerialLineScanner,
} from '../../../drivers/scanner/serial-line.ts';
import { startScannerSimulator } from '../../../drivers/scanner/simulator.ts';
import type { Scanner } from '../../../drivers/scanner/types.ts';
import { SerialTransport } from '../../../drivers/transports/serial.ts';
import type { KioskConfig } from '../config/index.ts';
import type { DeviceOpening } from './opening.ts';
import { deviceTimeout } from './simulated-timing.ts';

/**
 * Opens the QR scanner; undefined when none is configured or it cannot be opened (the
 * reason is in `opening.failures`).
 */
export async function openScanner(
  scannerConfig: KioskConfig['devices']['scanner'],
  opening: DeviceOpening,
): Promise<Scanner | undefined> {
  if (scannerConfig.mode === 'none') {
    opening.failures.set('scanner', 'no QR scanner is configured');
    return undefined;
  }
  try {
    const common = {
      simulated: scannerConfig.mode === 'simulated',
      logger: opening.log.child({ device: 'scanner' }),
    };
    let scanner: Scanner;
    if (scannerConfig.mode === 'simulated' || scannerConfig.mode === 'serial') {
      const baudRate = scannerConfig.baudRate ?? 9600;
      let path = scannerConfig.path;
      if (scannerConfig.mode === 'simulated') {
        const pair = await opening.pty();
        const simulator = await startScannerSimulator({
          path: pair.devicePath,
          baudRate,
          suffix: scannerConfig.suffix,
        });
        opening.simulators.scanner = simulator;
        opening.closeLater(() => simulator.close());
        path = pair.hostPath;
      }
      const transport = await SerialTransport.open({ path: path ?? '', baudRate });
      // The simulator's paced bytes can pause on a busy CPU; that must not split a code.
      scanner = await SerialLineScanner.open(transport, {
        ...common,
        terminator: scannerConfig.suffix,
        idleGapMs: deviceTimeout(scannerConfig.mode, DEFAULT_IDLE_GAP_MS),
        replyTimeoutMs: deviceTimeout(scannerConfig.mode, DEFAULT_REPLY_TIMEOUT_MS),
      });
    } else {
      const address =
        scannerConfig.path !== undefined
          ? { path: scannerConfig.path }
          : { vendorId: scannerConfig.vendorId ?? 0, productId: scannerConfig.productId ?? 0 };
      scanner =
        scannerConfig.mode === 'hid-pos'
          ? await HidPosScanner.open(address, common)
          : await HidKeyboardScanner.open(address, common);
    }
    opening.closeLater(() => scanner.close());
    scanner.onStateChange(opening.changed);
    return scanner;
  } catch (error) {
    opening.fail(
      'scanner',
      `QR scanner (${scannerConfig.mode}${scannerConfig.path ? ` ${scannerConfig.path}` : ''}) cannot be opened`,
      error,
    );
    return undefined;
  }
}
