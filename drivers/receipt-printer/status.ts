import { DeviceError } from '../device/errors.ts';
import type { DeviceState, DeviceStatus } from '../device/model.ts';

/** Paper roll state as the device model names it. */
export type PaperState = 'full' | 'low' | 'out';

/** Everything the status replies (DLE EOT 1-4) or an ASB block say about the printer. */
export interface ReceiptPrinterReport {
  /** The printer takes data (DLE EOT 1 bit 3 / ASB byte 1 bit 3 clear). */
  online: boolean;
  coverOpen: boolean;
  paper: PaperState;
  /** Printing stopped because the paper ran out (DLE EOT 2 bit 5). */
  paperEndStop: boolean;
  /** Paper is being fed with the FEED button. */
  feeding: boolean;
  /** The printer waits for online recovery (DLE EOT 1 bit 5 / ASB byte 2 bit 0). */
  waitingForRecovery: boolean;
  recoverableError: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
}

/** True when a byte has the fixed bits of a 1-byte DLE EOT reply. */
function isStatusReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** True when a byte has the fixed bits of the first byte of a 4-byte ASB block. */
function isAsbHeader(byte: number): boolean {
  return (byte & 0x93) === 0x10;
}

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

function checkReply(n: number, byte: number): void {
  if (!isStatusReply(byte)) {
    throw new DeviceError(
      `DLE EOT ${n} reply 0x${byte.toString(16).padStart(2, '0')} lacks the fixed bits (b & 0x93 == 0x12); the line is noisy or the device is not an ESC/POS printer`,
      { checksum: true, code: byte },
    );
  }
}

/** Paper sensor from DLE EOT 4: bits 5+6 = end, bits 2+3 = near end. */
export function paperFromSensorReply(byte: number): PaperState {
  checkReply(4, byte);
  if ((byte & 0x60) === 0x60) return 'out';
  if ((byte & 0x0c) === 0x0c) return 'low';
  return 'full';
}

/**
 * Combines the replies to DLE EOT 1, 2, 3 and 4 into one report. Replies whose fixed bits
 * are wrong throw a `DeviceError` flagged `checksum`.
 */
export function reportFromStatusReplies(
  replies: readonly [number, number, number, number],
): ReceiptPrinterReport {
  const [printer, offline, error, sensor] = replies;
  checkReply(1, printer);
  checkReply(2, offline);
  checkReply(3, error);
  const paper = paperFromSensorReply(sensor);
  return {
    online: !bit(printer, 3),
    waitingForRecovery: bit(printer, 5),
    coverOpen: bit(offline, 2),
    feeding: bit(offline, 3),
    paperEndStop: bit(offline, 5),
    recoverableError: bit(error, 2),
    cutterError: bit(error, 3),
    unrecoverableError: bit(error, 5),
    autoRecoverableError: bit(error, 6),
    // A printer that stopped at paper end is out, whatever the roll sensor says.
    paper: bit(offline, 5) ? 'out' : paper,
  };
}

/** Decodes a 4-byte Automatic Status Back block (spec §9). */
export function reportFromAsb(block: Uint8Array): ReceiptPrinterReport {
  const [b1 = 0, b2 = 0, b3 = 0] = block;
  if (block.length !== 4 || !isAsbHeader(b1)) {
    throw new DeviceError(
      `ASB block ${hex(block)} is malformed: expected 4 bytes starting with (b & 0x93) == 0x10`,
      {
        checksum: true,
      },
    );
  }
  const paperEnd = (b3 & 0x0c) === 0x0c;
  return {
    online: !bit(b1, 3),
    coverOpen: bit(b1, 5),
    feeding: bit(b1, 6),
    waitingForRecovery: bit(b2, 0),
    recoverableError: bit(b2, 2),
    cutterError: bit(b2, 3),
    unrecoverableError: bit(b2, 5),
    autoRecoverableError: bit(b2, 6),
    paperEndStop: paperEnd && bit(b1, 3),
    paper: paperEnd ? 'out' : (b3 & 0x03) === 0x03 ? 'low' : 'full',
  };
}

/** True when the report shows a fault that needs a technician or a recovery command. */
export function hasHardwareError(report: ReceiptPrinterReport): boolean {
  return (
    report.cutterError ||
    report.unrecoverableError ||
    report.autoRecoverableError ||
    report.recoverableError
  );
}

/** True when a job may be sent: online, cover shut, paper present, no fault. */
export function canPrint(report: ReceiptPrinterReport): boolean {
  return report.online && !report.coverOpen && report.paper !== 'out' && !hasHardwareError(report);
}

/** Maps a report onto the common device model; paper near end is a supply state, not an error. */
export function deviceStateFromReport(
  report: ReceiptPrinterReport,
  identity: { id: string; simulated: boolean },
): DeviceState {
  let status: DeviceStatus = 'online';
  if (hasHardwareError(report)) status = 'hardwareError';
  else if (!report.online || report.coverOpen || report.paper === 'out') status = 'offline';
  const reasons: string[] = [];
  if (report.coverOpen) reasons.push('cover open');
  if (report.paper === 'out') reasons.push('paper out');
  if (report.paper === 'low') reasons.push('paper near end');
  if (report.cutterError) reasons.push('autocutter error');
  if (report.unrecoverableError) reasons.push('unrecoverable error');
  if (report.autoRecoverableError) reasons.push('auto-recoverable error (head or motor too hot)');
  if (report.recoverableError) reasons.push('recoverable error');
  if (!report.online && reasons.length === 0) reasons.push('offline');
  return {
    id: identity.id,
    deviceClass: 'receiptPrinter',
    status,
    supplies: { paper: report.paper },
    detail: reasons.length === 0 ? 'ready' : reasons.join(', '),
    simulated: identity.simulated,
  };
}

/** One unit the status byte stream carries. */
export type StatusFrame =
  | { kind: 'reply'; byte: number }
  | { kind: 'asb'; block: Uint8Array }
  /** A byte that is neither: noise, or a clone answering an unsupported query. */
  | { kind: 'unknown'; byte: number };

/**
 * Splits the bytes a printer sends back into 1-byte DLE EOT replies and 4-byte ASB blocks,
 * whatever the chunking; the fixed bits of the first byte say which one starts.
 */
export class StatusStreamReader {
  private asb: number[] | undefined;

  /** Feeds received bytes; returns the frames completed by them. */
  push(chunk: Uint8Array): StatusFrame[] {
    const frames: StatusFrame[] = [];
    for (const byte of chunk) {
      if (this.asb) {
        this.asb.push(byte);
        if (this.asb.length === 4) {
          frames.push({ kind: 'asb', block: Uint8Array.from(this.asb) });
          this.asb = undefined;
        }
      } else if (isAsbHeader(byte)) {
        this.asb = [byte];
      } else if (isStatusReply(byte)) {
        frames.push({ kind: 'reply', byte });
      } else {
        frames.push({ kind: 'unknown', byte });
      }
    }
    return frames;
  }

  /** Forgets a half-received ASB block, e.g. after the line was reopened. */
  reset(): void {
    this.asb = undefined;
  }
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
