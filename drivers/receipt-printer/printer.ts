import { silentDriverLogger, type DriverLogger } from '../device/logger.ts';
import { canceledError, DeviceError } from '../device/errors.ts';
import type { Device, DeviceEvents, DeviceState } from '../device/model.ts';
import type { ByteTransport } from '../transports/types.ts';
import { PrintInterruptedError, StatusLink } from './status-link.ts';
import { canPrint, hasHardwareError, type ReceiptPrinterReport } from './status.ts';

/** Settings of a receipt printer driver; times are configurable because clones differ. */
export interface ReceiptPrinterOptions {
  /** Device id in the device model (default `receipt-printer`). */
  id?: string;
  /** How long one DLE EOT reply may take (default 500 ms, per the spec). */
  replyTimeoutMs?: number;
  /** Pause between status polls while waiting for a job to finish (default 100 ms). */
  pollIntervalMs?: number;
  /** How long a job may take before it counts as stuck (default 60 s). */
  jobTimeoutMs?: number;
  /** Bytes per write, so a cancel can stop a long job between chunks (default 1024). */
  chunkSize?: number;
  /** Ask the printer for Automatic Status Back (`GS a`), if the profile has it. */
  autoStatusBack?: boolean;
  /** Marks the state as simulated, for the maintenance screen. */
  simulated?: boolean;
  logger?: DriverLogger;
}

/** What a finished job reports. */
export interface PrintResult {
  jobId: number;
  /** Bytes sent for this job. */
  bytes: number;
  /** The printer state after the job. */
  state: DeviceState;
}

/** A job that was sent but not confirmed, waiting for `resume()` or `abandon()`. */
export interface PendingJob {
  jobId: number;
  bytes: Uint8Array;
  /** Why it stopped, as the error that was thrown. */
  error: DeviceError;
}

export { PrintInterruptedError } from './status-link.ts';

/**
 * ESC/POS receipt printer driver over any byte transport. Jobs are checked against the
 * printer's status before a byte is sent and confirmed by polling afterwards; a job cut
 * short by paper out stays pending until it is resumed or abandoned, never dropped silently.
 */
