import { realpathSync } from 'node:fs';
import { silentDriverLogger, type DriverLogger } from '../device/logger.ts';
import { DeviceError, canceledError } from '../device/errors.ts';
import { backoffDelay, type BackoffOptions } from './backoff.ts';
import type { ByteTransport } from './types.ts';

/**
 * A ByteTransport that survives the device going away: when a USB-serial adapter is unplugged
 * the underlying port closes, this transport goes offline, and it keeps trying to open the
 * port again with exponential back-off. Drivers subscribe to data once; their listeners are
 * moved onto every new underlying port, so a driver recovers without the kiosk restarting.
 *
 * An unplug is not a close: `onClose` fires only when this transport is closed for good (by
 * `close()` or its AbortSignal). A driver that took `onClose` as "gone forever" would never
 * use the port again, so the comings and goings are reported through `onStatus` instead.
 */

/** Whether bytes can flow right now. */
export type LinkStatus = 'online' | 'offline';

/** How a ReconnectingTransport is set up. */
export interface ReconnectingTransportOptions {
  /** Name for logs and errors, normally the configured device path. */
  name: string;
  /** Opens a fresh underlying transport; rejects when the device is not there (yet). */
  open: () => Promise<ByteTransport>;
  backoff?: BackoffOptions;
  /** Aborting closes the transport for good and stops the retries. */
  signal?: AbortSignal;
  /** The core's logger; only the name, the attempt count and error messages are logged. */
  logger?: DriverLogger;
  /** Random source for the jitter, 0 <= x < 1; tests pass a fixed one. */
  random?: () => number;
  /**
   * Names the device node now, or undefined when it is gone; see `devicePathIdentity`. A
   * change from what it named at open counts as an unplug. Some ports never report their
   * own loss (a pty whose other end went away while no read was waiting), so this is the
   * second witness. Checked every `identityCheckMs` (default 1000) while online.
   */
  identity?: () => string | undefined;
  identityCheckMs?: number;
}

/**
 * The identity of a device path: the node it resolves to (`/dev/ttyUSB0`, or the pty behind a
 * `/dev/serial/by-id/...` link), or undefined when it does not exist (unplugged).
 */
export function devicePathIdentity(path: string): () => string | undefined {
  return () => {
    try {
      return realpathSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      // Any other failure (permissions) says nothing about presence; report it as unchanged.
      return IDENTITY_UNKNOWN;
    }
  };
}

/** The identity reported when a path cannot be examined; never counts as a change. */
const IDENTITY_UNKNOWN = '\0unknown';

/** A transport that reopens its device after an unplug; see the module comment. */
export class ReconnectingTransport implements ByteTransport {
  readonly name: string;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private readonly statusListeners = new Set<(status: LinkStatus, reason?: string) => void>();
  private readonly log: DriverLogger;
  private current: ByteTransport | undefined;
  private detachCurrent: (() => void) | undefined;
  private linkStatus: LinkStatus = 'offline';
  private reason = 'not opened yet';
  /** Retries since the link was last online; picks the next back-off wait. */
  private retries = 0;
  private failedAttempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private identityTimer: ReturnType<typeof setInterval> | undefined;
  private connecting = false;
  private closed = false;

  private constructor(private readonly options: ReconnectingTransportOptions) {
    this.name = options.name;
    this.log = options.logger ?? silentDriverLogger;
    // Checks the back-off settings now rather than at the first unplug, months later.
    backoffDelay(0, options.backoff);
    if (options.signal?.aborted) this.closed = true;
    options.signal?.addEventListener('abort', () => void this.close(), { once: true });
  }

  /**
   * Opens the device once and returns the transport online. Rejects with the open error (and
   * leaves nothing running) when the first attempt fails, as `SerialTransport.open` does.
   */
  static async open(options: ReconnectingTransportOptions): Promise<ReconnectingTransport> {
    const { signal } = options;
    if (signal?.aborted) throw canceledError(`opening ${options.name}`, signal);
    const transport = new ReconnectingTransport(options);
    const first = await options.open();
    if (signal?.aborted) {
      await first.close();
      throw canceledError(`opening ${options.name}`, signal);
    }
    transport.attach(first);
    return transport;
  }

