import type { DriverLogger } from '../device/logger.ts';
import { canceledError, DeviceError, type DeviceErrorFlags } from '../device/errors.ts';
import type { DeviceEvents, DeviceState, SupplyState } from '../device/model.ts';
import type { ByteTransport } from '../transports/types.ts';
import {
  deviceStateFromReport,
  reportFromAsb,
  reportFromStatusReplies,
  StatusStreamReader,
  type ReceiptPrinterReport,
} from './status.ts';

/** A started job that stopped before the printer confirmed it; it can be resumed. */
export class PrintInterruptedError extends DeviceError {
  constructor(
    message: string,
    /** The job that waits in `ReceiptPrinter.pendingJob()`. */
    readonly jobId: number,
    flags: DeviceErrorFlags & { cause?: unknown },
  ) {
    super(message, flags);
  }
}

interface Waiter {
  resolve(byte: number): void;
  reject(error: DeviceError): void;
}

/**
 * The status side of a receipt printer link: sends DLE EOT queries, sorts the reply stream
 * into query replies and ASB blocks, and keeps the device state with its change events.
 */
export class StatusLink {
  private readonly reader = new StatusStreamReader();
  private readonly stateListeners = new Set<(state: DeviceState) => void>();
  private readonly thresholdListeners = new Set<(event: DeviceEvents['supplyThreshold']) => void>();
  private readonly unsubscribers: (() => void)[];
  private waiter: Waiter | undefined;
  private current: DeviceState;

  constructor(
    private readonly transport: ByteTransport,
    private readonly settings: {
      id: string;
      simulated: boolean;
      replyTimeoutMs: number;
      logger: DriverLogger;
    },
  ) {
    this.current = {
      id: settings.id,
      deviceClass: 'receiptPrinter',
      status: 'starting',
      supplies: { paper: 'unknown' },
      detail: 'not polled yet',
      simulated: settings.simulated,
    };
    this.unsubscribers = [
      transport.onData((chunk) => this.receive(chunk)),
      transport.onClose(() => {
        this.waiter?.reject(new DeviceError(`${transport.name} closed`, { disconnected: true }));
        this.waiter = undefined;
        this.update({ ...this.current, status: 'offline', detail: 'connection closed' });
      }),
    ];
  }

  state(): DeviceState {
    return this.current;
  }

  onStateChange(listener: (state: DeviceState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onSupplyThreshold(listener: (event: DeviceEvents['supplyThreshold']) => void): () => void {
    this.thresholdListeners.add(listener);
    return () => this.thresholdListeners.delete(listener);
  }

  /** Queries DLE EOT 1-4 in turn and applies the combined report. Callers serialize. */
  async poll(signal?: AbortSignal): Promise<ReceiptPrinterReport> {
    const replies: number[] = [];
    for (const n of [1, 2, 3, 4]) replies.push(await this.query(n, signal));
    const report = reportFromStatusReplies(replies as [number, number, number, number]);
    this.apply(report);
    return report;
  }

  close(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.waiter?.reject(new DeviceError('printer driver closed', { disconnected: true }));
    this.waiter = undefined;
  }

  private query(n: number, signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) return Promise.reject(canceledError('printer status query', signal));
    return new Promise<number>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiter = undefined;
      };
      const onAbort = (): void => {
        done();
        reject(canceledError('printer status query', signal!));
      };
      const timer = setTimeout(() => {
        done();
        this.goOffline(
          `no reply to DLE EOT ${n} within ${this.settings.replyTimeoutMs} ms: printer off, unplugged or one-way`,
        );
        reject(
          new DeviceError(
            `receipt printer on ${this.transport.name} did not answer DLE EOT ${n} within ${this.settings.replyTimeoutMs} ms; check power and cable`,
            { timeout: true },
          ),
        );
      }, this.settings.replyTimeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = {
        resolve: (byte) => {
          done();
          resolve(byte);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      };
      this.transport.write(Uint8Array.of(0x10, 0x04, n)).catch((error: unknown) => {
        const failure =
          error instanceof DeviceError
            ? error
            : new DeviceError(`status query failed: ${String(error)}`, {
                disconnected: true,
                cause: error,
              });
        // A reconnecting transport reports an unplug as a failed write, never as a close.
        if (failure.disconnected) this.goOffline(`link lost: ${failure.message}`);
        this.waiter?.reject(failure);
      });
    });
  }

  private receive(chunk: Uint8Array): void {
    for (const frame of this.reader.push(chunk)) {
      if (frame.kind === 'reply') {
        if (this.waiter) this.waiter.resolve(frame.byte);
        else this.settings.logger.debug({ byte: frame.byte }, 'status reply with no query waiting');
      } else if (frame.kind === 'asb') {
        this.apply(reportFromAsb(frame.block));
      } else {
        this.settings.logger.warn(
          { byte: frame.byte },
          'receipt printer sent a byte that is neither a status reply nor ASB',
        );
      }
    }
  }

  /** A printer that cannot be reached may have had its roll changed, so paper is unknown. */
  private goOffline(detail: string): void {
    this.update({ ...this.current, status: 'offline', supplies: { paper: 'unknown' }, detail });
  }

  private apply(report: ReceiptPrinterReport): void {
    this.update(
      deviceStateFromReport(report, { id: this.settings.id, simulated: this.settings.simulated }),
    );
  }

  private update(next: DeviceState): void {
    const previous = this.current;
    this.current = next;
    const before: SupplyState = previous.supplies.paper ?? 'unknown';
    const after: SupplyState = next.supplies.paper ?? 'unknown';
    if (before !== after && after !== 'unknown') {
      for (const listener of this.thresholdListeners) listener({ supply: 'paper', state: after });
    }
    if (previous.status !== next.status || before !== after || previous.detail !== next.detail) {
      for (const listener of this.stateListeners) listener(next);
    }
  }
}
