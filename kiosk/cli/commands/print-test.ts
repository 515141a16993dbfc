/**
 * `kiosk24 print test`: sends a test page to the real receipt printer (serial line or USB
 * printer-class device file) or the CUPS queue of the A4 printer, or writes it to a file.
 * Without --port/--queue/--out the devices come from the config, as the kiosk would open them.
 */
import { CupsDocumentPrinter } from '../../../drivers/document-printer/cups-printer.ts';
import { ReceiptPrinter } from '../../../drivers/receipt-printer/printer.ts';
import { loadProfile } from '../../../drivers/receipt-printer/profile.ts';
import { DeviceFileTransport } from '../../../drivers/transports/device-file.ts';
import { SerialTransport } from '../../../drivers/transports/serial.ts';
import type { ByteTransport } from '../../../drivers/transports/types.ts';
import type { KioskConfig } from '../../core/config/index.ts';
import {
  chinaDate,
  PrintUsageError,
  receiptGlyphs,
  writeOutputs,
  writeReceipt,
} from './print-output.ts';
import { documentTestPage, receiptTestPage } from '../../../printer-templates/test-page.ts';
import type { PrintIo, PrintOptions } from './print-args.ts';

/** How long a whole test job may take on a real device before it counts as stuck. */
const DEVICE_TIMEOUT_MS = 60_000;

/** Where a receipt test page goes when no --port is given: the configured real printer. */
function configuredPort(config: KioskConfig): { path: string; usbLp: boolean; baudRate?: number } {
  const device = config.devices.receiptPrinter;
  if ((device.mode === 'serial' || device.mode === 'usb-lp') && device.path !== undefined) {
    return { path: device.path, usbLp: device.mode === 'usb-lp', baudRate: device.baudRate };
  }
  throw new PrintUsageError(
    `the config has no real receipt printer (devices.receiptPrinter.mode is "${device.mode}"); pass --port PATH for the printer, or --out FILE`,
  );
}

function parseBaud(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const baud = Number(text);
  if (!Number.isInteger(baud) || baud < 1200 || baud > 921_600) {
    throw new PrintUsageError(
      `--baud must be a whole baud rate such as 9600 or 115200, got "${text}"`,
    );
  }
  return baud;
}

async function receiptTest(
  values: PrintOptions,
  config: KioskConfig,
  io: PrintIo,
): Promise<number> {
  const profile = loadProfile(values.profile ?? config.devices.receiptPrinter.profile);
  const bytes = receiptTestPage(profile, { ...receiptGlyphs(profile), printedAt: chinaDate() });
  if (values.out !== undefined) {
    writeReceipt(values.out, values.png, bytes, profile);
    io.out(
      `kiosk24: wrote the receipt test page to ${values.out} (${bytes.length} bytes, ${profile.id})`,
    );
    return 0;
  }
  const target =
    values.port !== undefined
      ? { path: values.port, usbLp: values.port.startsWith('/dev/usb/'), baudRate: undefined }
      : configuredPort(config);
  const baudRate = parseBaud(values.baud, target.baudRate ?? 115200);
  // A USB printer-class device is a plain character device; everything else is a serial line.
  const transport: ByteTransport = target.usbLp
    ? await DeviceFileTransport.open({ path: target.path })
    : await SerialTransport.open({ path: target.path, baudRate });
  let printer: ReceiptPrinter | undefined;
  try {
    printer = await ReceiptPrinter.open(transport, {
      jobTimeoutMs: DEVICE_TIMEOUT_MS,
      replyTimeoutMs: config.devices.receiptPrinter.statusTimeoutMs,
    });
    const result = await printer.print(bytes);
    io.out(
      `kiosk24: printed the receipt test page on ${target.path} (job ${result.jobId}, ${result.bytes} bytes); printer: ${result.state.detail}`,
    );
    return 0;
  } finally {
    if (printer) await printer.close();
    else await transport.close();
  }
}

async function documentTest(
  values: PrintOptions,
  config: KioskConfig,
  io: PrintIo,
): Promise<number> {
  const configured = config.devices.documentPrinter;
  const queue = values.queue ?? (configured.mode === 'cups' ? configured.queue : undefined);
  if (values.out === undefined && queue === undefined) {
    throw new PrintUsageError(
      `the config has no CUPS queue for the A4 printer (devices.documentPrinter.mode is "${configured.mode}"); pass --queue NAME (see lpstat -p), or --out FILE`,
    );
  }
  const pdf = await documentTestPage(
    values.out !== undefined ? 'file' : (queue ?? ''),
    chinaDate(),
  );
  if (values.out !== undefined) {
    writeOutputs([{ path: values.out, bytes: pdf }]);
    io.out(`kiosk24: wrote the A4 test page to ${values.out} (${pdf.length} bytes)`);
    return 0;
  }
  let printer: CupsDocumentPrinter;
  try {
    printer = new CupsDocumentPrinter({
      queue: queue ?? '',
      ...(values.queue === undefined && configured.cupsHost ? { server: configured.cupsHost } : {}),
    });
  } catch (error) {
    throw new PrintUsageError((error as Error).message);
  }
  const job = await printer.print(pdf, {
    title: 'kiosk24 test page',
    signal: AbortSignal.timeout(DEVICE_TIMEOUT_MS),
  });
  io.out(`kiosk24: sent the A4 test page to CUPS queue ${queue ?? ''} as job ${job.jobId}`);
  return 0;
}

/** Runs `kiosk24 print test --device receipt|document ...`; resolves to the exit code. */
export function printTestPage(
  values: PrintOptions,
  config: KioskConfig,
  io: PrintIo,
): Promise<number> {
  if (values.device === 'receipt') return receiptTest(values, config, io);
  if (values.device === 'document') return documentTest(values, config, io);
  throw new PrintUsageError(
    `kiosk24 print test: --device must be "receipt" or "document", got "${values.device ?? ''}"`,
  );
}
