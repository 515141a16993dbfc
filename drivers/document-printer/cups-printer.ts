/**
 * The A4 printer behind a CUPS queue, driven through the CUPS command-line tools: `lp` to
 * submit (the PDF goes through stdin, so no copy of a resident's certificate is written to a
 * temporary file by the kiosk), `lpstat` for queue and job state.
 */
import { canceledError, DeviceError } from '../device/errors.ts';
import type { DeviceState } from '../device/model.ts';
import { runCommand, type CommandResult } from './command.ts';
import { conditionOf, parseJobList, parseQueueStatus, parseRequestId } from './lpstat.ts';
import {
  checkPrintArguments,
  type DocumentPrinter,
  type JobState,
  type PrintOptions,
} from './types.ts';

/** Where the queue is and how to reach it. */
export interface CupsPrinterOptions {
  /** CUPS queue name, as given to `lpadmin -p`. */
  queue: string;
  /** `host:port` of the scheduler when it is not the default one (sets CUPS_SERVER). */
  server?: string;
  /** Device id in the kiosk; defaults to `document-printer`. */
  id?: string;
  /** Time allowed to each lp/lpstat call; default 15 s. */
  commandTimeoutMs?: number;
  /** Paths of the tools, when not on PATH. */
  lpPath?: string;
  lpstatPath?: string;
}

/** A DocumentPrinter that prints through a CUPS queue with `lp`. */
export class CupsDocumentPrinter implements DocumentPrinter {
  readonly deviceClass = 'documentPrinter' as const;
  readonly id: string;
  private current: DeviceState;
  private readonly listeners = new Set<(state: DeviceState) => void>();

  constructor(private readonly options: CupsPrinterOptions) {
    if (!/^[^\s/#]+$/.test(options.queue)) {
      throw new TypeError(
        `"${options.queue}" is not a CUPS queue name; names have no spaces, "/" or "#"`,
      );
    }
    this.id = options.id ?? 'document-printer';
    this.current = this.stateWith('starting', 'unknown', 'not checked yet');
  }

  private stateWith(
    status: DeviceState['status'],
    paper: DeviceState['supplies'][string],
    detail: string,
  ): DeviceState {
    return {
      id: this.id,
      deviceClass: this.deviceClass,
      status,
      supplies: { paper },
      detail: `${this.options.queue}: ${detail}`,
      simulated: false,
    };
  }

  private run(
    tool: 'lp' | 'lpstat',
    args: string[],
    signal?: AbortSignal,
    input?: Uint8Array,
  ): Promise<CommandResult> {
    const command =
      tool === 'lp' ? (this.options.lpPath ?? 'lp') : (this.options.lpstatPath ?? 'lpstat');
    return runCommand(command, args, {
      timeoutMs: this.options.commandTimeoutMs ?? 15_000,
      ...(signal === undefined ? {} : { signal }),
      ...(input === undefined ? {} : { input }),
      ...(this.options.server === undefined ? {} : { env: { CUPS_SERVER: this.options.server } }),
    });
  }

  /** The last state read from CUPS. */
  state(): DeviceState {
    return this.current;
  }

  /** Subscribes to state changes seen by `refresh`. */
  onStateChange(listener: (state: DeviceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the queue's state from `lpstat -l -p` and reports it if it changed. */
  async refresh(signal?: AbortSignal): Promise<DeviceState> {
    const result = await this.run('lpstat', ['-l', '-p', this.options.queue], signal);
    const condition = conditionOf(parseQueueStatus(result.stdout, this.options.queue));
    const next = this.stateWith(condition.status, condition.paper, condition.detail);
    if (JSON.stringify(next) !== JSON.stringify(this.current)) {
      this.current = next;
      for (const listener of this.listeners) listener(next);
    }
    return next;
  }

  /** CUPS has no printer self-test for arbitrary printers; this re-reads the queue state. */
  selfTest(signal?: AbortSignal): Promise<DeviceState> {
    return this.refresh(signal);
  }

  /** Checks the queue, then submits the PDF with `lp` (A4, 100 % scale) and returns `<queue>-<n>`. */
  async print(pdf: Uint8Array, options: PrintOptions): Promise<{ jobId: string }> {
    const copies = checkPrintArguments(pdf, options);
    if (options.signal.aborted) throw canceledError('printing', options.signal);
    const before = await this.refresh(options.signal);
    if (before.supplies.paper === 'out') {
      throw new DeviceError(
        `the document printer is out of paper (${before.detail}); load A4 paper`,
        { paperOut: true },
      );
    }
    if (before.status === 'noDevice') throw new DeviceError(before.detail, { noDevice: true });
    if (before.status === 'offline' || before.status === 'hardwareError') {
      throw new DeviceError(`the document printer cannot print now: ${before.detail}`, {
        disconnected: before.status === 'offline',
        hardwareError: before.status === 'hardwareError',
      });
    }
    const args = [
      '-d',
      this.options.queue,
      '-n',
      String(copies),
      '-t',
      options.title,
      '-o',
      'media=A4',
      '-o',
      'print-scaling=none',
    ];
    const result = await this.run('lp', args, options.signal, pdf);
    const job = parseRequestId(result.stdout, this.options.queue);
    if (result.code !== 0 || job === undefined) {
      throw new DeviceError(
        `lp refused the job (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim() || 'no output'}`,
        {
          hardwareError: true,
        },
      );
    }
    return { jobId: `${this.options.queue}-${job}` };
  }

  /** Looks the job up in the queue's not-completed list, then in its completed list. */
  async jobState(jobId: string, signal?: AbortSignal): Promise<JobState> {
    const number = parseRequestId(jobId, this.options.queue);
    if (number === undefined) return 'unknown';
    const pending = await this.run('lpstat', ['-o', this.options.queue], signal);
    if (parseJobList(pending.stdout, this.options.queue).has(number)) return 'pending';
    const done = await this.run('lpstat', ['-W', 'completed', '-o', this.options.queue], signal);
    return parseJobList(done.stdout, this.options.queue).has(number) ? 'completed' : 'unknown';
  }

  /** Nothing is held open; listeners are dropped. */
  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
