import type { ByteTransport } from '../transports/types.ts';
import { SerialTransport } from '../transports/serial.ts';
import { BAUD_PARAS, SET_BAUD_CMD, commandNameOf, encodeResponse } from './codec.ts';
import type { CommandFrame, CommandName } from './codec.ts';
import { CommandParser } from './frame-parser.ts';
import { encodeAppendedAddress, encodeCardRead, encodeSamId } from './payloads.ts';
import { cardProfile, type CardProfile } from './profiles.ts';
import { simulatedCard, type SimulatedCard, type SimulatedCardOptions } from './simulated-card.ts';

/**
 * A GA 467 SAM module simulated from the device side of a ByteTransport. It speaks the real
 * protocol, keeps the card state a real module keeps (found, selected, read) and can be told
 * to misbehave the ways real readers do, so the driver's recovery paths run for real.
 */

/** Scripted misbehaviour. */
export type SimulatorFault =
  /** The next read answers 41 and the card is gone, as when a resident pulls it mid-read. */
  | 'pull-mid-read'
  /** The next answer goes out with a corrupted checksum. */
  | 'bad-checksum'
  /** Commands get no answer at all (cable pulled, module hung). */
  | 'silence'
  /** Every command answers 60: the SAM failed its self-test. */
  | 'self-test-fail'
  /** Every command answers 66: the SAM is not authorised. */
  | 'not-authorised';

/** Faults that stay until `clearFaults()` unless a count is given; the others fire once. */
const PERSISTENT: readonly SimulatorFault[] = ['silence', 'self-test-fail', 'not-authorised'];

/** How the simulated module behaves. */
export interface IdCardSimulatorOptions {
  /**
   * Send answers at the wire speed of `baudRate` (10 bit times a byte). Default false. This and
   * `readDelayMs` model the device and do not follow the time scale: a busy CPU only makes the
   * answers later, so it is the reader's answer timeouts that stretch (`stretchedTimeouts`).
   */
  pace?: boolean;
  /** The UART rate used for pacing; command `60 xx` changes it. Default 115200. */
  baudRate?: number;
  /**
   * What find answers after a successful read while the card stays: `'no-card'` (80 until the
   * card is removed and presented again, as many modules do) or `'found'` (9F every time).
   */
  findAfterRead?: 'no-card' | 'found';
  /** Extra time a card read takes, standing in for RF and crypto work. Default 0. */
  readDelayMs?: number;
}

type Phase = 'waiting' | 'found' | 'selected' | 'read';

const SAM_ID = encodeSamId({ major: 5, minor: 1, a: 20240101, b: 2400001, c: 1234567 });

