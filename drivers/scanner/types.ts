import type { Device } from '../device/model.ts';
import type { CodeEncoding, RefusalReason } from './code-text.ts';
import type { Symbology } from './symbology.ts';

/** Where a code came from: which kind of scanner read it. */
export type ScanSource = 'serial' | 'hid-keyboard' | 'hid-pos' | 'camera';

/** The `codeScanned` event: one code, checked and decoded. The text may be personal data. */
export interface CodeScanned {
  text: string;
  symbology: Symbology;
  source: ScanSource;
  /** The AIM id as the scanner sent it (`]Q1`), when it sent one. */
  aimId?: string;
  /** How the bytes were decoded, for scanners that deliver bytes (serial, HID POS). */
  encoding?: CodeEncoding;
}

/**
 * The `codeRefused` event: a scan that failed the checks and was not passed on. It carries
 * no part of the code, only why it was refused, so it can be logged and shown safely.
 */
export interface CodeRefused {
  reason: RefusalReason;
  /** One sentence naming the problem (length, offending byte), never the content. */
  detail: string;
  source: ScanSource;
}

/**
 * Every scanner the kiosk drives, whatever its link: a Device that emits checked codes.
 * `start()`/`stop()` drive a host trigger where the scanner has one; on a scanner without
 * one they reject with a DeviceError flagged `unsupported` (see `canTrigger`).
 */
export interface Scanner extends Device {
  readonly deviceClass: 'scanner';
  /** Whether `start()`/`stop()` send commands to this scanner. */
  readonly canTrigger: boolean;
  /** Subscribes to scanned codes; returns the unsubscribe function. */
  onCode(listener: (code: CodeScanned) => void): () => void;
  /** Subscribes to refused scans; returns the unsubscribe function. */
  onRefused(listener: (refusal: CodeRefused) => void): () => void;
  /** Starts a read session (host trigger); resolves once the command is sent. */
  start(signal?: AbortSignal): Promise<void>;
  /** Ends a read session (host trigger). */
  stop(signal?: AbortSignal): Promise<void>;
}
