/**
 * An incremental tokenizer for the ESC/POS subset in the spec: it cuts a byte stream, split
 * anywhere, into text runs and whole commands. Unknown commands are skipped by their
 * two-byte prefix and reported, so one unsupported command does not derail the rest.
 */

/** One unit of the printer's input stream. */
export type EscPosToken =
  /** Printable bytes (single-byte or GB18030 codes), printed on the current line. */
  | { type: 'text'; bytes: Uint8Array }
  /** A whole command; `name` is its mnemonic, e.g. `GS ( k`, `DLE EOT`. */
  | { type: 'command'; name: string; bytes: Uint8Array }
  /** A command this tokenizer does not know; the bytes it skipped. */
  | { type: 'unknown'; bytes: Uint8Array };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

const PREFIX_NAMES: Record<number, string> = { [ESC]: 'ESC', [GS]: 'GS', [FS]: 'FS', [DLE]: 'DLE' };
const DLE_NAMES: Record<number, string> = { 0x04: 'EOT', 0x05: 'ENQ', 0x14: 'DC4' };

const NEED_MORE = -1;
const UNKNOWN = -2;

/** ESC commands with one parameter byte. */
const ESC_ONE_PARAM = new Set([...'dJ3aEG-!M{tRUV e'].map((c) => c.charCodeAt(0)));
/** GS commands with one parameter byte. */
const GS_ONE_PARAM = new Set([...'!BhwHfarbI'].map((c) => c.charCodeAt(0)));

/** Length of the command at the start of `buf`, NEED_MORE when incomplete, UNKNOWN if unknown. */
function commandLength(buf: Uint8Array): number {
  const prefix = buf[0];
  const c = buf[1];
  if (c === undefined) return NEED_MORE;
  const at = (i: number): number | undefined => buf[i];
  const u16 = (i: number): number | undefined => {
    const lo = at(i);
    const hi = at(i + 1);
    return lo === undefined || hi === undefined ? undefined : lo + hi * 256;
  };
  if (prefix === ESC) {
    if (c === 0x40 || c === 0x32) return 2;
    if (ESC_ONE_PARAM.has(c)) return 3;
    if (c === 0x70) return 5;
    return UNKNOWN;
  }
  if (prefix === GS) {
    if (GS_ONE_PARAM.has(c)) return 3;
    if (c === 0x4c || c === 0x57) return 4;
    if (c === 0x56) {
      const m = at(2);
      if (m === undefined) return NEED_MORE;
      return m === 65 || m === 66 ? 4 : 3;
    }
    if (c === 0x28) {
      const p = u16(3);
      return p === undefined ? NEED_MORE : 5 + p;
    }
    if (c === 0x6b) {
      const m = at(2);
      if (m === undefined) return NEED_MORE;
      if (m >= 65) {
        const n = at(3);
        return n === undefined ? NEED_MORE : 4 + n;
      }
      const end = buf.indexOf(0x00, 3);
      return end < 0 ? NEED_MORE : end + 1;
    }
    if (c === 0x76) {
      const x = u16(4);
      const y = u16(6);
      return x === undefined || y === undefined ? NEED_MORE : 8 + x * y;
    }
    return UNKNOWN;
  }
  if (prefix === FS) {
    if (c === 0x26 || c === 0x2e) return 2;
    if (c === 0x21 || c === 0x2d) return 3;
    if (c === 0x53) return 4;
    return UNKNOWN;
  }
  // DLE: real-time commands.
  if (c === 0x04 || c === 0x05) return 3;
  if (c === 0x14) {
    const fn = at(2);
    if (fn === undefined) return NEED_MORE;
    return fn === 0x08 ? 10 : 5;
  }
  return UNKNOWN;
}

/** Mnemonic of a known command, e.g. `ESC @`, `GS ( k`, `DLE EOT`. */
function commandName(bytes: Uint8Array): string {
  const prefix = bytes[0] ?? 0;
  const c = bytes[1] ?? 0;
  const head = PREFIX_NAMES[prefix] ?? '?';
  if (prefix === DLE) return `DLE ${DLE_NAMES[c] ?? c.toString(16)}`;
  const letter = c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `0x${c.toString(16)}`;
  if (prefix === GS && c === 0x28) return `GS ( ${String.fromCharCode(bytes[2] ?? 0x3f)}`;
  return `${head} ${letter}`;
}

/** Tokenizes an ESC/POS byte stream fed in chunks of any size. */
export class EscPosTokenizer {
  private pending = new Uint8Array(0);

  /** Adds bytes; returns every token they complete. */
  push(chunk: Uint8Array): EscPosToken[] {
    const buf = new Uint8Array(this.pending.length + chunk.length);
    buf.set(this.pending);
    buf.set(chunk, this.pending.length);
    const tokens: EscPosToken[] = [];
    let pos = 0;
    while (pos < buf.length) {
      const byte = buf[pos]!;
      if (byte >= 0x20 && byte !== 0x7f) {
        let end = pos;
        while (end < buf.length && buf[end]! >= 0x20 && buf[end] !== 0x7f) end++;
        tokens.push({ type: 'text', bytes: buf.slice(pos, end) });
        pos = end;
        continue;
      }
      if (!(byte in PREFIX_NAMES)) {
        // LF, CR, HT and stray control bytes are one-byte commands.
        tokens.push(
          byte === 0x0a
            ? { type: 'command', name: 'LF', bytes: buf.slice(pos, pos + 1) }
            : { type: 'unknown', bytes: buf.slice(pos, pos + 1) },
        );
        pos++;
        continue;
      }
      const rest = buf.subarray(pos);
      const length = commandLength(rest);
      if (length === NEED_MORE || length > rest.length) break;
      if (length === UNKNOWN) {
        tokens.push({ type: 'unknown', bytes: buf.slice(pos, pos + 2) });
        pos += 2;
        continue;
      }
      const bytes = buf.slice(pos, pos + length);
      tokens.push({ type: 'command', name: commandName(bytes), bytes });
      pos += length;
    }
    this.pending = buf.slice(pos);
    return tokens;
  }

  /** Bytes held back waiting for the rest of a command. */
  pendingBytes(): number {
    return this.pending.length;
  }
}
