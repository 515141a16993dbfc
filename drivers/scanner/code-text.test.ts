import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCodeText } from './code-text.ts';
import { aimIdOf, splitAimPrefix, symbologyOfAim } from './symbology.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('reading a scan as text', () => {
  it('decodes a UTF-8 Chinese code as UTF-8', () => {
    expect(readCodeText(utf8('https://example.gov.cn/码?t=居民'))).toEqual({
      ok: true,
      text: 'https://example.gov.cn/码?t=居民',
      encoding: 'utf-8',
    });
  });

  it('decodes GBK-encoded Chinese as GB18030 when the bytes are not UTF-8', () => {
    const bytes = new Uint8Array(iconv.encode('苏服码:张三', 'gbk'));
    expect(readCodeText(bytes)).toEqual({ ok: true, text: '苏服码:张三', encoding: 'gb18030' });
  });

  it('refuses bytes that neither UTF-8 nor GB18030 can decode', () => {
    const result = readCodeText(Uint8Array.of(0x41, 0xff, 0xff, 0x42));
    expect(result).toMatchObject({ ok: false, reason: 'undecodable' });
  });

  it('refuses control characters and names the byte and position but not the content', () => {
    const result = readCodeText(utf8('secret\u0007token'));
    expect(result).toEqual({
      ok: false,
      reason: 'controlCharacter',
      detail: 'control character 0x07 at position 6',
    });
  });

  it('accepts tab, and GS only when the rules allow it', () => {
    expect(readCodeText(utf8('a\tb')).ok).toBe(true);
    expect(readCodeText(utf8('01\u001d10')).ok).toBe(false);
    expect(readCodeText(utf8('01\u001d10'), { allowedControls: ['\t', '\u001d'] }).ok).toBe(true);
  });

  it('refuses a code longer than the limit, counting characters not UTF-16 units', () => {
    expect(readCodeText(utf8('码'.repeat(10)), { maxLength: 10 }).ok).toBe(true);
    expect(readCodeText(utf8('x'.repeat(11)), { maxLength: 10 })).toMatchObject({
      ok: false,
      reason: 'tooLong',
    });
  });

  it('refuses an empty scan', () => {
    expect(readCodeText(new Uint8Array(0))).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('AIM symbology identifiers', () => {
  it('name QR, GS1-128, EAN-8 and Data Matrix by their modifiers', () => {
    expect(symbologyOfAim(']Q1')).toBe('qr');
    expect(symbologyOfAim(']Q2')).toBe('qr-eci');
    expect(symbologyOfAim(']C0')).toBe('code128');
    expect(symbologyOfAim(']C1')).toBe('gs1-128');
    expect(symbologyOfAim(']E0')).toBe('ean-upc');
    expect(symbologyOfAim(']E4')).toBe('ean8');
    expect(symbologyOfAim(']d2')).toBe('gs1-data-matrix');
    expect(symbologyOfAim(']D2')).toBeUndefined();
    expect(symbologyOfAim(']Q')).toBeUndefined();
  });

  it('are split off the data only when they are in the table', () => {
    const split = splitAimPrefix(utf8(']Q1https://x'));
    expect(split.aimId).toBe(']Q1');
    expect(split.symbology).toBe('qr');
    expect(new TextDecoder().decode(split.rest)).toBe('https://x');
    expect(splitAimPrefix(utf8(']]]abc'))).toMatchObject({
      aimId: undefined,
      symbology: 'unknown',
    });
  });

  it('round-trip from symbology to id and back', () => {
    for (const symbology of [
      'qr',
      'gs1-128',
      'ean8',
      'code39',
      'aztec',
      'gs1-data-matrix',
    ] as const) {
      expect(symbologyOfAim(aimIdOf(symbology) ?? '')).toBe(symbology);
    }
  });
});
