import iconv from 'iconv-lite';

/**
 * The boot keyboard report of a keyboard-wedge scanner (spec §1): modifier byte, reserved
 * byte, six key usages. Decoding follows the US layout, as scanners type it; the usage
 * table is data so another layout can be added beside it.
 */

/** Keyboard page usages (0x07) to the characters they type, unshifted and shifted (US layout). */
const US_LAYOUT: Readonly<Record<number, readonly [string, string]>> = (() => {
  const table: Record<number, readonly [string, string]> = {};
  for (let i = 0; i < 26; i++) {
    const letter = String.fromCharCode(0x61 + i);
    table[0x04 + i] = [letter, letter.toUpperCase()];
  }
  const digits = '1234567890';
  const shifted = '!@#$%^&*()';
  for (let i = 0; i < 10; i++) table[0x1e + i] = [digits[i] ?? '', shifted[i] ?? ''];
  const symbols: [number, string, string][] = [
    [0x2c, ' ', ' '],
    [0x2d, '-', '_'],
    [0x2e, '=', '+'],
    [0x2f, '[', '{'],
    [0x30, ']', '}'],
    [0x31, '\\', '|'],
    [0x33, ';', ':'],
    [0x34, "'", '"'],
    [0x35, '`', '~'],
    [0x36, ',', '<'],
    [0x37, '.', '>'],
    [0x38, '/', '?'],
    // Keypad keys type the same with or without Shift (NumLock on, as scanners assume).
    [0x54, '/', '/'],
    [0x55, '*', '*'],
    [0x56, '-', '-'],
    [0x57, '+', '+'],
    [0x63, '.', '.'],
  ];
  for (const [usage, plain, shift] of symbols) table[usage] = [plain, shift];
  for (let i = 0; i < 9; i++) table[0x59 + i] = [String(i + 1), String(i + 1)];
  table[0x62] = ['0', '0'];
  return table;
})();

/** Key usages with a meaning of their own. */
const KEY = {
  enter: 0x28,
  tab: 0x2b,
  capsLock: 0x39,
  keypadEnter: 0x58,
  rollover: 0x01,
} as const;

const SHIFT = 0x02 | 0x20;
const ALT = 0x04 | 0x40;
const KEYPAD_DIGIT = (usage: number): number | undefined =>
  usage >= 0x59 && usage <= 0x61 ? usage - 0x58 : usage === 0x62 ? 0 : undefined;

/** What a key press means to the scan in progress. */
export type KeyEvent =
  | { kind: 'char'; char: string }
  | { kind: 'enter' }
  | { kind: 'tab' }
  /** A key that types nothing here (F-keys, Escape, arrows); reported for diagnostics. */
  | { kind: 'other'; usage: number };

/**
 * Turns a sequence of boot keyboard reports into key events. Stateful: it tracks held keys
 * (a key counts once when it goes down), CapsLock, and Alt+keypad codes, which scanners use
 * to type characters beyond ASCII.
 */
export class KeyboardReportDecoder {
  private held = new Set<number>();
  private capsLock = false;
  private altDigits = '';

  /** `reportId`: the byte some devices put before the 8 report bytes; it is skipped. */
  constructor(private readonly reportId?: number) {}

  /** Decodes one report; a malformed or rollover-error report yields nothing. */
  push(raw: Uint8Array): KeyEvent[] {
    const report = this.reportId !== undefined && raw[0] === this.reportId ? raw.subarray(1) : raw;
    if (report.length < 3) return [];
    const modifiers = report[0] ?? 0;
    const keys = [...report.subarray(2, 8)].filter((usage) => usage !== 0);
    // Phantom state (too many keys): the report says nothing reliable about which are down.
    if (keys.includes(KEY.rollover)) return [];
    const events: KeyEvent[] = [];
    if (this.altDigits && (modifiers & ALT) === 0) this.finishAltCode(events);
    for (const usage of keys) {
      if (this.held.has(usage)) continue;
      this.press(usage, modifiers, events);
    }
    this.held = new Set(keys);
    return events;
  }

