import { silentDriverLogger, type DriverLogger } from '../device/logger.ts';
import { DeviceError } from '../device/errors.ts';
import type { DeviceState, DeviceStatus } from '../device/model.ts';
import { readCodeText, type CodeTextRules } from './code-text.ts';
import type { Symbology } from './symbology.ts';
import type { CodeRefused, CodeScanned, ScanSource, Scanner } from './types.ts';

/** Options every scanner driver takes. */
export interface ScannerCommonOptions {
  /** Device id for the maintenance screen and logs. Default `scanner`. */
  id?: string;
  /** Whether the other end is a simulator (shown to technicians). */
  simulated?: boolean;
  /** Length and control-character rules for accepted codes. */
  rules?: CodeTextRules;
  /** The core's logger; only lengths, symbologies and reasons are logged, never code text. */
  logger?: DriverLogger;
}

/**
 * The state, listeners and checks every scanner shares. A driver subclass only turns its
 * link's input into byte or text scans and hands them to `deliverBytes` / `deliverText`.
 */
export abstract class ScannerBase implements Scanner {
  readonly id: string;
  readonly deviceClass = 'scanner' as const;
  abstract readonly canTrigger: boolean;
  protected readonly log: DriverLogger;
  protected readonly rules: CodeTextRules;
  private readonly codeListeners = new Set<(code: CodeScanned) => void>();
  private readonly refusalListeners = new Set<(refusal: CodeRefused) => void>();
  private readonly stateListeners = new Set<(state: DeviceState) => void>();
  private current: DeviceState;

  protected constructor(
    protected readonly source: ScanSource,
    linkName: string,
    options: ScannerCommonOptions,
  ) {
    this.id = options.id ?? 'scanner';
    this.log = options.logger ?? silentDriverLogger;
    this.rules = options.rules ?? {};
    this.current = {
      id: this.id,
      deviceClass: 'scanner',
      status: 'online',
      supplies: {},
      detail: `listening on ${linkName}`,
      simulated: options.simulated ?? false,
    };
  }

  state(): DeviceState {
    return { ...this.current, supplies: {} };
  }

  onStateChange(listener: (state: DeviceState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onCode(listener: (code: CodeScanned) => void): () => void {
    this.codeListeners.add(listener);
    return () => this.codeListeners.delete(listener);
  }

  onRefused(listener: (refusal: CodeRefused) => void): () => void {
    this.refusalListeners.add(listener);
    return () => this.refusalListeners.delete(listener);
  }

  /** A scanner speaks only when scanned, so its self-test is whether its link is open. */
  selfTest(signal?: AbortSignal): Promise<DeviceState> {
    signal?.throwIfAborted();
    return Promise.resolve(this.state());
  }

  start(_signal?: AbortSignal): Promise<void> {
    return Promise.reject(this.noTrigger());
  }

  stop(_signal?: AbortSignal): Promise<void> {
    return Promise.reject(this.noTrigger());
  }

  abstract close(): Promise<void>;

  protected noTrigger(): DeviceError {
    return new DeviceError(
      `${this.id} has no host trigger configured; scan by presenting the code, or set a trigger profile`,
      { unsupported: true },
    );
  }

  /** Decodes, checks and emits one scan that arrived as bytes. */
  protected deliverBytes(bytes: Uint8Array, symbology: Symbology, aimId?: string): void {
    const checked = readCodeText(bytes, this.rules);
    if (!checked.ok) {
      this.refuse({ reason: checked.reason, detail: checked.detail, source: this.source });
      return;
    }
    this.emit({
      text: checked.text,
      symbology,
      source: this.source,
      encoding: checked.encoding,
      ...(aimId ? { aimId } : {}),
    });
  }

  /** Emits an already decoded and checked code. */
  protected emit(code: CodeScanned): void {
    this.log.debug(
      { length: code.text.length, symbology: code.symbology, source: code.source },
      'scanner: code',
    );
    for (const listener of this.codeListeners) listener(code);
  }

  /** Reports a refused scan to listeners and the log; nothing of its content is kept. */
  protected refuse(refusal: CodeRefused): void {
    this.log.warn(
      { reason: refusal.reason, source: refusal.source },
      `scanner: refused a scan: ${refusal.detail}`,
    );
    for (const listener of this.refusalListeners) listener(refusal);
  }

  /** Shows a host-trigger command as sent: busy reading after start, ready after stop. */
  protected triggered(which: 'start' | 'stop'): void {
    if (which === 'start') this.setStatus('busy', 'reading (host trigger)');
    else this.setStatus('online', 'ready');
  }

  protected setStatus(status: DeviceStatus, detail: string): void {
    if (this.current.status === status && this.current.detail === detail) return;
    this.current = { ...this.current, status, detail };
    const snapshot = this.state();
    for (const listener of this.stateListeners) listener(snapshot);
  }
}
