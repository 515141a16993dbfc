import { maxCodeBytes } from './code-text.ts';

/**
 * Framing of serial scanner output: one scan per line, ended by the configured suffix, or
 * by an idle gap when the suffix never comes (scanner set to "no suffix", or set to a
 * different suffix than the kiosk). Pure: the driver owns the timer and calls `flush()`.
 */

/** The line suffixes scanners send (spec §3.1: CR most common, CR LF on many Chinese modules). */
export type Terminator = 'CR' | 'LF' | 'CRLF';

/** What the framer found in the bytes. */
export type FramedItem =
  /** One scan's bytes, suffix removed. */
  | { kind: 'line'; bytes: Uint8Array }
  /** A line longer than the limit; its bytes were dropped, `length` says how many. */
  | { kind: 'overflow'; length: number }
  /** An expected command reply (e.g. an SSI ACK) that was taken out of the data stream. */
  | { kind: 'reply'; bytes: Uint8Array };

const CR = 0x0d;
const LF = 0x0a;

/** Splits a serial scanner's byte stream into scans. */
export class LineFramer {
  private pending = new Uint8Array(256);
  private used = 0;
  private discarded = 0;
  private replies: Uint8Array[] = [];
  private readonly end: number;
  private readonly maxLineBytes: number;

  constructor(terminator: Terminator = 'CR', maxLineBytes = maxCodeBytes()) {
    this.end = terminator === 'CR' ? CR : LF;
    this.maxLineBytes = maxLineBytes;
  }

  /** Bytes held for the line in progress (a discarded overlong line holds none). */
  get pendingBytes(): number {
    return this.used;
  }

  /** True while part of a line (or of an overlong one) waits for its end. */
  get hasPartialLine(): boolean {
    return this.used > 0 || this.discarded > 0;
  }

  /** Declares replies a just-sent command will get, so they are not taken for scans. */
  expectReplies(replies: readonly Uint8Array[]): void {
    this.replies = [...this.replies, ...replies.filter((r) => r.length > 0)];
  }

  /** Forgets replies that did not come (the command's reply time is over). */
  clearExpectedReplies(): void {
    this.replies = [];
  }

  /** Feeds received bytes; returns every item they complete. */
  push(chunk: Uint8Array): FramedItem[] {
    const items: FramedItem[] = [];
    for (const byte of chunk) {
      if (byte === this.end) {
        this.endLine(items);
        continue;
      }
      // A suffix byte of the "other" style at a line start is the tail of a CR LF the
      // config did not expect (or a lone CR on a CRLF line): it separates, it is no data.
      if (this.used === 0 && this.discarded === 0 && (byte === CR || byte === LF)) continue;
      if (this.discarded > 0 || this.used >= this.maxLineBytes) {
        this.discarded += this.discarded === 0 ? this.used + 1 : 1;
        this.used = 0;
        continue;
      }
      this.append(byte);
      this.takeReply(items);
    }
    return items;
  }

  /** Ends the line in progress because the line went idle; returns it (or nothing). */
  flush(): FramedItem[] {
    const items: FramedItem[] = [];
    this.endLine(items);
    return items;
  }

  private endLine(items: FramedItem[]): void {
    if (this.discarded > 0) {
      items.push({ kind: 'overflow', length: this.discarded });
      this.discarded = 0;
      this.used = 0;
      return;
    }
    let length = this.used;
    // CR LF framing (and LF framing fed CR LF) leaves a CR before the LF: it is suffix, not data.
    while (length > 0 && (this.pending[length - 1] === CR || this.pending[length - 1] === LF))
      length--;
    this.used = 0;
    if (length > 0) items.push({ kind: 'line', bytes: this.pending.slice(0, length) });
  }

  private append(byte: number): void {
    if (this.used === this.pending.length) {
      const grown = new Uint8Array(this.pending.length * 2);
      grown.set(this.pending);
      this.pending = grown;
    }
    this.pending[this.used++] = byte;
  }

  /** Takes a complete expected reply off the start of the line. */
  private takeReply(items: FramedItem[]): void {
    if (this.replies.length === 0) return;
    const index = this.replies.findIndex((reply) => this.startsLineWith(reply));
    const reply = this.replies[index];
    if (reply === undefined || reply.length !== this.used) return;
    items.push({ kind: 'reply', bytes: this.pending.slice(0, this.used) });
    this.replies.splice(index, 1);
    this.used = 0;
  }

  private startsLineWith(reply: Uint8Array): boolean {
    if (reply.length < this.used) return false;
    for (let i = 0; i < this.used; i++) if (reply[i] !== this.pending[i]) return false;
    return true;
  }
}

/** The bytes a scanner sends for one scan: optional AIM id, the data, the suffix. */
export function encodeScanLine(
  data: Uint8Array,
  options: { aimId?: string; suffix?: Terminator | 'none' } = {},
): Uint8Array {
  const prefix = options.aimId ? new TextEncoder().encode(options.aimId) : new Uint8Array(0);
  const suffix = { CR: [CR], LF: [LF], CRLF: [CR, LF], none: [] }[options.suffix ?? 'CR'];
  const out = new Uint8Array(prefix.length + data.length + suffix.length);
  out.set(prefix, 0);
  out.set(data, prefix.length);
  out.set(suffix, prefix.length + data.length);
  return out;
}
