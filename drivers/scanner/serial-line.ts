import { DeviceError, canceledError } from '../device/errors.ts';
import type { ByteTransport } from '../transports/types.ts';
import { maxCodeBytes } from './code-text.ts';
import { LineFramer, type FramedItem, type Terminator } from './line-framer.ts';
import { ScannerBase, type ScannerCommonOptions } from './scanner-base.ts';
import { splitAimPrefix } from './symbology.ts';
import { SSI, triggerProfile, type TriggerProfile } from './trigger.ts';

/**
 * Silence after which a line without its suffix counts as complete: several character times
 * at 9600 baud (about 1 ms each), yet shorter than a person takes to present the next code.
 */
export const DEFAULT_IDLE_GAP_MS = 80;

/** How long a trigger command's ACK may take; scanners answer within a few character times. */
export const DEFAULT_REPLY_TIMEOUT_MS = 500;

/** How a serial line scanner is set up. */
export interface SerialLineScannerOptions extends ScannerCommonOptions {
  /** The scanner's suffix. Default CR, the most common factory setting. */
  terminator?: Terminator;
  /** Silence after which a line without suffix counts as complete. Default 80 ms. */
  idleGapMs?: number;
  /**
   * `auto` (default) takes a leading AIM id when it is one of the table's; `never` keeps
   * every byte as data, for scanners whose codes may start with `]`.
   */
  aimPrefix?: 'auto' | 'never';
  /** Host-trigger commands: a profile name (`honeywell`, `newland`, `zebra-ssi`, `gm65`) or a profile. */
  trigger?: string | TriggerProfile;
  /** How long a command reply (ACK) may take before it is no longer expected. Default 500 ms. */
  replyTimeoutMs?: number;
}

/**
 * A serial or USB-CDC scanner that sends each scan as a line: RS-232 modules, CDC-ACM
 * handhelds, and the simulator on a socat pty. Framing is by suffix with an idle-gap
 * fallback; each line is AIM-split, decoded (UTF-8, else GB18030) and checked.
 */
export class SerialLineScanner extends ScannerBase {
  readonly canTrigger: boolean;
  private readonly framer: LineFramer;
  private readonly idleGapMs: number;
  private readonly profile: TriggerProfile | undefined;
  private readonly detach: (() => void)[] = [];
  private idleTimer: NodeJS.Timeout | undefined;
  private replyTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: SerialLineScannerOptions = {},
  ) {
    super('serial', transport.name, options);
    const idleGapMs = options.idleGapMs ?? DEFAULT_IDLE_GAP_MS;
    if (!Number.isFinite(idleGapMs) || idleGapMs <= 0) {
      throw new Error(
        `scanner idleGapMs must be a positive number of milliseconds, got ${idleGapMs}`,
      );
    }
    this.idleGapMs = idleGapMs;
    this.framer = new LineFramer(options.terminator ?? 'CR', maxCodeBytes(options.rules));
    this.profile =
      typeof options.trigger === 'string' ? triggerProfile(options.trigger) : options.trigger;
    this.canTrigger = this.profile !== undefined;
    this.detach.push(transport.onData((chunk) => this.receive(chunk)));
    this.detach.push(
      transport.onClose((error) => {
        this.clearTimers();
        this.setStatus(
          'offline',
          `the link ${transport.name} closed${error ? `: ${error.message}` : ''}`,
        );
      }),
    );
    if (!transport.isOpen) this.setStatus('offline', `the link ${transport.name} is closed`);
  }

  /** Wraps an open transport; kept async so callers can treat every driver's open alike. */
  static open(
    transport: ByteTransport,
    options: SerialLineScannerOptions = {},
  ): Promise<SerialLineScanner> {
    return Promise.resolve(new SerialLineScanner(transport, options));
  }

  override start(signal?: AbortSignal): Promise<void> {
    return this.command('start', signal);
  }

  override stop(signal?: AbortSignal): Promise<void> {
    return this.command('stop', signal);
  }

  async close(): Promise<void> {
    this.clearTimers();
    for (const off of this.detach.splice(0)) off();
    await this.transport.close();
    this.setStatus('offline', 'closed');
  }

  private async command(which: 'start' | 'stop', signal?: AbortSignal): Promise<void> {
    if (!this.profile) throw this.noTrigger();
    if (signal?.aborted) throw canceledError(`scanner ${which}`, signal);
    if (!this.transport.isOpen) {
      throw new DeviceError(`the scanner link ${this.transport.name} is closed`, {
        disconnected: true,
      });
    }
    this.framer.expectReplies(this.profile.replies);
    clearTimeout(this.replyTimer);
    this.replyTimer = setTimeout(
      () => this.framer.clearExpectedReplies(),
      this.options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS,
    );
    await this.transport.write(this.profile[which]);
    this.triggered(which);
  }

  private receive(chunk: Uint8Array): void {
    clearTimeout(this.idleTimer);
    this.handle(this.framer.push(chunk));
    if (this.framer.hasPartialLine) {
      this.idleTimer = setTimeout(() => this.handle(this.framer.flush()), this.idleGapMs);
    }
  }

  private handle(items: FramedItem[]): void {
    for (const item of items) {
      if (item.kind === 'reply') {
        // An SSI NAK means the scanner refused the trigger: visible, not fatal.
        if (item.bytes[1] === SSI.nak)
          this.log.warn('scanner: the scanner refused a trigger command (NAK)');
        continue;
      }
      if (item.kind === 'overflow') {
        this.refuse({
          reason: 'tooLong',
          detail: `a line of ${item.length} bytes ran past the limit without a suffix`,
          source: 'serial',
        });
        continue;
      }
      const split =
        this.options.aimPrefix === 'never'
          ? { aimId: undefined, symbology: 'unknown' as const, rest: item.bytes }
          : splitAimPrefix(item.bytes);
      this.deliverBytes(split.rest, split.symbology, split.aimId);
    }
  }

  private clearTimers(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.replyTimer);
  }
}