export class ReceiptPrinter implements Device {
  readonly deviceClass = 'receiptPrinter' as const;
  readonly id: string;
  private readonly link: StatusLink;
  private readonly options: Required<Omit<ReceiptPrinterOptions, 'logger' | 'id'>>;
  private readonly log: DriverLogger;
  private pending: PendingJob | undefined;
  private nextJobId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: ByteTransport,
    options: ReceiptPrinterOptions = {},
  ) {
    this.id = options.id ?? 'receipt-printer';
    this.log = options.logger ?? silentDriverLogger;
    this.options = {
      replyTimeoutMs: options.replyTimeoutMs ?? 500,
      pollIntervalMs: options.pollIntervalMs ?? 100,
      jobTimeoutMs: options.jobTimeoutMs ?? 60_000,
      chunkSize: options.chunkSize ?? 1024,
      autoStatusBack: options.autoStatusBack ?? false,
      simulated: options.simulated ?? false,
    };
    this.link = new StatusLink(transport, {
      id: this.id,
      simulated: this.options.simulated,
      replyTimeoutMs: this.options.replyTimeoutMs,
      logger: this.log,
    });
  }

  /** Opens the driver: enables ASB when asked, then reads the status once (errors propagate). */
  static async open(
    transport: ByteTransport,
    options: ReceiptPrinterOptions = {},
  ): Promise<ReceiptPrinter> {
    const printer = new ReceiptPrinter(transport, options);
    if (printer.options.autoStatusBack) await transport.write(Uint8Array.of(0x1d, 0x61, 0xff));
    await printer.status();
    return printer;
  }

  state(): DeviceState {
    return this.link.state();
  }

  onStateChange(listener: (state: DeviceState) => void): () => void {
    return this.link.onStateChange(listener);
  }

  /** Subscribes to paper threshold crossings (near end, out, refilled); these are not errors. */
  onSupplyThreshold(listener: (event: DeviceEvents['supplyThreshold']) => void): () => void {
    return this.link.onSupplyThreshold(listener);
  }

  /** Polls DLE EOT 1, 2, 3 and 4 and updates the state; no reply means `DeviceError{timeout}`. */
  status(signal?: AbortSignal): Promise<ReceiptPrinterReport> {
    return this.exclusive(() => this.link.poll(signal));
  }

  /** Reads the status; the printer's own self-test page is not printed at a resident's kiosk. */
  async selfTest(signal?: AbortSignal): Promise<DeviceState> {
    await this.status(signal);
    return this.state();
  }

  /**
   * Prints one job. Throws `DeviceError{paperOut}` (nothing sent) when there is no paper,
   * `DeviceError{hardwareError}` for an open cover or a fault, and `PrintInterruptedError`
   * when the job stopped part way; the job then waits in `pendingJob()`.
   */
  print(bytes: Uint8Array, options: { signal?: AbortSignal } = {}): Promise<PrintResult> {
    return this.exclusive(async () => {
      if (this.pending) {
        throw new DeviceError(
          `job ${this.pending.jobId} was interrupted and is still pending; call resume() after fixing the printer, or abandon() it`,
          {
            paperOut: this.pending.error.paperOut,
            hardwareError: this.pending.error.hardwareError,
          },
        );
      }
      return this.run({ jobId: this.nextJobId++, bytes }, options.signal);
    });
  }

  /** The job waiting after an interruption, if any. */
  pendingJob(): PendingJob | undefined {
    return this.pending;
  }

  /** Re-sends the pending job from the start, once the printer is ready again. */
  resume(options: { signal?: AbortSignal } = {}): Promise<PrintResult> {
    return this.exclusive(async () => {
      const job = this.pending;
      if (!job)
        throw new DeviceError('there is no interrupted job to resume', { unsupported: true });
      const result = await this.run(job, options.signal);
      this.pending = undefined;
      return result;
    });
  }

  /** Gives up the pending job; returns it so the caller can record the failed print. */
  abandon(): PendingJob | undefined {
    const job = this.pending;
    this.pending = undefined;
    if (job) this.log.warn({ jobId: job.jobId }, 'interrupted receipt job abandoned');
    return job;
  }

  async close(): Promise<void> {
    this.link.close();
    await this.transport.close();
  }

  private async run(
    job: { jobId: number; bytes: Uint8Array },
    signal?: AbortSignal,
  ): Promise<PrintResult> {
    const before = await this.link.poll(signal);
    refuseUnready(before, job.jobId);
    let sent = 0;
    try {
      for (; sent < job.bytes.length; sent += this.options.chunkSize) {
        if (signal?.aborted) throw canceledError(`receipt job ${job.jobId}`, signal);
        await this.transport.write(job.bytes.subarray(sent, sent + this.options.chunkSize));
      }
      await this.awaitCompletion(job.jobId, signal);
    } catch (error) {
      if (error instanceof DeviceError) {
        // Anything that stops a started job keeps it, so it is resumed or reported, not lost.
        this.pending = { ...job, error };
        if (error.timeout || error.disconnected || error.canceled) {
          throw new PrintInterruptedError(
            `receipt job ${job.jobId} did not complete: ${error.message}`,
            job.jobId,
            {
              timeout: error.timeout,
              disconnected: error.disconnected,
              canceled: error.canceled,
              cause: error,
            },
          );
        }
      }
      throw error;
    }
    this.log.info({ jobId: job.jobId, bytes: job.bytes.length }, 'receipt printed');
    return { jobId: job.jobId, bytes: job.bytes.length, state: this.state() };
  }

  /** Polls until the printer answers online with paper, or reports why it cannot. */
  private async awaitCompletion(jobId: number, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + this.options.jobTimeoutMs;
    for (;;) {
      const report = await this.link.poll(signal);
      if (canPrint(report)) return;
      if (report.paper === 'out' || report.coverOpen || hasHardwareError(report)) {
        throw new PrintInterruptedError(
          `receipt job ${jobId} stopped: ${this.state().detail}. Fix the printer, then resume the job.`,
          jobId,
          {
            paperOut: report.paper === 'out',
            hardwareError: report.coverOpen || hasHardwareError(report),
          },
        );
      }
      if (Date.now() > deadline) {
        throw new DeviceError(
          `printer stayed offline for ${this.options.jobTimeoutMs} ms after the job`,
          { timeout: true },
        );
      }
      await sleep(this.options.pollIntervalMs, signal);
    }
  }

  /** Runs one exchange at a time: status replies carry no tag, so queries must not overlap. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function refuseUnready(report: ReceiptPrinterReport, jobId: number): void {
  if (report.paper === 'out') {
    throw new DeviceError(
      `receipt job ${jobId} not sent: the printer is out of paper. Load a roll and retry.`,
      { paperOut: true },
    );
  }
  if (report.coverOpen || hasHardwareError(report) || !report.online) {
    throw new DeviceError(
      `receipt job ${jobId} not sent: the printer is not ready (cover, cutter or other fault)`,
      { hardwareError: report.coverOpen || hasHardwareError(report) },
    );
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(canceledError('waiting for the printer', signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(canceledError('waiting for the printer', signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
