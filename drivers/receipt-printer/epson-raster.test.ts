import { describe, expect, it } from 'vitest';
import { ReceiptEncoder } from './encoder.ts';
import { EscPosTokenizer } from './escpos-tokens.ts';
import { boxGlyphs } from './glyphs.ts';
import { loadProfile } from './profile.ts';

const epson = loadProfile('epson-tm-t88');

describe('CJK text on a printer without Chinese firmware', () => {
  it('is sent as a GS v 0 image of the line, never as FS & text', () => {
    const bytes = new ReceiptEncoder(epson, { glyphs: boxGlyphs })
      .init()
      .line('Total')
      .line('姓名 张*丰')
      .cut()
      .encode();
    const tokens = new EscPosTokenizer().push(bytes);
    const names = tokens.flatMap((t) => (t.type === 'command' ? [t.name] : []));
    expect(names).toEqual(['ESC @', 'LF', 'GS v', 'GS V']);
    const image = tokens.find((t) => t.type === 'command' && t.name === 'GS v');
    expect(image?.bytes[4]).toBe(512 / 8);
    const text = tokens.flatMap((t) =>
      t.type === 'text' ? [new TextDecoder().decode(t.bytes)] : [],
    );
    expect(text).toEqual(['Total']);
  });

  it('puts black dots in the image where the characters are', () => {
    const bytes = new ReceiptEncoder(epson, { glyphs: boxGlyphs }).line('中').encode();
    const data = bytes.subarray(8);
    expect(data.some((byte) => byte !== 0)).toBe(true);
  });
});
