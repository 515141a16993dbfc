import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DeviceState } from '../../drivers/device/model.ts';
import { FolderDocumentPrinter } from '../../drivers/document-printer/folder-printer.ts';
import { CupsDocumentPrinter } from '../../drivers/document-printer/cups-printer.ts';
import type { DocumentPrinter } from '../../drivers/document-printer/types.ts';
import {
  IdCardReader,
  startIdCardSimulator,
  type RunningIdCardSimulator,
} from '../../drivers/id-card/index.ts';
import { ReceiptPrinter } from '../../drivers/receipt-printer/printer.ts';
import { loadProfile } from '../../drivers/receipt-printer/profile.ts';
import {
  startReceiptPrinterSimulator,
  type ReceiptPrinterSimulator,
} from '../../drivers/receipt-printer/simulator.ts';
import { HidKeyboardScanner } from '../../drivers/scanner/hid-keyboard.ts';
import { HidPosScanner } from '../../drivers/scanner/hid-pos.ts';
import { SerialLineScanner } from '../../drivers/scanner/serial-line.ts';
import {
  startScannerSimulator,
  type RunningScannerSimulator,
} from '../../drivers/scanner/simulator.ts';
import type { Scanner } from '../../drivers/scanner/types.ts';
import { createPtyPair, type PtyPair } from '../../drivers/transports/pty-pair.ts';
import { DeviceFileTransport } from '../../drivers/transports/device-file.ts';
import {
  devicePathIdentity,
  ReconnectingTransport,
} from '../../drivers/transports/reconnecting.ts';
import { SerialTransport } from '../../drivers/transports/serial.ts';
import type { ByteTransport } from '../../drivers/transports/types.ts';
import type { Requirement } from './capabilities/catalogue.ts';
import type { KioskConfig } from './config/index.ts';

/** The simulators running behind simulated devices, for the /sim control API. */
export interface DeviceSimulators {
  idCard?: RunningIdCardSimulator;
  receipt?: ReceiptPrinterSimulator;
  document?: FolderDocumentPrinter;
  scanner?: RunningScannerSimulator;
}

