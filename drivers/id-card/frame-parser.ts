import { HEADER_SIZE, PREAMBLE, xorChecksum } from './codec.ts';
import type { CommandFrame, ResponseFrame } from './codec.ts';

/**
 * Incremental GA 467 frame assembly. Serial reads arrive fragmented at arbitrary byte
 * boundaries and a line can carry noise, so the assembler buffers, hunts for the preamble,
 * waits for the declared length and checks the XOR. It never throws on input and never waits
 * on a length it has already judged absurd: a bad frame becomes a typed fault and the hunt
 * resumes one byte after the bad frame's preamble, so a real frame swallowed by a bogus
 * length is still found.
 */

/** Frames longer than this are taken as corruption (the largest real answer is 2314). */
export const DEFAULT_MAX_FRAME_LENGTH = 0x1000;

/** Why a frame was dropped. */
export type FrameFaultReason = 'checksum' | 'length';

/** A dropped frame: the parser resynchronised after it. */
export interface FrameFault {
  kind: 'fault';
  reason: FrameFaultReason;
  /** One line for logs, without frame contents (they may hold personal data). */
  detail: string;
}

/** What the assembler yields for each complete frame: its body without length or checksum. */
export type AssembledItem = { kind: 'frame'; body: Uint8Array } | FrameFault;

/** Limits for one assembler. */
export interface FrameLimits {
  /** Smallest allowed length field (body + checksum); 4 for responses, 3 for commands. */
  minLength: number;
  /** Largest allowed length field; longer claims are rejected and the hunt resumes. */
  maxLength?: number;
}

/** Byte-level frame assembler shared by the response and command parsers. */
export class FrameAssembler {
  private buffer = new Uint8Array(256);
  private start = 0;
  private end = 0;
  private readonly minLength: number;
  private readonly maxLength: number;
  /** Bytes thrown away while hunting for a preamble, since construction. */
  discardedBytes = 0;

  constructor(limits: FrameLimits) {
    const maxLength = limits.maxLength ?? DEFAULT_MAX_FRAME_LENGTH;
    if (!(limits.minLength >= 1 && maxLength >= limits.minLength && maxLength <= 0xffff)) {
      throw new RangeError(
        `frame limits must satisfy 1 <= minLength <= maxLength <= 65535, got ${limits.minLength}..${maxLength}`,
      );
    }
    this.minLength = limits.minLength;
    this.maxLength = maxLength;
  }

  /** Bytes held waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.end - this.start;
  }

  /** Drops everything buffered, e.g. before a new command so a stale tail cannot answer it. */
  reset(): void {
    this.start = 0;
    this.end = 0;
  }

  /** Adds a chunk and returns every frame or fault it completed, in order. */
  push(chunk: Uint8Array): AssembledItem[] {
    this.append(chunk);
    const out: AssembledItem[] = [];
    for (;;) {
      const item = this.next();
      if (item === undefined) break;
      out.push(item);
    }
    return out;
  }

  private next(): AssembledItem | undefined {
    if (!this.huntPreamble()) return undefined;
    if (this.pendingBytes < HEADER_SIZE) return undefined;
    const b = this.buffer;
    const length = ((b[this.start + 5] ?? 0) << 8) | (b[this.start + 6] ?? 0);
    if (length < this.minLength || length > this.maxLength) {
      this.start += 1;
      return {
        kind: 'fault',
        reason: 'length',
        detail: `frame declares length ${length}, allowed ${this.minLength}..${this.maxLength}; resynchronising`,
      };
    }
    const total = HEADER_SIZE + length;
    if (this.pendingBytes < total) return undefined;
    const frameStart = this.start;
    const checkAt = frameStart + total - 1;
    const expected = xorChecksum(b, frameStart + 5, checkAt);
    const received = b[checkAt] ?? 0;
    if (expected !== received) {
      this.start += 1;
      return {
        kind: 'fault',
        reason: 'checksum',
        detail: `frame of length ${length} has checksum ${hex(received)}, expected ${hex(expected)}; resynchronising`,
      };
    }
    const body = b.slice(frameStart + HEADER_SIZE, checkAt);
    this.start += total;
    if (this.start === this.end) this.reset();
    return { kind: 'frame', body };
  }

  /** Moves `start` to the first preamble; keeps a partial preamble at the tail. */
  private huntPreamble(): boolean {
    const b = this.buffer;
    let i = this.start;
    while (i < this.end) {
      let matched = 0;
      while (
        matched < PREAMBLE.length &&
        i + matched < this.end &&
        b[i + matched] === PREAMBLE[matched]
      ) {
        matched++;
      }
      if (matched === PREAMBLE.length || i + matched === this.end) break;
      i++;
    }
    this.discardedBytes += i - this.start;
    this.start = i;
    return this.end - this.start >= PREAMBLE.length;
  }

  private append(chunk: Uint8Array): void {
    if (this.start > 0 && this.end + chunk.length > this.buffer.length) {
      this.buffer.copyWithin(0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
    }
    if (this.end + chunk.length > this.buffer.length) {
      let size = this.buffer.length * 2;
      while (size < this.end + chunk.length) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.buffer.subarray(0, this.end));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.end);
    this.end += chunk.length;
  }
}

/** A parsed response or a fault, as yielded by `ResponseParser`. */
export type ResponseItem = ({ kind: 'response' } & ResponseFrame) | FrameFault;

/** Host side: turns received chunks into typed response frames (SW1, SW2, SW3, data). */
export class ResponseParser {
  private readonly assembler: FrameAssembler;

  constructor(options: { maxLength?: number } = {}) {
    this.assembler = new FrameAssembler({ minLength: 4, maxLength: options.maxLength });
  }

  /** Bytes skipped while hunting for a preamble, for link-quality diagnostics. */
  get discardedBytes(): number {
    return this.assembler.discardedBytes;
  }

  /** Bytes held waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.assembler.pendingBytes;
  }

  /** Drops any partial frame. */
  reset(): void {
    this.assembler.reset();
  }

  /** Adds a chunk and returns the responses and faults it completed. */
  push(chunk: Uint8Array): ResponseItem[] {
    return this.assembler.push(chunk).map((item) =>
      item.kind === 'fault'
        ? item
        : {
            kind: 'response',
            sw1: item.body[0] ?? 0,
            sw2: item.body[1] ?? 0,
            sw3: item.body[2] ?? 0,
            data: item.body.slice(3),
          },
    );
  }
}

/** A parsed command or a fault, as yielded by `CommandParser`. */
export type CommandItem = ({ kind: 'command' } & CommandFrame) | FrameFault;

/** Device side (the simulator): turns received chunks into command frames. */
export class CommandParser {
  private readonly assembler: FrameAssembler;

  constructor(options: { maxLength?: number } = {}) {
    this.assembler = new FrameAssembler({ minLength: 3, maxLength: options.maxLength });
  }

  /** Adds a chunk and returns the commands and faults it completed. */
  push(chunk: Uint8Array): CommandItem[] {
    return this.assembler.push(chunk).map((item) =>
      item.kind === 'fault'
        ? item
        : {
            kind: 'command',
            cmd: item.body[0] ?? 0,
            para: item.body[1] ?? 0,
            data: item.body.slice(2),
          },
    );
  }
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0').toUpperCase();
}
