import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DeviceError } from '../../../drivers/device/errors.ts';
import { SerialTransport } from '../../../drivers/transports/serial.ts';

/**
 * Argument handling shared by the `kiosk24 device` subcommands: one usage text, strict option
 * parsing, and number options checked with a message that names the option and what to pass.
 */

/** Where a subcommand writes: results to `out` (stdout), reasons and usage to `err` (stderr). */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Exit codes of the device subcommands: other tools branch on them. */
export const EXIT = {
  ok: 0,
  /** The device failed, could not be opened, or a self-test did not pass. */
  deviceError: 1,
  /** Nothing arrived in time (no card, no scan), or the command line was wrong. */
  timeoutOrUsage: 2,
} as const;

/** The usage text of `kiosk24 device`. */
export const DEVICE_USAGE = `usage: kiosk24 device <subcommand>

  list [--json] [--config FILE]
      configured devices and their status (opens each briefly)
  read-id --port PATH [--baud N] [--timeout S] [--reveal]
      wait for an ID card on a GA 467 reader and print it as JSON; the ID number is
      masked unless --reveal is given (default 115200 baud, 30 s)
  scan --port PATH [--baud N] [--timeout S]
      wait for one code from a serial line scanner and print it as JSON (default 9600 baud, 30 s)
  selftest [--config FILE]
      run each configured device's self-test; exit 0 when all are online

Exit codes: 0 done, 1 device error, 2 timeout or bad command line.`;

/** A command line the subcommand cannot run; the message says what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses `args` strictly; unknown or malformed options become a UsageError. */
export function parseOptions<const T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The required `--port`, or a UsageError saying how to find one. */
export function requirePort(port: string | undefined): string {
  if (port === undefined || port === '') {
    throw new UsageError(
      '--port PATH is required: the serial device, e.g. /dev/ttyUSB0 (see ls /dev/serial/by-id)',
    );
  }
  return port;
}

/** A whole baud rate above 0, or the default when the option is absent. */
export function baudOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const baud = Number(value);
  if (!Number.isInteger(baud) || baud <= 0) {
    throw new UsageError(`--baud must be a whole number of bit/s such as 115200, got "${value}"`);
  }
  return baud;
}

/** A timeout in seconds above 0 (fractions allowed), returned in ms. */
export function timeoutOption(value: string | undefined, fallbackSeconds: number): number {
  if (value === undefined) return fallbackSeconds * 1000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(
      `--timeout must be a number of seconds above 0 such as 30, got "${value}"`,
    );
  }
  return Math.round(seconds * 1000);
}

/**
 * Opens the port a subcommand talks to. A port that cannot be opened is reported on `err`
 * under the subcommand's name and gives undefined, so the caller exits with a device error.
 */
export async function openPort(
  subcommand: string,
  path: string,
  baudRate: number,
  io: CommandIo,
): Promise<SerialTransport | undefined> {
  try {
    return await SerialTransport.open({ path, baudRate });
  } catch (error) {
    if (!(error instanceof DeviceError)) throw error;
    io.err(`kiosk24 device ${subcommand}: ${error.message}`);
    return undefined;
  }
}
