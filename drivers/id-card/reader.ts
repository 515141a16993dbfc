import { createHash, randomBytes } from 'node:crypto';
import { silentDriverLogger, type DriverLogger } from '../device/logger.ts';
import { DeviceError } from '../device/errors.ts';
import type { Device, DeviceState, DeviceStatus } from '../device/model.ts';
import type { ByteTransport } from '../transports/types.ts';
import { raceAbort } from './abortable.ts';
import { commandFrame, type CommandName, type ResponseFrame } from './codec.ts';
import { pollForCard, type ReadCardOptions } from './card-poll.ts';
import { decodeSamId, type SamId } from './payloads.ts';
import type { IdCardRecord } from './record.ts';
import { ReaderRecovery, RECOVERY_FIRST_DELAY_MS, RECOVERY_MAX_DELAY_MS } from './recovery.ts';
import type { RecoveryTiming } from './recovery.ts';
import { SamLink } from './sam-link.ts';
import { describeSw3, sw3Meaning, type Sw3Action } from './status-codes.ts';

/** Per-command answer timeouts in ms. Real modules answer find/select in ~100 ms, reads in ~2 s. */
export type CommandTimeouts = Record<CommandName, number>;

/** Defaults with headroom for USB-serial bridges and ptys on a loaded machine. */
export const DEFAULT_TIMEOUTS: Readonly<CommandTimeouts> = {
  reset: 3000,
  samStatus: 1000,
  samId: 1000,
  findCard: 500,
  selectCard: 500,
  readText: 4000,
  readWithFingerprint: 5000,
  readAppendedAddress: 1000,
  readCardMid: 1000,
};

/**
 * The default timeouts, each passed through `stretch`: for a reader whose other end shares its
 * CPU (the simulator, in tests or a simulated kiosk), where answers come late under load.
 */
export function stretchedTimeouts(stretch: (ms: number) => number): CommandTimeouts {
  const stretched = { ...DEFAULT_TIMEOUTS };
  for (const name of Object.keys(stretched) as CommandName[]) {
    stretched[name] = stretch(DEFAULT_TIMEOUTS[name]);
  }
  return stretched;
}

/** How an IdCardReader is set up. */
export interface IdCardReaderOptions {
  /** Device id for the maintenance screen and logs. Default `id-card-reader`. */
  id?: string;
  /** Whether the other end is the simulator (shown to technicians). */
  simulated?: boolean;
  timeouts?: Partial<CommandTimeouts>;
  /** Resends of one command after a corrupt answer or SW3 10/11. Default 2. */
  resendLimit?: number;
  /** Resends of one command after no answer, before the reader is called offline. Default 1. */
  timeoutRetries?: number;
  /** Failed select/read attempts on one presented card before giving up. Default 3. */
  maxReadAttempts?: number;
  /** Longest frame accepted; longer claims are treated as line noise. */
  maxFrameLength?: number;
  /** The core's logger; only command names and status codes are logged, never card data. */
  logger?: DriverLogger;
  /**
   * Re-probing after a fault (offline or hardware error) with back-off, so the reader comes
   * back by itself when the fault clears. Default on, with the timing in recovery.ts; `false`
   * leaves recovery to explicit self-tests.
   */
  recovery?: Partial<RecoveryTiming> | false;
}

/** Events besides state changes. */
export interface IdCardReaderEvents {
  /** Find started answering "card found" after it had not. */
  cardInserted: void;
  /**
   * Find stopped answering "card found". Many modules answer "no card" after a successful
   * read until the card is presented again, so after a read this may fire while the card
   * still lies on the reader: treat it as "ready for the next card", not as "card taken".
   */
  cardRemoved: void;
}