/** The simulated SAM module. */
export class IdCardSimulator {
  private readonly parser = new CommandParser();
  private readonly faults = new Map<SimulatorFault, number>();
  private readonly counts = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private card: SimulatedCard | undefined;
  private phase: Phase = 'waiting';
  private queue: Promise<void> = Promise.resolve();
  private baudRate: number;
  /** The last failure to send an answer (transport closed under us), for diagnostics. */
  lastSendError: Error | undefined;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: IdCardSimulatorOptions = {},
  ) {
    this.baudRate = options.baudRate ?? 115200;
    this.unsubscribe = transport.onData((chunk) => this.receive(chunk));
  }

  /** Puts a card on the reader (a profile or a profile id); replaces any card already there. */
  insert(profile: CardProfile | string, options: SimulatedCardOptions = {}): void {
    this.card = simulatedCard(
      typeof profile === 'string' ? cardProfile(profile) : profile,
      options,
    );
    this.phase = 'waiting';
  }

  /** Takes the card away. */
  remove(): void {
    this.card = undefined;
    this.phase = 'waiting';
  }

  /** The profile of the card on the reader, if any. */
  get cardProfile(): CardProfile | undefined {
    return this.card?.profile;
  }

  /** Scripts a fault for the next `times` commands it applies to (default: once, or until cleared). */
  fault(kind: SimulatorFault, times?: number): void {
    this.faults.set(kind, times ?? (PERSISTENT.includes(kind) ? Infinity : 1));
  }

  /** Clears every scripted fault. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** How many times each command was received (`findCard`, `readText`, `bad-frame`, …). */
  commandCount(name: CommandName | 'setBaud' | 'unknown' | 'bad-frame'): number {
    return this.counts.get(name) ?? 0;
  }

  /** Closes the transport at once, like pulling the cable: an answer being prepared is lost. */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.transport.close();
    await this.queue;
  }

  private receive(chunk: Uint8Array): void {
    for (const item of this.parser.push(chunk)) {
      this.enqueue(() => {
        if (item.kind === 'fault') {
          this.count('bad-frame');
          return this.reply({ sw3: item.reason === 'checksum' ? 0x10 : 0x11 });
        }
        return this.handle(item);
      });
    }
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => {
      this.lastSendError = error instanceof Error ? error : new Error(String(error));
    });
  }

  private async handle(command: CommandFrame): Promise<void> {
    const name = commandNameOf(command.cmd, command.para);
    this.count(name ?? (command.cmd === SET_BAUD_CMD ? 'setBaud' : 'unknown'));
    if (this.consume('silence')) return;
    if (this.has('not-authorised')) return this.reply({ sw3: 0x66 });
    if (this.has('self-test-fail')) return this.reply({ sw3: 0x60 });
    if (command.cmd === SET_BAUD_CMD) return this.setBaud(command.para);
    if ((name === 'readText' || name === 'readWithFingerprint') && this.options.readDelayMs) {
      await new Promise((resolve) => setTimeout(resolve, this.options.readDelayMs));
    }
    return this.reply(this.answer(name));
  }

  private answer(name: CommandName | undefined): { sw3: number; data?: Uint8Array } {
    const card = this.card;
    switch (name) {
      case 'reset':
        this.phase = 'waiting';
        return { sw3: 0x90 };
      case 'samStatus':
        return { sw3: 0x90 };
      case 'samId':
        return { sw3: 0x90, data: SAM_ID };
      case 'findCard':
        if (!card || (this.phase === 'read' && this.options.findAfterRead !== 'found'))
          return { sw3: 0x80 };
        this.phase = 'found';
        return { sw3: 0x9f, data: new Uint8Array(4) };
      case 'selectCard':
        if (!card || (this.phase !== 'found' && this.phase !== 'selected')) return { sw3: 0x81 };
        this.phase = 'selected';
        return { sw3: 0x90, data: new Uint8Array(8) };
      case 'readText':
      case 'readWithFingerprint':
        return this.read(name === 'readWithFingerprint');
      case 'readAppendedAddress':
        if (!card || (this.phase !== 'selected' && this.phase !== 'read')) return { sw3: 0x41 };
        if (card.appendedAddress === undefined) return { sw3: 0x91 };
        return { sw3: 0x90, data: encodeAppendedAddress(card.appendedAddress) };
      case 'readCardMid':
        if (!card || (this.phase !== 'selected' && this.phase !== 'read')) return { sw3: 0x41 };
        // The MID layout is undocumented (spec §4); eight bytes stand in for it.
        return { sw3: 0x90, data: card.photo.slice(16, 24) };
      case undefined:
        return { sw3: 0x21 };
    }
  }

  private read(withFingerprint: boolean): { sw3: number; data?: Uint8Array } {
    if (this.consume('pull-mid-read')) {
      this.remove();
      return { sw3: 0x41 };
    }
    const card = this.card;
    if (!card) return { sw3: 0x41 };
    // A repeated read of the same selected card is allowed, so a host can retry a corrupt answer.
    if (this.phase !== 'selected' && this.phase !== 'read') return { sw3: 0x21 };
    this.phase = 'read';
    const payload = { text: card.text, photo: card.photo };
    return {
      sw3: 0x90,
      data: encodeCardRead(
        withFingerprint
          ? { ...payload, fingerprint: card.fingerprint ?? new Uint8Array(0) }
          : payload,
      ),
    };
  }

  private async setBaud(para: number): Promise<void> {
    const rate = Object.entries(BAUD_PARAS).find(([, p]) => p === para)?.[0];
    if (rate === undefined) return this.reply({ sw3: 0x21 });
    // The spec does not say which rate the answer uses; this module answers at the old one.
    await this.reply({ sw3: 0x90 });
    this.baudRate = Number(rate);
  }

  private async reply(response: { sw3: number; data?: Uint8Array }): Promise<void> {
    const frame = encodeResponse(response);
    if (this.consume('bad-checksum'))
      frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0x5a;
    if (!this.options.pace) return this.transport.write(frame);
    await this.writePaced(frame);
  }

  /** Writes in small slices, each no earlier than the wire would have carried it. */
  private async writePaced(frame: Uint8Array): Promise<void> {
    const secondsPerByte = 10 / this.baudRate;
    const started = performance.now();
    const slice = 32;
    for (let at = 0; at < frame.length; at += slice) {
      const end = Math.min(frame.length, at + slice);
      const due = started + end * secondsPerByte * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await this.transport.write(frame.subarray(at, end));
    }
  }

  private has(kind: SimulatorFault): boolean {
    return (this.faults.get(kind) ?? 0) > 0;
  }

  private consume(kind: SimulatorFault): boolean {
    const left = this.faults.get(kind) ?? 0;
    if (left <= 0) return false;
    if (left === 1) this.faults.delete(kind);
    else this.faults.set(kind, left - 1);
    return true;
  }

  private count(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
}

/** A simulator running on a serial path, as `npm start` uses it on a socat pty. */
export interface RunningIdCardSimulator {
  simulator: IdCardSimulator;
  insert(profile: CardProfile | string, options?: SimulatedCardOptions): void;
  remove(): void;
  fault(kind: SimulatorFault, times?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/** Opens `path` and runs a simulated SAM on it; paced at `baudRate` unless `pace` is false. */
export async function startIdCardSimulator(options: {
  path: string;
  baudRate?: number;
  profile?: CardProfile | string;
  pace?: boolean;
  findAfterRead?: 'no-card' | 'found';
}): Promise<RunningIdCardSimulator> {
  const baudRate = options.baudRate ?? 115200;
  // An unknown profile id throws here, before the port is opened and then left locked.
  const profile =
    typeof options.profile === 'string' ? cardProfile(options.profile) : options.profile;
  const transport = await SerialTransport.open({ path: options.path, baudRate });
  const simulator = new IdCardSimulator(transport, {
    baudRate,
    pace: options.pace ?? true,
    findAfterRead: options.findAfterRead ?? 'no-card',
  });
  if (profile !== undefined) simulator.insert(profile);
  return {
    simulator,
    insert: (profile, cardOptions) => simulator.insert(profile, cardOptions),
    remove: () => simulator.remove(),
    fault: (kind, times) => simulator.fault(kind, times),
    clearFaults: () => simulator.clearFaults(),
    close: () => simulator.close(),
  };
}
