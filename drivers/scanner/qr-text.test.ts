import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodePayload, gb18030Score, shiftJisScore } from './qr-text.ts';

const bytes = (text: string, charset: string): Uint8Array =>
  new Uint8Array(iconv.encode(text, charset));

describe('a QR payload without an ECI', () => {
  it('is read as UTF-8 when its bytes are valid UTF-8', () => {
    expect(decodePayload(bytes('南京 居民码 ありがとう', 'utf-8'))).toEqual({
      text: '南京 居民码 ありがとう',
      charset: 'utf-8',
    });
  });

  it('is read as Shift_JIS when its bytes are Japanese in Shift_JIS', () => {
    for (const text of ['東京都千代田区丸の内', 'こんにちは、カタカナ', '大阪府 領収書 番号 12']) {
      expect(decodePayload(bytes(text, 'shift_jis')), text).toEqual({ text, charset: 'shift_jis' });
    }
  });

  it('is read as GB18030 when its bytes are Chinese in GBK or GB18030', () => {
    for (const text of ['苏服码:张三 320106', '社保缴费证明', '南京市鼓楼区 一件事']) {
      expect(decodePayload(bytes(text, 'gb18030')), text).toEqual({ text, charset: 'gb18030' });
    }
  });

  it('scores Japanese higher as Shift_JIS and Chinese higher as GB18030', () => {
    const japanese = bytes('東京都港区芝公園', 'shift_jis');
    const chinese = bytes('南京市政务服务中心', 'gb18030');
    expect(shiftJisScore(japanese) ?? -Infinity).toBeGreaterThan(
      gb18030Score(japanese) ?? -Infinity,
    );
    expect(gb18030Score(chinese) ?? -Infinity).toBeGreaterThan(shiftJisScore(chinese) ?? -Infinity);
  });

  it('keeps CR and LF: a contact card comes through whole', () => {
    const card = 'BEGIN:VCARD\r\nFN:政务服务中心\r\nEND:VCARD';
    expect(decodePayload(bytes(card, 'utf-8')).text).toBe(card);
  });

  it('is binary when it carries control bytes or fits no charset, one character a byte', () => {
    const data = Uint8Array.of(0x00, 0x01, 0xff, 0x80, 0x41);
    const read = decodePayload(data);
    expect(read.charset).toBe('binary');
    expect([...read.text].map((c) => c.charCodeAt(0))).toEqual([...data]);
    expect(decodePayload(Uint8Array.of(0x80, 0xff, 0x80)).charset).toBe('binary');
  });
});