  private press(usage: number, modifiers: number, events: KeyEvent[]): void {
    const digit = KEYPAD_DIGIT(usage);
    if ((modifiers & ALT) !== 0 && digit !== undefined) {
      this.altDigits += String(digit);
      return;
    }
    if (usage === KEY.capsLock) {
      this.capsLock = !this.capsLock;
      return;
    }
    if (usage === KEY.enter || usage === KEY.keypadEnter)
      return void events.push({ kind: 'enter' });
    if (usage === KEY.tab) return void events.push({ kind: 'tab' });
    const chars = US_LAYOUT[usage];
    if (!chars) return void events.push({ kind: 'other', usage });
    const shift = (modifiers & SHIFT) !== 0;
    const letter = usage >= 0x04 && usage <= 0x1d;
    // CapsLock inverts only letters, as on a real keyboard.
    events.push({ kind: 'char', char: chars[shift !== (letter && this.capsLock) ? 1 : 0] });
  }

  /**
   * An Alt+keypad code: below 256 a Latin-1 character, from 0x8140 a two-byte GBK code (the
   * Chinese scanners' "GBK Alt mode"), otherwise a Unicode code point.
   */
  private finishAltCode(events: KeyEvent[]): void {
    const code = Number(this.altDigits);
    this.altDigits = '';
    if (code >= 0x8140 && code <= 0xfefe) {
      const char = iconv.decode(Buffer.from([code >> 8, code & 0xff]), 'gbk');
      if (char.length === 1 && char !== '\uFFFD') return void events.push({ kind: 'char', char });
    }
    if (code > 0 && code <= 0x10ffff)
      events.push({ kind: 'char', char: String.fromCodePoint(code) });
  }
}

/** How the encoder types a scan. */
export interface KeyboardEncodeOptions {
  /** The suffix key. Default `enter`. */
  suffix?: 'enter' | 'tab' | 'none';
  /** Type characters outside the US layout as Alt+keypad codes (GBK for Chinese). Default true. */
  altCodes?: boolean;
}

const REVERSE = new Map<string, [number, boolean]>();
for (const [usage, [plain, shifted]] of Object.entries(US_LAYOUT)) {
  const id = Number(usage);
  if (id >= 0x54) continue;
  if (!REVERSE.has(plain)) REVERSE.set(plain, [id, false]);
  if (!REVERSE.has(shifted)) REVERSE.set(shifted, [id, true]);
}

const report = (modifiers: number, usage = 0): Uint8Array =>
  Uint8Array.of(modifiers, 0, usage, 0, 0, 0, 0, 0);

/**
 * Types `text` as a wedge scanner does: one report per key, each followed by a release
 * report (spec §1.3), then the suffix key. Used by the HID simulator and the round-trip tests.
 */
export function encodeKeyboardReports(
  text: string,
  options: KeyboardEncodeOptions = {},
): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (const char of text) {
    const key = char === '\t' ? ([KEY.tab, false] as const) : REVERSE.get(char);
    if (key) {
      reports.push(report(key[1] ? 0x02 : 0, key[0]), report(0));
      continue;
    }
    if (options.altCodes === false) {
      throw new RangeError(
        `"${char}" cannot be typed on the US layout; enable Alt codes or use HID POS`,
      );
    }
    const gbk = iconv.encode(char, 'gbk');
    const code =
      gbk.length === 2 && char !== '?'
        ? ((gbk[0] ?? 0) << 8) | (gbk[1] ?? 0)
        : (char.codePointAt(0) ?? 0);
    reports.push(report(0x04));
    for (const digit of String(code)) {
      reports.push(report(0x04, digit === '0' ? 0x62 : 0x58 + Number(digit)), report(0x04));
    }
    reports.push(report(0));
  }
  if (options.suffix !== 'none')
    reports.push(report(0, options.suffix === 'tab' ? KEY.tab : KEY.enter), report(0));
  return reports;
}