/** Every device the kiosk opened, with what failed to open and why. */
export interface KioskDevices {
  idCard?: IdCardReader;
  receiptPrinter?: ReceiptPrinter;
  receiptProfile: ReturnType<typeof loadProfile>;
  documentPrinter?: DocumentPrinter;
  scanner?: Scanner;
  simulators: DeviceSimulators;
  /** One-line reasons for devices that could not be opened, by requirement. */
  failures: Map<Requirement, string>;
  /** Latest states of every opened device. */
  states(): DeviceState[];
  /** Requirements that cannot serve a resident right now. */
  outOfService(): Requirement[];
  /** Subscribes to any device state change. */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * Opens the devices the config names. A device that cannot be opened is logged with one clear
 * line and marked out of service; the kiosk keeps serving everything that does not need it.
 * Simulated serial devices run behind a real socat pty pair, so the real driver code runs.
 */
export async function openDevices(config: KioskConfig, log: Logger): Promise<KioskDevices> {
  const closers: (() => Promise<void>)[] = [];
  const failures = new Map<Requirement, string>();
  const simulators: DeviceSimulators = {};
  const listeners = new Set<() => void>();
  const changed = (): void => listeners.forEach((l) => l());
  let ptys: PtyPair[] = [];
  const pty = async (): Promise<PtyPair> => {
    const pair = await createPtyPair();
    ptys = [...ptys, pair];
    return pair;
  };
  const fail = (requirement: Requirement, what: string, error: unknown): void => {
    const reason = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    failures.set(requirement, reason);
    log.error({ device: requirement }, reason);
  };

  let idCard: IdCardReader | undefined;
  /** Why the ID card reader has not been reachable since start-up; cleared when it comes. */
  let idCardWaiting: string | undefined;
  const idConfig = config.devices.idCard;
  try {
    let path = idConfig.path;
    if (idConfig.mode === 'simulated') {
      const pair = await pty();
      simulators.idCard = await startIdCardSimulator({
        path: pair.devicePath,
        baudRate: idConfig.baudRate,
      });
      closers.push(() => simulators.idCard?.close() ?? Promise.resolve());
      path = pair.hostPath;
    }
    const serialPath = path ?? '';
    // A USB-serial reader that is unplugged and plugged back in is reopened with back-off;
    // the reader driver keeps its listeners and the kiosk keeps running.
    const openLink = (): Promise<ByteTransport> =>
      SerialTransport.open({ path: serialPath, baudRate: idConfig.baudRate });
    // A reader missing at start-up is logged once and then awaited in the background: plugging
    // it in later brings the service back without restarting the kiosk.
    const transport = await reconnecting(
      serialPath,
      openLink,
      log.child({ device: 'id-card' }),
    ).catch((error: unknown) => {
      idCardWaiting = `ID card reader ${serialPath} cannot be opened yet (${(error as Error).message})`;
      log.error({ device: 'idCardReader' }, `${idCardWaiting}; waiting for it`);
      return ReconnectingTransport.start({
        name: serialPath,
        open: openLink,
        identity: devicePathIdentity(serialPath),
        logger: log.child({ device: 'id-card' }),
      });
    });
    const reader = new IdCardReader(transport, {
      simulated: idConfig.mode === 'simulated',
      logger: log.child({ device: 'id-card' }),
    });
    idCard = reader;
    closers.push(() => reader.close());
    reader.onStateChange(changed);
    // The reader learns of an unplug or a replug only from its next command; ask it at once so
    // the menu and the maintenance screen follow the cable.
    transport.onStatus((status) => {
      if (status === 'online') idCardWaiting = undefined;
      reader.selfTest().catch((error: unknown) => {
        log.warn({ err: error }, 'ID card reader self-test after a link change failed');
      });
    });
    const state = await reader.open();
    if (state.status !== 'online' && idCardWaiting === undefined)
      log.error({ device: 'id-card' }, `ID card reader is ${state.status}: ${state.detail}`);
  } catch (error) {
    fail(
      'idCardReader',
      `ID card reader (${idConfig.mode}${idConfig.path ? ` ${idConfig.path}` : ''}) cannot be opened`,
      error,
    );
  }

  const receiptConfig = config.devices.receiptPrinter;
  const receiptProfile = loadProfile(receiptConfig.profile);
  let receiptPrinter: ReceiptPrinter | undefined;
  if (receiptConfig.mode === 'none')
    failures.set('receiptPrinter', 'no receipt printer is configured');
  else {
    try {
      const baudRate = receiptConfig.baudRate ?? 115200;
      let path = receiptConfig.path;
      if (receiptConfig.mode === 'simulated') {
        const pair = await pty();
        simulators.receipt = await startReceiptPrinterSimulator({
          path: pair.devicePath,
          baudRate,
          logger: log.child({ device: 'receipt-sim' }),
        });
        closers.push(() => simulators.receipt?.close() ?? Promise.resolve());
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
      closers.push(() => transport.close());
      receiptPrinter = await ReceiptPrinter.open(transport, {
        simulated: receiptConfig.mode === 'simulated',
        replyTimeoutMs: receiptConfig.statusTimeoutMs,
        autoStatusBack: receiptProfile.autoStatusBack,
        logger: log.child({ device: 'receipt-printer' }),
      });
      receiptPrinter.onStateChange(changed);
      const printer = receiptPrinter;
      // After an unplug or a replug, poll at once so paper and online state follow the cable.
      transport.onStatus(() => {
        printer.status().catch((error: unknown) => {
          log.warn({ err: error }, 'receipt printer status after a link change failed');
        });
      });
    } catch (error) {
      fail(
        'receiptPrinter',
        `receipt printer (${receiptConfig.mode}${receiptConfig.path ? ` ${receiptConfig.path}` : ''}) cannot be opened`,
        error,
      );
    }
  }

  const scannerConfig = config.devices.scanner;
  let scanner: Scanner | undefined;
  if (scannerConfig.mode === 'none') failures.set('scanner', 'no QR scanner is configured');
  else {
    try {
      const common = {
        simulated: scannerConfig.mode === 'simulated',
        logger: log.child({ device: 'scanner' }),
      };
      if (scannerConfig.mode === 'simulated' || scannerConfig.mode === 'serial') {
        const baudRate = scannerConfig.baudRate ?? 9600;
        let path = scannerConfig.path;
        if (scannerConfig.mode === 'simulated') {
          const pair = await pty();
          simulators.scanner = await startScannerSimulator({
            path: pair.devicePath,
            baudRate,
            suffix: scannerConfig.suffix,
          });
          closers.push(() => simulators.scanner?.close() ?? Promise.resolve());
          path = pair.hostPath;
        }
        const transport = await SerialTransport.open({ path: path ?? '', baudRate });
        scanner = await SerialLineScanner.open(transport, {
          ...common,
          terminator: scannerConfig.suffix,
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
      const opened = scanner;
      closers.push(() => opened.close());
      opened.onStateChange(changed);
    } catch (error) {
      fail(
        'scanner',
        `QR scanner (${scannerConfig.mode}${scannerConfig.path ? ` ${scannerConfig.path}` : ''}) cannot be opened`,
        error,
      );
    }
  }

  const documentConfig = config.devices.documentPrinter;
  let documentPrinter: DocumentPrinter | undefined;
  if (documentConfig.mode === 'none')
    failures.set('documentPrinter', 'no document printer is configured');
  else if (documentConfig.mode === 'simulated') {
    // The simulated printer's PDFs carry the resident's name: they live in a private temporary
    // folder that is removed when the kiosk stops, never under the data directory.
    const folder = documentConfig.outputDir ?? mkdtempSync(join(tmpdir(), 'kiosk24-a4-'));
    const printer = new FolderDocumentPrinter({ folder });
    simulators.document = printer;
    documentPrinter = printer;
    printer.onStateChange(changed);
    if (!documentConfig.outputDir)
      closers.push(() => Promise.resolve(rmSync(folder, { recursive: true, force: true })));
  } else {
    const printer = new CupsDocumentPrinter({
      queue: documentConfig.queue ?? '',
      ...(documentConfig.cupsHost ? { server: documentConfig.cupsHost } : {}),
    });
    documentPrinter = printer;
    printer.onStateChange(changed);
    await printer
      .selfTest()
      .catch((error: unknown) =>
        fail('documentPrinter', `CUPS queue ${documentConfig.queue ?? ''}`, error),
      );
  }

  const devices = { idCard, receiptPrinter, documentPrinter, scanner };
  // A reader that never answered since start-up is "no device", with the reason it could not open.
  const idCardState = (): DeviceState | undefined => {
    const state = idCard?.state();
    if (!state || idCardWaiting === undefined) return state;
    return { ...state, status: 'noDevice', detail: idCardWaiting };
  };
  return {
    ...devices,
    receiptProfile,
    simulators,
    failures,
    states: () =>
      [idCardState(), scanner?.state(), receiptPrinter?.state(), documentPrinter?.state()].filter(
        (state) => state !== undefined,
      ),
    outOfService: () => {
      const down = new Set<Requirement>(failures.keys());
      const reader = idCardState();
      if (reader && !servesResidents(reader)) down.add('idCardReader');
      if (scanner && !servesResidents(scanner.state())) down.add('scanner');
      if (receiptPrinter && !servesResidents(receiptPrinter.state())) down.add('receiptPrinter');
      if (documentPrinter && !servesResidents(documentPrinter.state())) down.add('documentPrinter');
      return [...down];
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      for (const close of closers.reverse()) {
        await close().catch((error: unknown) =>
          log.warn({ err: error }, 'closing a device failed'),
        );
      }
      for (const pair of ptys) await pair.close();
    },
  };
}

/** True when a device in this state can serve a resident (paper out or offline cannot). */
function servesResidents(state: DeviceState): boolean {
  if (state.status === 'offline' || state.status === 'hardwareError' || state.status === 'noDevice')
    return false;
  return !Object.values(state.supplies).some((s) => s === 'out' || s === 'jammed');
}

/** Opens a device link that reopens itself with back-off after an unplug (USB-serial, USB printer). */
function reconnecting(
  path: string,
  open: () => Promise<ByteTransport>,
  log: Logger,
): Promise<ReconnectingTransport> {
  return ReconnectingTransport.open({
    name: path,
    open,
    identity: devicePathIdentity(path),
    logger: log,
  });
}
