import type { DriverLogger } from '../device/logger.ts';
import { DeviceError } from '../device/errors.ts';
import type { ByteTransport } from '../transports/types.ts';
import type { ResponseFrame } from './codec.ts';
import { ResponseParser } from './frame-parser.ts';

/**
 * One command at a time over a ByteTransport: write a frame, wait for the one response frame,
 * give up after a timeout. GA 467 has no sequence numbers, so exchanges are strictly queued;
 * an exchange whose caller gave up still runs to its answer or timeout, so its late answer
 * can never be taken as the answer to the next command.
 */
export class SamLink {
  private readonly parser: ResponseParser;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private pending:
    | {
        what: string;
        resolve: (frame: ResponseFrame) => void;
        reject: (error: DeviceError) => void;
      }
    | undefined;
  private closed = false;

  constructor(
    private readonly transport: ByteTransport,
    private readonly log: DriverLogger,
    maxFrameLength?: number,
  ) {
    this.parser = new ResponseParser({ maxLength: maxFrameLength });
    this.unsubscribe.push(
      transport.onData((chunk) => this.receive(chunk)),
      transport.onClose((error) => this.lost(error)),
    );
  }

  /** True while commands can be sent. */
  get isOpen(): boolean {
    return !this.closed && this.transport.isOpen;
  }

  /** Subscribes to the link going away; returns the unsubscribe function. */
  onClose(listener: (error?: Error) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /**
   * Sends `frame` and resolves with the response. Rejects with a DeviceError flagged
   * `timeout` (no answer in `timeoutMs`), `checksum` (a corrupt answer) or `disconnected`.
   */
  exchange(frame: Uint8Array, what: string, timeoutMs: number): Promise<ResponseFrame> {
    const run = this.queue.then(() => this.send(frame, what, timeoutMs));
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Detaches from the transport and rejects anything waiting. */
  detach(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.lost();
  }

  private send(frame: Uint8Array, what: string, timeoutMs: number): Promise<ResponseFrame> {
    if (!this.isOpen) {
      return Promise.reject(
        new DeviceError(`cannot send ${what}: ${this.transport.name} is closed`, {
          disconnected: true,
        }),
      );
    }
    return new Promise<ResponseFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        reject(
          new DeviceError(
            `no answer to ${what} within ${timeoutMs} ms on ${this.transport.name}; check the reader's power and cable, or raise the timeout`,
            { timeout: true },
          ),
        );
      }, timeoutMs);
      const settle = (): void => {
        clearTimeout(timer);
        this.pending = undefined;
      };
      this.pending = {
        what,
        resolve: (response) => {
          settle();
          resolve(response);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      // A stale partial frame from before this command must not prefix its answer.
      this.parser.reset();
      this.transport.write(frame).catch((error: unknown) => {
        this.pending?.reject(
          new DeviceError(`writing ${what} to ${this.transport.name} failed`, {
            disconnected: true,
            cause: error,
          }),
        );
      });
    });
  }

  private receive(chunk: Uint8Array): void {
    for (const item of this.parser.push(chunk)) {
      if (item.kind === 'fault') {
        this.log.warn({ reason: item.reason, detail: item.detail }, 'id-card: dropped a bad frame');
        this.pending?.reject(
          new DeviceError(`answer to ${this.pending.what} was corrupt: ${item.detail}`, {
            checksum: true,
          }),
        );
      } else if (this.pending) {
        this.pending.resolve({ sw1: item.sw1, sw2: item.sw2, sw3: item.sw3, data: item.data });
      } else {
        this.log.warn(
          { sw3: item.sw3 },
          'id-card: ignored an answer that arrived after its command gave up',
        );
      }
    }
  }

  private lost(error?: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.pending?.reject(
      new DeviceError(`the link to the card reader (${this.transport.name}) closed`, {
        disconnected: true,
        cause: error,
      }),
    );
    for (const listener of this.closeListeners) listener(error);
  }
}
