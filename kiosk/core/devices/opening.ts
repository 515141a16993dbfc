/**
 * What every device opener shares while the kiosk starts: the log, the closers run at
 * shutdown in reverse, the simulators behind simulated devices, and the record of failures.
 */
import type { Logger } from 'pino';
import type { FolderDocumentPrinter } from '../../../drivers/document-printer/folder-printer.ts';
import type { RunningIdCardSimulator } from '../../../drivers/id-card/index.ts';
import type { ReceiptPrinterSimulator } from '../../../drivers/receipt-printer/simulator.ts';
import type { RunningScannerSimulator } from '../../../drivers/scanner/simulator.ts';
import type { PtyPair } from '../../../drivers/transports/pty-pair.ts';
import {
  devicePathIdentity,
  ReconnectingTransport,
} from '../../../drivers/transports/reconnecting.ts';
import type { ByteTransport } from '../../../drivers/transports/types.ts';
import type { Requirement } from '../capabilities/catalogue.ts';

/** The simulators running behind simulated devices, for the /sim control API. */
export interface DeviceSimulators {
  idCard?: RunningIdCardSimulator;
  receipt?: ReceiptPrinterSimulator;
  document?: FolderDocumentPrinter;
  scanner?: RunningScannerSimulator;
}

/** Handed to each device class's opener; collects what the assembled devices need later. */
export interface DeviceOpening {
  log: Logger;
  simulators: DeviceSimulators;
  /** One-line reasons for devices that could not be opened, by requirement. */
  failures: Map<Requirement, string>;
  /** This process's run folder (removed after a kill at the next start), when the kiosk owns one. */
  runFolder: string | undefined;
  /** Registers a release step; they run in reverse order when the kiosk closes its devices. */
  closeLater: (close: () => Promise<void>) => void;
  /** A fresh socat pty pair for a simulated serial device, closed with the devices. */
  pty: () => Promise<PtyPair>;
  /** Records and logs in one line that a device could not be opened. */
  fail: (requirement: Requirement, what: string, error: unknown) => void;
  /** Tells every listener that some device's state changed. */
  changed: () => void;
}

/** Opens a device link that reopens itself with back-off after an unplug (USB-serial, USB printer). */
export function reconnecting(
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
