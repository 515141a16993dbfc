import { describe, expect, it } from 'vitest';
import { ReceiptEncoder } from './encoder.ts';
import { ReceiptEncodingError } from './errors.ts';
import { loadProfile } from './profile.ts';
import { MonoBitmap } from './raster.ts';

const profile80 = loadProfile('generic-80mm-203dpi');
const encoder = (): ReceiptEncoder => new ReceiptEncoder(profile80);
const hex = (bytes: Uint8Array): string =>
  [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
const spec = (text: string): string => text.trim().split(/\s+/).join(' ').toLowerCase();

function encodingError(run: () => unknown): ReceiptEncodingError {
  try {
    run();
  } catch (error) {
    if (error instanceof ReceiptEncodingError) return error;
    throw error;
  }
  throw new Error('expected a ReceiptEncodingError');
}

describe('the receipt encoder, as golden bytes', () => {
  it('init().align("center").bold().size(2, 2) gives ESC @, ESC a 1, ESC E 1, GS ! 11', () => {
    const bytes = encoder().init().align('center').bold().size(2, 2).encode();
    expect(hex(bytes)).toBe(spec('1B 40 1B 61 01 1B 45 01 1D 21 11'));
  });

  it('qr("HELLO", module 6, level M) matches the spec worked example', () => {
    const bytes = encoder().qr('HELLO', { moduleSize: 6, errorCorrection: 'M' }).encode();
    expect(hex(bytes)).toBe(
      spec(`1D 28 6B 04 00 31 41 32 00
            1D 28 6B 03 00 31 43 06
            1D 28 6B 03 00 31 45 31
            1D 28 6B 08 00 31 50 30 48 45 4C 4C 4F
            1D 28 6B 03 00 31 51 30`),
    );
  });

  it('qr() stores long data with pL pH counting data plus three bytes', () => {
    const data = 'x'.repeat(300);
    const bytes = encoder().qr(data, { moduleSize: 3, errorCorrection: 'L' }).encode();
    const store = bytes.indexOf(0x50) - 6;
    expect([...bytes.subarray(store, store + 8)]).toEqual([
      0x1d,
      0x28,
      0x6b,
      303 & 0xff,
      303 >> 8,
      0x31,
      0x50,
      0x30,
    ]);
  });

  it('barcode("code128", "ABC123") matches the spec example with the {B selector', () => {
    const bytes = encoder()
      .barcode('code128', 'ABC123', { height: 80, moduleWidth: 2, hri: 'below' })
      .encode();
    expect(hex(bytes)).toBe(spec('1D 68 50 1D 77 02 1D 48 02 1D 6B 49 08 7B 42 41 42 43 31 32 33'));
  });

  it('barcode("code128", set C) sends digit pairs as binary values', () => {
    const bytes = encoder().barcode('code128', '123456', { code128Set: 'C' }).encode();
    expect(hex(bytes.subarray(-9))).toBe(spec('1D 6B 49 05 7B 43 0C 22 38'));
  });

  it('text("中文") wraps the GB18030 bytes D6 D0 CE C4 in FS & and FS .', () => {
    expect(hex(encoder().text('中文').encode())).toBe(spec('1C 26 D6 D0 CE C4 1C 2E'));
  });

  it('line("A中B") keeps ASCII single-byte outside the Chinese run', () => {
    expect(hex(encoder().line('A中B').encode())).toBe(spec('41 1C 26 D6 D0 1C 2E 42 0A'));
  });

  it('cut() sends GS V 66 n, feeding past the cutter before a partial cut', () => {
    expect(hex(encoder().cut({ feed: 3 }).encode())).toBe(spec('1D 56 42 03'));
  });

  it('feed(3) sends ESC d 3 and setFont("B") sends ESC M 1', () => {
    expect(hex(encoder().feed(3).setFont('B').encode())).toBe(spec('1B 64 03 1B 4D 01'));
  });

  it('image() sends GS v 0 with bytes per row, rows and MSB-first dots, in bands', () => {
    const image = new MonoBitmap(10, 3);
    image.set(0, 0, 1);
    image.set(9, 2, 1);
    const small = { ...profile80, rasterBandRows: 2 };
    const bytes = new ReceiptEncoder(small).image(image).encode();
    expect(hex(bytes)).toBe(
      spec('1D 76 30 00 02 00 02 00 80 00 00 00   1D 76 30 00 02 00 01 00 00 40'),
    );
  });
});

describe('the receipt encoder refuses bad input before any byte is queued', () => {
  it('refuses a control character, naming the text', () => {
    const error = encodingError(() => encoder().text('name\x1b@'));
    expect(error.reason).toBe('controlCharacter');
    expect(error.text).toBe('name\x1b@');
  });

  it('refuses a lone surrogate as unencodable', () => {
    const error = encodingError(() => encoder().text('bad\ud800'));
    expect(error.reason).toBe('unencodable');
  });

  it('refuses a four-byte GB18030 character on a GBK profile', () => {
    const gbk = new ReceiptEncoder({ ...profile80, cjkCharset: 'gbk' });
    expect(encodingError(() => gbk.text('𠀀')).reason).toBe('unencodable');
    expect(() => encoder().text('𠀀')).not.toThrow();
  });

  it('refuses a line longer than 48 Font-A columns, naming the text', () => {
    const long = 'x'.repeat(49);
    const error = encodingError(() => encoder().text(long));
    expect(error.reason).toBe('lineTooLong');
    expect(error.text).toBe(long);
    expect(() => encoder().text('x'.repeat(48))).not.toThrow();
  });

  it('counts CJK characters as two columns: 24 fit, 25 do not', () => {
    expect(() => encoder().text('中'.repeat(24))).not.toThrow();
    expect(encodingError(() => encoder().text('中'.repeat(25))).reason).toBe('lineTooLong');
  });

  it('halves the columns at double width', () => {
    expect(encodingError(() => encoder().size(2, 1).text('x'.repeat(25))).reason).toBe(
      'lineTooLong',
    );
  });

  it('refuses barcode data that break the symbology rule', () => {
    expect(encodingError(() => encoder().barcode('ean13', '12345')).reason).toBe('invalidBarcode');
    expect(encodingError(() => encoder().barcode('ean13', '4006381333932')).reason).toBe(
      'invalidBarcode',
    );
    expect(() => encoder().barcode('ean13', '4006381333931')).not.toThrow();
    expect(
      encodingError(() => encoder().barcode('code128', '123', { code128Set: 'C' })).reason,
    ).toBe('invalidBarcode');
    expect(encodingError(() => encoder().barcode('code39', 'abc')).reason).toBe('invalidBarcode');
    expect(encodingError(() => encoder().barcode('itf', '123')).reason).toBe('invalidBarcode');
  });

  it('refuses a QR code wider than the paper', () => {
    expect(encodingError(() => encoder().qr('x'.repeat(500), { moduleSize: 16 })).reason).toBe(
      'invalidQr',
    );
  });

  it('refuses CJK on a profile without Chinese firmware unless glyphs are given', () => {
    const epson = new ReceiptEncoder(loadProfile('epson-tm-t88'));
    expect(encodingError(() => epson.text('中文')).reason).toBe('noChineseSupport');
  });
});

describe('the receipt encoder layout helpers', () => {
  it('wrapped() breaks CJK text at the column limit into separate lines', () => {
    const commands = encoder().wrapped('中'.repeat(30)).commands();
    const texts = commands.flatMap((c) => (c.op === 'text' ? [c.text] : []));
    expect(texts).toEqual(['中'.repeat(24), '中'.repeat(6)]);
  });

  it('row() fills the full width between label and value', () => {
    const [first] = encoder().row('证明编号', 'SI-2024-0001').commands();
    expect(first).toEqual({ op: 'text', text: `证明编号${' '.repeat(48 - 8 - 12)}SI-2024-0001` });
  });

  it('rule() draws a rule exactly one line wide', () => {
    const [first] = encoder().rule('=').commands();
    expect(first).toEqual({ op: 'text', text: '='.repeat(48) });
  });

  it('commands() shows the queue as data', () => {
    expect(encoder().init().line('OK').commands()).toEqual([
      { op: 'init' },
      { op: 'text', text: 'OK' },
      { op: 'newline' },
    ]);
  });
});
