import { describe, expect, it } from 'vitest';
import { ReceiptEncoder } from './encoder.ts';
import { EscPosTokenizer, type EscPosToken } from './escpos-tokens.ts';
import { loadProfile } from './profile.ts';
import { MonoBitmap } from './raster.ts';

const sample = (): Uint8Array => {
  const image = new MonoBitmap(16, 4);
  image.fill(0, 0, 16, 4);
  return new ReceiptEncoder(loadProfile('generic-80mm-203dpi'))
    .init()
    .align('center')
    .size(2, 2)
    .line('中文 receipt')
    .qr('https://example.gov.cn/v?c=1')
    .barcode('code128', 'ABC123')
    .barcode('code128', '{x}', { code128Set: 'B' })
    .image(image)
    .feed(2)
    .cut({ feed: 3 })
    .encode();
};

/** Joins adjacent text tokens so differently chunked streams compare equal. */
function normalize(tokens: EscPosToken[]): { type: string; name?: string; bytes: number[] }[] {
  const out: { type: string; name?: string; bytes: number[] }[] = [];
  for (const token of tokens) {
    const last = out[out.length - 1];
    if (token.type === 'text' && last?.type === 'text') last.bytes.push(...token.bytes);
    else
      out.push({
        type: token.type,
        ...('name' in token ? { name: token.name } : {}),
        bytes: [...token.bytes],
      });
  }
  return out;
}

describe('the ESC/POS tokenizer', () => {
  it('names every command the encoder produces and keeps the text', () => {
    const tokens = new EscPosTokenizer().push(sample());
    const names = tokens.flatMap((t) => (t.type === 'command' ? [t.name] : []));
    expect(names).toEqual([
      'ESC @',
      'ESC a',
      'GS !',
      'FS &',
      'FS .',
      'LF',
      'GS ( k',
      'GS ( k',
      'GS ( k',
      'GS ( k',
      'GS ( k',
      'GS h',
      'GS w',
      'GS H',
      'GS k',
      'GS h',
      'GS w',
      'GS H',
      'GS k',
      'GS v',
      'ESC d',
      'GS V',
    ]);
    expect(tokens.some((t) => t.type === 'unknown')).toBe(false);
  });

  it('gives the same tokens when the stream is split at every byte', () => {
    const bytes = sample();
    const whole = normalize(new EscPosTokenizer().push(bytes));
    const tokenizer = new EscPosTokenizer();
    const pieces: EscPosToken[] = [];
    for (let i = 0; i < bytes.length; i++) pieces.push(...tokenizer.push(bytes.subarray(i, i + 1)));
    expect(normalize(pieces)).toEqual(whole);
    expect(tokenizer.pendingBytes()).toBe(0);
  });

  it('separates real-time DLE EOT queries from print data', () => {
    const tokens = new EscPosTokenizer().push(Uint8Array.of(0x41, 0x10, 0x04, 0x01, 0x0a));
    expect(tokens.map((t) => (t.type === 'command' ? t.name : t.type))).toEqual([
      'text',
      'DLE EOT',
      'LF',
    ]);
  });

  it('skips an unknown command by its prefix and reports it', () => {
    const tokens = new EscPosTokenizer().push(Uint8Array.of(0x1b, 0x7e, 0x41));
    expect(tokens[0]).toEqual({ type: 'unknown', bytes: Uint8Array.of(0x1b, 0x7e) });
    expect(tokens[1]).toEqual({ type: 'text', bytes: Uint8Array.of(0x41) });
  });
});
