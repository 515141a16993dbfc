import { beforeAll, describe, expect, it } from 'vitest';
import { cleanFrame, PAYLOADS, payload } from '../../test/fixtures/scanner/qr-payloads.ts';
import { sceneSet } from '../../test/fixtures/scanner/qr-scenes.ts';
import { toLuminance } from './camera-frame.ts';
import { QrFrameDecoder } from './qr-decoder.ts';
import type { QrCharset } from './qr-text.ts';

/** The charset each test payload must be reported in. */
const EXPECTED_CHARSET: Record<string, QrCharset> = {
  url: 'utf-8',
  token: 'utf-8',
  'utf8-zh': 'utf-8',
  'utf8-zh-eci': 'declared',
  'gb-zh': 'gb18030',
  'gb-zh-eci': 'declared',
  'sjis-ja': 'shift_jis',
  'sjis-ja-kana': 'shift_jis',
  'sjis-ja-eci': 'declared',
  'sjis-ja-short': 'shift_jis',
  'utf8-ja': 'utf-8',
  vcard: 'utf-8',
  binary: 'binary',
};

const decoder = new QrFrameDecoder();
beforeAll(() => decoder.load());

describe('the QR frame decoder', () => {
  it.each(PAYLOADS.map((p) => [p.name, p] as const))(
    'reads the %s payload with the right characters and charset',
    (name, p) => {
      const found = decoder.decode(toLuminance(cleanFrame(p)));
      expect(found?.charset).toBe(EXPECTED_CHARSET[name]);
      if (p.binary) expect(found?.bytes).toEqual(p.bytes);
      else expect(found?.text).toBe(p.text);
    },
  );

  it('returns a contact card whole, CR/LF included: acceptance is the consumer’s rule', () => {
    const found = decoder.decode(toLuminance(cleanFrame(payload('vcard'))));
    expect(found?.text).toContain('\r\nVERSION:3.0\r\n');
  });

  it('reads a phone screen with moiré, a photographed receipt and a dim poster', () => {
    const scenes = sceneSet(2).filter((s) =>
      ['phone-00-sjis-ja', 'receipt-00-receipt-url', 'dim-00-vcard'].includes(s.name),
    );
    expect(scenes).toHaveLength(3);
    for (const scene of scenes) {
      expect(decoder.decode(toLuminance(scene.render()))?.text, scene.name).toBe(
        scene.payload?.text,
      );
    }
  });

  it('returns nothing for a scene without a code', () => {
    const scene = sceneSet(2).find((s) => s.kind === 'no-code');
    if (!scene) throw new Error('the set has no scene without a code');
    expect(decoder.decode(toLuminance(scene.render()))).toBeUndefined();
    const blank = {
      width: 640,
      height: 480,
      luminance: new Uint8ClampedArray(640 * 480).fill(200),
    };
    expect(decoder.decode(blank)).toBeUndefined();
  });

  it('reads with zxing-js alone until zxing-cpp is loaded', () => {
    const early = new QrFrameDecoder();
    expect(early.loaded).toBe(false);
    const found = early.decode(toLuminance(cleanFrame(payload('gb-zh'))));
    expect(found).toMatchObject({ text: payload('gb-zh').text, charset: 'gb18030' });
    expect(found?.strategy).not.toMatch(/^zxing-cpp/);
  });

  it('refuses an unknown strategy, naming the known ones', () => {
    expect(() => new QrFrameDecoder(['zxing-cpp', 'sharpen' as never])).toThrow(
      /unknown QR decode strategy sharpen; known: zxing-cpp/,
    );
  });
});