  /**
   * Returns at once and connects in the background, retrying until the device appears: for a
   * kiosk that must come up even when a reader is unplugged at boot.
   */
  static start(options: ReconnectingTransportOptions): ReconnectingTransport {
    const transport = new ReconnectingTransport(options);
    void transport.attempt();
    return transport;
  }

  get isOpen(): boolean {
    return this.current?.isOpen ?? false;
  }

  /** The link's present status. */
  get status(): LinkStatus {
    return this.linkStatus;
  }

  /** Why the link is offline (the last close or open error), or `connected`. */
  get detail(): string {
    return this.reason;
  }

  write(data: Uint8Array): Promise<void> {
    const current = this.current;
    if (!current?.isOpen) {
      return Promise.reject(
        new DeviceError(
          `${this.name} is offline (${this.reason}); it reconnects on its own when the device is plugged in again`,
          { disconnected: true },
        ),
      );
    }
    return current.write(data);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  /** Fires once, when this transport is closed for good; an unplug fires `onStatus` instead. */
  onClose(listener: (error?: Error) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Subscribes to the link going offline and coming back; returns the unsubscribe function. */
  onStatus(listener: (status: LinkStatus, reason?: string) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Stops retrying and closes the underlying transport; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const current = this.current;
    this.detach();
    this.setStatus('offline', 'closed');
    try {
      await current?.close();
    } finally {
      // Closed for good even when the port's own close failed: retries have stopped.
      for (const listener of this.closeListeners) listener();
    }
  }

  private attach(transport: ByteTransport): void {
    this.current = transport;
    const offData = transport.onData((chunk) => {
      for (const listener of this.dataListeners) listener(chunk);
    });
    const offClose = transport.onClose((error) => this.lost(transport, error));
    this.detachCurrent = () => {
      offData();
      offClose();
    };
    this.failedAttempts = 0;
    this.retries = 0;
    // The port may have died between opening and subscribing; its close event is then gone.
    if (!transport.isOpen) {
      this.lost(transport, new Error('closed right after opening'));
      return;
    }
    this.watchIdentity(transport);
    this.log.info({ transport: this.name }, 'transport: online');
    this.setStatus('online', 'connected');
  }

  private watchIdentity(transport: ByteTransport): void {
    const identity = this.options.identity;
    if (!identity) return;
    const opened = identity();
    this.identityTimer = setInterval(() => {
      const now = identity();
      if (now === opened || now === IDENTITY_UNKNOWN) return;
      const reason = now === undefined ? 'the device node disappeared' : 'the device node changed';
      this.lost(transport, new Error(reason));
      transport.close().catch((error: unknown) => {
        this.log.warn(
          { transport: this.name, err: error },
          'transport: closing a lost port failed',
        );
      });
    }, this.options.identityCheckMs ?? 1000);
  }

  private detach(): void {
    clearInterval(this.identityTimer);
    this.identityTimer = undefined;
    this.detachCurrent?.();
    this.detachCurrent = undefined;
    this.current = undefined;
  }

  private lost(transport: ByteTransport, error?: Error): void {
    if (transport !== this.current || this.closed) return;
    this.detach();
    const reason = error ? `the link closed: ${error.message}` : 'the link closed';
    this.log.warn({ transport: this.name }, `transport: offline, ${reason}`);
    this.setStatus('offline', reason);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer !== undefined) return;
    const delay = backoffDelay(this.retries, this.options.backoff, this.options.random);
    this.retries++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.attempt();
    }, delay);
  }

  private async attempt(): Promise<void> {
    if (this.closed || this.connecting) return;
    this.connecting = true;
    let opened: ByteTransport;
    try {
      opened = await this.options.open();
    } catch (error) {
      this.failedAttempts++;
      const message = error instanceof Error ? error.message : String(error);
      this.log.info(
        { transport: this.name, attempt: this.failedAttempts },
        `transport: reopening failed: ${message}`,
      );
      this.reason = `reopening failed: ${message}`;
      this.connecting = false;
      this.scheduleRetry();
      return;
    }
    this.connecting = false;
    if (this.closed) {
      // close() ran while the open was under way; the new port belongs to nobody.
      await opened.close();
      return;
    }
    this.attach(opened);
  }

  private setStatus(status: LinkStatus, reason: string): void {
    this.reason = reason;
    if (status === this.linkStatus) return;
    this.linkStatus = status;
    for (const listener of this.statusListeners) listener(status, reason);
  }
}
