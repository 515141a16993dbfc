import iconv from 'iconv-lite';
import { SerialTransport } from '../transports/serial.ts';
import type { ByteTransport } from '../transports/types.ts';
import { encodeScanLine, type Terminator } from './line-framer.ts';
import { aimIdOf, type Symbology } from './symbology.ts';
import { TRIGGER_PROFILES, type TriggerProfile } from './trigger.ts';

/** How one simulated scan is sent. */
export interface SimulatedScanOptions {
  /** The symbology whose AIM id is sent. Default `qr`. */
  symbology?: Symbology;
  /** Send the AIM id before the data. Default true. */
  aim?: boolean;
  /** The suffix; `none` makes the driver rely on its idle gap. Default: the simulator's. */
  suffix?: Terminator | 'none';
  /** Byte encoding of the text; GB18030 stands in for GBK-encoded Chinese codes. Default UTF-8. */
  encoding?: 'utf-8' | 'gb18030';
}

/** How the simulated scanner behaves. */
export interface ScannerSimulatorOptions {
  /**
   * Send at the wire speed of `baudRate` (10 bit times a byte). Default false. The pace is the
   * wire's and does not follow the time scale: a busy CPU only makes the bytes later, so it is
   * the driver's idle gap that must stretch, as a simulated kiosk and the tests stretch it.
   */
  pace?: boolean;
  /** Default 9600, the factory rate of most serial scanners. */
  baudRate?: number;
  /** Default suffix. Default CR. */
  suffix?: Terminator | 'none';
}

/** A trigger command the simulator recognised, by profile and direction. */
export interface ReceivedTrigger {
  profile: string;
  command: 'start' | 'stop';
}

/** Encodes one scan as the scanner puts it on the wire. */
export function encodeSimulatedScan(text: string, options: SimulatedScanOptions = {}): Uint8Array {
  const data =
    options.encoding === 'gb18030'
      ? new Uint8Array(iconv.encode(text, 'gb18030'))
      : new TextEncoder().encode(text);
  const aimId = options.aim === false ? undefined : aimIdOf(options.symbology ?? 'qr');
  return encodeScanLine(data, { ...(aimId ? { aimId } : {}), suffix: options.suffix ?? 'CR' });
}

/**
 * A serial line scanner on the device side of a ByteTransport: `scan()` types a code onto
 * the line as a real scanner would, and host-trigger commands of the known vendors are
 * recognised (and ACKed where the vendor ACKs), so the driver's trigger path runs for real.
 */
export class ScannerSimulator {
  private readonly unsubscribe: () => void;
  private readonly triggers: ReceivedTrigger[] = [];
  private received = new Uint8Array(0);
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: ScannerSimulatorOptions = {},
  ) {
    this.unsubscribe = transport.onData((chunk) => this.receive(chunk));
  }

  /** Sends one scan; resolves when its last byte is written. */
  scan(text: string, options: SimulatedScanOptions = {}): Promise<void> {
    return this.send(
      encodeSimulatedScan(text, { suffix: this.options.suffix ?? 'CR', ...options }),
    );
  }

  /** Sends raw bytes (line noise, a malformed scan) exactly as given. */
  sendBytes(bytes: Uint8Array): Promise<void> {
    return this.send(bytes);
  }

  /** The trigger commands received so far, oldest first. */
  get receivedTriggers(): readonly ReceivedTrigger[] {
    return this.triggers;
  }

  /** Detaches and closes the transport. */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.queue;
    await this.transport.close();
  }

  private send(bytes: Uint8Array): Promise<void> {
    const sent = this.queue.then(() =>
      this.options.pace ? this.writePaced(bytes) : this.transport.write(bytes),
    );
    // The queue keeps order between scans; a failed write is reported to its own caller.
    this.queue = sent.catch(() => undefined);
    return sent;
  }

  private receive(chunk: Uint8Array): void {
    const joined = new Uint8Array(this.received.length + chunk.length);
    joined.set(this.received);
    joined.set(chunk, this.received.length);
    this.received = joined;
    for (;;) {
      const match = findCommand(this.received);
      if (!match) break;
      this.triggers.push({ profile: match.profile.name, command: match.command });
      this.received = this.received.slice(match.end);
      const ack = match.profile.replies[0];
      // An ACK fails to go out only when the link is closing; the driver then times the reply
      // out on its own, which is the behaviour under test, so there is nothing to report here.
      if (ack) void this.send(ack).catch(() => undefined);
    }
    // Bytes that start no command are dropped, keeping only a possible command prefix.
    if (this.received.length > 16) this.received = this.received.slice(-16);
  }

  private async writePaced(bytes: Uint8Array): Promise<void> {
    const msPerByte = (10 / (this.options.baudRate ?? 9600)) * 1000;
    const started = performance.now();
    const slice = Math.max(1, Math.ceil(4 / msPerByte));
    for (let at = 0; at < bytes.length; at += slice) {
      const end = Math.min(bytes.length, at + slice);
      const wait = started + end * msPerByte - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await this.transport.write(bytes.subarray(at, end));
    }
  }
}

function findCommand(
  bytes: Uint8Array,
): { profile: TriggerProfile; command: 'start' | 'stop'; end: number } | undefined {
  let best:
    { profile: TriggerProfile; command: 'start' | 'stop'; end: number; at: number } | undefined;
  for (const profile of Object.values(TRIGGER_PROFILES)) {
    for (const command of ['start', 'stop'] as const) {
      const at = indexOf(bytes, profile[command]);
      if (at >= 0 && (!best || at < best.at))
        best = { profile, command, end: at + profile[command].length, at };
    }
  }
  return best;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** A simulator running on a serial path, as `npm start` runs it on a socat pty. */
export interface RunningScannerSimulator {
  simulator: ScannerSimulator;
  scan(text: string, options?: SimulatedScanOptions): Promise<void>;
  close(): Promise<void>;
}

/** Opens `path` and runs a simulated serial scanner on it, paced at `baudRate` unless `pace` is false. */
export async function startScannerSimulator(options: {
  path: string;
  baudRate?: number;
  pace?: boolean;
  suffix?: Terminator | 'none';
}): Promise<RunningScannerSimulator> {
  const baudRate = options.baudRate ?? 9600;
  const transport = await SerialTransport.open({ path: options.path, baudRate });
  const simulator = new ScannerSimulator(transport, {
    baudRate,
    pace: options.pace ?? true,
    ...(options.suffix ? { suffix: options.suffix } : {}),
  });
  return {
    simulator,
    scan: (text, scanOptions) => simulator.scan(text, scanOptions),
    close: () => simulator.close(),
  };
}
