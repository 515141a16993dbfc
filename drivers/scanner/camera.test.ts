import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CLEAN_SET, renderQrFrame } from '../../test/fixtures/scanner/qr-frames.ts';
import { cleanFrame, payload } from '../../test/fixtures/scanner/qr-payloads.ts';
import type { Frame, FrameSource } from './camera-frame.ts';
import { CameraScanner } from './camera.ts';
import type { CodeRefused, CodeScanned } from './types.ts';
import { within } from '../../test/support/time.ts';

const idle: FrameSource = {
  kind: 'push',
  onFrame: () => () => undefined,
  close: () => Promise.resolve(),
};
const blank: Frame = { width: 640, height: 480, luminance: new Uint8Array(640 * 480).fill(230) };

function toRgba(frame: { width: number; height: number; luminance: Uint8Array }): Frame {
  const rgba = new Uint8Array(frame.luminance.length * 4);
  frame.luminance.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
  return { width: frame.width, height: frame.height, rgba };
}

describe('a camera scanner', () => {
  it('decodes every clean 640x480 frame to its payload', async () => {
    const scanner = new CameraScanner(idle, { forgetAfterFrames: 0 });
    await scanner.ready;
    for (const recipe of CLEAN_SET) {
      expect(scanner.scanFrame(renderQrFrame(recipe))?.text, recipe.name).toBe(recipe.payload);
      scanner.scanFrame(blank);
    }
  });

  it('converts an RGBA frame to luminance and decodes it the same', () => {
    const recipe = CLEAN_SET[1];
    if (!recipe) throw new Error('no clean recipe');
    const code = new CameraScanner(idle).scanFrame(toRgba(renderQrFrame(recipe)));
    expect(code).toEqual({
      text: recipe.payload,
      symbology: 'qr',
      source: 'camera',
      encoding: 'utf-8',
    });
  });

  it('reads a byte-mode QR code holding GBK Chinese as GB18030', () => {
    const payload = new Uint8Array(iconv.encode('苏服码:张三 320106', 'gbk'));
    const code = new CameraScanner(idle).scanFrame(renderQrFrame({ name: 'gbk', payload }));
    expect(code).toMatchObject({ text: '苏服码:张三 320106', encoding: 'gb18030' });
  });

  it('reads a UTF-8 Chinese QR code as UTF-8', () => {
    const code = new CameraScanner(idle).scanFrame(
      renderQrFrame({ name: 'utf8', payload: '南京 居民码' }),
    );
    expect(code).toMatchObject({ text: '南京 居民码', encoding: 'utf-8' });
  });

  it('reads a Shift_JIS Japanese code as Shift_JIS once zxing-cpp is loaded', async () => {
    const scanner = new CameraScanner(idle);
    await scanner.ready;
    expect(scanner.scanFrame(cleanFrame(payload('sjis-ja')))).toMatchObject({
      text: payload('sjis-ja').text,
      encoding: 'shift_jis',
    });
  });

  it('refuses a contact card with CR/LF as a resident code, yet reads it whole for others', async () => {
    const scanner = new CameraScanner(idle);
    await scanner.ready;
    const refusals: CodeRefused[] = [];
    scanner.onRefused((refusal) => refusals.push(refusal));
    const frame = cleanFrame(payload('vcard'));
    expect(scanner.scanFrame(frame)).toBeUndefined();
    expect(refusals).toMatchObject([{ reason: 'controlCharacter', source: 'camera' }]);
    expect(scanner.readFrame(frame)?.text).toBe(payload('vcard').text);
  });

  it('accepts CR/LF codes when its rules allow those controls', async () => {
    const scanner = new CameraScanner(idle, { rules: { allowedControls: ['\t', '\r', '\n'] } });
    await scanner.ready;
    expect(scanner.scanFrame(cleanFrame(payload('vcard')))?.text).toBe(payload('vcard').text);
  });

  it('refuses binary data as a resident code and keeps its bytes for readFrame', async () => {
    const scanner = new CameraScanner(idle);
    await scanner.ready;
    const refusals: CodeRefused[] = [];
    scanner.onRefused((refusal) => refusals.push(refusal));
    const frame = cleanFrame(payload('binary'));
    expect(scanner.scanFrame(frame)).toBeUndefined();
    expect(refusals).toMatchObject([{ reason: 'undecodable' }]);
    expect(scanner.readFrame(frame)?.bytes).toEqual(payload('binary').bytes);
  });

  it('reports a code held in front of it once, and again after it was gone long enough', () => {
    const recipe = CLEAN_SET[0];
    if (!recipe) throw new Error('no clean recipe');
    const frame = renderQrFrame(recipe);
    const scanner = new CameraScanner(idle, { forgetAfterFrames: 2 });
    const codes: CodeScanned[] = [];
    scanner.onCode((code) => codes.push(code));
    scanner.scanFrame(frame);
    scanner.scanFrame(frame);
    scanner.scanFrame(blank);
    scanner.scanFrame(frame);
    expect(codes).toHaveLength(1);
    for (let i = 0; i < 3; i++) scanner.scanFrame(blank);
    scanner.scanFrame(frame);
    expect(codes).toHaveLength(2);
  });

  it('decodes pushed frames only while started', async () => {
    let push: ((frame: Frame) => void) | undefined;
    const source: FrameSource = {
      kind: 'push',
      onFrame: (listener) => ((push = listener), () => (push = undefined)),
      close: () => Promise.resolve(),
    };
    const scanner = new CameraScanner(source, { active: false, forgetAfterFrames: 0 });
    const codes: string[] = [];
    scanner.onCode((code) => codes.push(code.text));
    const frame = renderQrFrame({ name: 'push', payload: 'PUSHED-1' });
    push?.(frame);
    await scanner.start();
    push?.(frame);
    await scanner.stop();
    push?.(blank);
    push?.(frame);
    expect(codes).toEqual(['PUSHED-1']);
    await scanner.close();
    expect(push).toBeUndefined();
  });

  it('pulls frames until the source ends, then goes offline', async () => {
    const frames: Frame[] = [blank, renderQrFrame({ name: 'pull', payload: 'PULLED-7' })];
    const source: FrameSource = {
      kind: 'pull',
      read: () => Promise.resolve(frames.shift()),
      close: () => Promise.resolve(),
    };
    const scanner = new CameraScanner(source, { active: false });
    const seen = new Promise<CodeScanned>((resolve) => scanner.onCode(resolve));
    const offline = new Promise<void>((resolve) =>
      scanner.onStateChange((state) => state.status === 'offline' && resolve()),
    );
    await scanner.start();
    expect((await within(seen, 'the code in the pulled frame')).text).toBe('PULLED-7');
    await within(offline, 'the camera to go offline when the source ends');
  });

  it('refuses a frame whose buffer does not match its size, saying what it needs', () => {
    const scanner = new CameraScanner(idle);
    expect(() =>
      scanner.scanFrame({ width: 640, height: 480, luminance: new Uint8Array(100) }),
    ).toThrow('a 640x480 luminance frame needs 307200 bytes, got 100');
  });
});