/** A GA 467 (SAM_V) ID-card reader on any byte transport. */
export class IdCardReader implements Device {
  readonly id: string;
  readonly deviceClass = 'idCardReader' as const;
  private readonly link: SamLink;
  private readonly log: DriverLogger;
  private readonly timeouts: CommandTimeouts;
  private readonly stateListeners = new Set<(state: DeviceState) => void>();
  private readonly eventListeners = new Map<keyof IdCardReaderEvents, Set<() => void>>();
  private current: DeviceState;
  /** The read in progress, if any: its signal, and a promise that resolves when it has finished. */
  private readInFlight: { signal: AbortSignal | undefined; settled: Promise<void> } | undefined;
  private cardPresent = false;
  /**
   * A salted digest of the last card's ID number, kept while find keeps seeing a card: enough to
   * tell "same card" without holding the number itself past the resident's session.
   */
  private lastCardDigest: string | undefined;
  private readonly cardSalt = randomBytes(16);
  private readonly recovery: ReaderRecovery | undefined;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: IdCardReaderOptions = {},
  ) {
    this.id = options.id ?? 'id-card-reader';
    this.log = options.logger ?? silentDriverLogger;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.current = {
      id: this.id,
      deviceClass: 'idCardReader',
      status: 'starting',
      supplies: {},
      detail: `waiting for the first answer on ${transport.name}`,
      simulated: options.simulated ?? false,
    };
    this.link = new SamLink(transport, this.log, options.maxFrameLength);
    this.recovery =
      options.recovery === false
        ? undefined
        : new ReaderRecovery(
            { state: () => this.state(), selfTest: () => this.selfTest(), log: this.log },
            {
              firstDelayMs: options.recovery?.firstDelayMs ?? RECOVERY_FIRST_DELAY_MS,
              maxDelayMs: options.recovery?.maxDelayMs ?? RECOVERY_MAX_DELAY_MS,
            },
          );
    this.link.onClose(() => {
      // A closed link never reopens (a reconnecting transport keeps its link open instead),
      // so re-probing it could only fail.
      this.recovery?.stop();
      this.setStatus('offline', `the link ${transport.name} closed`);
    });
  }

  private get reading(): boolean {
    return this.readInFlight !== undefined;
  }

  /** Checks the module answers and passes its self-test; the returned state says how it went. */
  open(signal?: AbortSignal): Promise<DeviceState> {
    return this.selfTest(signal);
  }

  state(): DeviceState {
    return { ...this.current, supplies: { ...this.current.supplies } };
  }

  onStateChange(listener: (state: DeviceState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Subscribes to card events; returns the unsubscribe function. */
  on(event: keyof IdCardReaderEvents, listener: () => void): () => void {
    const set = this.eventListeners.get(event) ?? new Set();
    set.add(listener);
    this.eventListeners.set(event, set);
    return () => set.delete(listener);
  }

  /** Sends the SAM status check (`11 FF`); failures show in the returned state, not as errors. */
  async selfTest(signal?: AbortSignal): Promise<DeviceState> {
    try {
      await this.command('samStatus', signal, false);
      this.setStatus(this.reading ? 'busy' : 'online', 'SAM self-test passed');
    } catch (error) {
      if (!(error instanceof DeviceError) || error.canceled) throw error;
      // command() has already set the status this failure means; keep the reason for the screen.
      this.log.warn({ code: error.code, status: this.current.status }, 'id-card: self-test failed');
    }
    return this.state();
  }

  /** Resets the SAM (`10 FF`), roughly a power cycle of the module. */
  async reset(signal?: AbortSignal): Promise<void> {
    await this.command('reset', signal);
  }

  /** Reads the SAM's serial number (`12 FF`); `padWidth` picks the vendor's display padding. */
  async samId(signal?: AbortSignal, padWidth = 10): Promise<SamId> {
    const response = await this.command('samId', signal);
    return decodeSamId(response.data, padWidth);
  }

  /**
   * Polls until a card is presented and read. The same card left on the reader is returned
   * once: a later call waits for a new presentation. Rejects with DeviceError flagged
   * `canceled` (signal), `timeout` (no card within the resident's wait, and only that),
   * `readFailed` (card moved or refused), `unsupported` (unknown card layout),
   * `hardwareError` (SAM fault or not authorised, with the SW3 code) or `disconnected` (the
   * module stopped answering or the link went away).
   */
  async readCard(options: ReadCardOptions = {}): Promise<IdCardRecord> {
    // A flow that leaves one card-reading screen for another aborts the first read and starts
    // the next at once; the aborted read is still finishing its last command, so wait for it.
    if (this.readInFlight?.signal?.aborted === true) await this.readInFlight.settled;
    if (this.reading) {
      throw new Error('readCard is already running on this reader; abort it or wait for it first');
    }
    if (!this.link.isOpen) {
      throw new DeviceError(`the card reader link ${this.transport.name} is closed`, {
        disconnected: true,
      });
    }
    let settle = (): void => undefined;
    this.readInFlight = { signal: options.signal, settled: new Promise<void>((r) => (settle = r)) };
    this.setStatus('busy', 'waiting for a card');
    try {
      return await pollForCard(
        {
          command: (name, signal) => this.command(name, signal),
          notePresence: (present) => this.notePresence(present),
          isLastCard: (id) => this.lastCardDigest === this.cardDigest(id),
          rememberCard: (id) => (this.lastCardDigest = this.cardDigest(id)),
          maxReadAttempts: this.options.maxReadAttempts ?? 3,
          log: this.log,
        },
        options,
      );
    } finally {
      this.readInFlight = undefined;
      settle();
      if (this.current.status === 'busy') this.setStatus('online', 'ready');
    }
  }

  private cardDigest(idNumber: string): string {
    return createHash('sha256').update(this.cardSalt).update(idNumber).digest('hex');
  }

  /** Detaches from the transport and closes it. */
  async close(): Promise<void> {
    this.recovery?.stop();
    this.link.detach();
    await this.transport.close();
    this.setStatus('offline', 'closed');
  }

  /**
   * Sends one command and returns its answer, after the resends its failures call for.
   * Throws for answers that end all work (SAM fault, not authorised) and sets the status.
   * `markAlive` false leaves a good answer's status change to the caller (the self-test).
   */
  private async command(
    name: CommandName,
    signal?: AbortSignal,
    markAlive = true,
  ): Promise<ResponseFrame> {
    const resendLimit = this.options.resendLimit ?? 2;
    const timeoutRetries = this.options.timeoutRetries ?? 1;
    let resends = 0;
    let timeouts = 0;
    for (;;) {
      let response: ResponseFrame;
      try {
        const exchange = this.link.exchange(commandFrame(name), name, this.timeouts[name]);
        response = await raceAbort(exchange, signal, name);
      } catch (error) {
        // A fired signal (caller's cancel or readCard's overall deadline) says nothing about
        // the device, so it is neither retried nor allowed to change the status.
        if (signal?.aborted || !(error instanceof DeviceError)) throw error;
        if (error.checksum && resends < resendLimit) {
          resends++;
          continue;
        }
        if (error.timeout && timeouts < timeoutRetries) {
          timeouts++;
          continue;
        }
        if (error.timeout) {
          // The module stopped answering. That is a reader fault, not the resident's wait
          // running out: `timeout` on a read means only "no card in time".
          this.setStatus('offline', error.message);
          throw new DeviceError(`the card reader stopped answering: ${error.message}`, {
            disconnected: true,
            cause: error,
          });
        }
        if (error.disconnected) this.setStatus('offline', error.message);
        throw error;
      }
      const meaning = sw3Meaning(response.sw3);
      this.log.debug({ command: name, sw3: response.sw3 }, 'id-card: answer');
      if (meaning.action === 'resend' && resends < resendLimit) {
        resends++;
        continue;
      }
      if (
        meaning.action === 'hardwareFault' ||
        meaning.action === 'notAuthorised' ||
        meaning.action === 'resend'
      ) {
        const message = `${name} answered ${describeSw3(response.sw3)}`;
        if (meaning.action !== 'resend') this.setStatus('hardwareError', message);
        throw new DeviceError(`${message}; ${advice(meaning.action)}`, {
          ...meaning.flags,
          code: response.sw3,
        });
      }
      if (markAlive && this.current.status !== 'online' && this.current.status !== 'busy') {
        this.setStatus(this.reading ? 'busy' : 'online', 'answering');
      }
      return response;
    }
  }

  private notePresence(present: boolean): void {
    if (!present) this.lastCardDigest = undefined;
    if (present === this.cardPresent) return;
    this.cardPresent = present;
    for (const listener of this.eventListeners.get(present ? 'cardInserted' : 'cardRemoved') ?? [])
      listener();
  }

  private setStatus(status: DeviceStatus, detail: string): void {
    if (this.current.status === status && this.current.detail === detail) return;
    this.current = { ...this.current, status, detail };
    const snapshot = this.state();
    this.recovery?.noteState(snapshot);
    for (const listener of this.stateListeners) listener(snapshot);
  }
}

function advice(action: Sw3Action): string {
  if (action === 'hardwareFault')
    return 'power-cycle the reader; if it persists, replace the SAM module';
  if (action === 'notAuthorised')
    return 'the SAM module is not authorised; contact the vendor for an authorised module';
  return 'the reader kept rejecting our frames; check the baud rate and the cable';
}
