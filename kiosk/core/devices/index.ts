/**
 * The kiosk's devices, opened from the config one class at a time and assembled into the
 * one `KioskDevices` the core, maintenance mode and the simulator panel work with.
 */
import type { Logger } from 'pino';
import type { DeviceState } from '../../../drivers/device/model.ts';
import type { DocumentPrinter } from '../../../drivers/document-printer/types.ts';
import type { IdCardReader } from '../../../drivers/id-card/index.ts';
import type { ReceiptPrinter } from '../../../drivers/receipt-printer/printer.ts';
import { loadProfile } from '../../../drivers/receipt-printer/profile.ts';
import type { Scanner } from '../../../drivers/scanner/types.ts';
import { createPtyPair, type PtyPair } from '../../../drivers/transports/pty-pair.ts';
import type { Requirement } from '../capabilities/catalogue.ts';
import type { KioskConfig } from '../config/index.ts';
import { openDocumentPrinter } from './document-printer.ts';
import { openIdCardReader } from './id-card.ts';
import type { DeviceOpening, DeviceSimulators } from './opening.ts';
import { openReceiptPrinter } from './receipt-printer.ts';
import { openScanner } from './scanner.ts';

export type { DeviceSimulators } from './opening.ts';

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
export async function openDevices(
  config: KioskConfig,
  log: Logger,
  runFolder?: string,
): Promise<KioskDevices> {
  const closers: (() => Promise<void>)[] = [];
  const failures = new Map<Requirement, string>();
  const simulators: DeviceSimulators = {};
  const listeners = new Set<() => void>();
  let ptys: PtyPair[] = [];
  const opening: DeviceOpening = {
    log,
    simulators,
    failures,
    runFolder,
    closeLater: (close) => closers.push(close),
    pty: async () => {
      const pair = await createPtyPair(undefined, runFolder);
      ptys = [...ptys, pair];
      return pair;
    },
    fail: (requirement, what, error) => {
      const reason = `${what}: ${error instanceof Error ? error.message : String(error)}`;
      failures.set(requirement, reason);
      log.error({ device: requirement }, reason);
    },
    changed: () => listeners.forEach((l) => l()),
  };

  // One class after the other, in this order, as the closers run in reverse at shutdown.
  const idCard = await openIdCardReader(config.devices.idCard, opening);
  const receiptProfile = loadProfile(config.devices.receiptPrinter.profile);
  const receiptPrinter = await openReceiptPrinter(
    config.devices.receiptPrinter,
    receiptProfile,
    opening,
  );
  const scanner = await openScanner(config.devices.scanner, opening);
  const documentPrinter = await openDocumentPrinter(config.devices.documentPrinter, opening);

  return {
    idCard: idCard.reader,
    receiptPrinter,
    documentPrinter,
    scanner,
    receiptProfile,
    simulators,
    failures,
    states: () =>
      [idCard.state(), scanner?.state(), receiptPrinter?.state(), documentPrinter?.state()].filter(
        (state) => state !== undefined,
      ),
    outOfService: () => {
      const down = new Set<Requirement>(failures.keys());
      const reader = idCard.state();
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
