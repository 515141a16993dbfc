import { sep } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanFrame, payload } from '../../test/fixtures/scanner/qr-payloads.ts';
import { toLuminance } from './camera-frame.ts';
import { loadZxingCpp, unloadZxingCpp, ZxingCppReader, zxingCppWasmPath } from './zxing-cpp.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('zxing-cpp', () => {
  it('finds its wasm inside the zxing-wasm package in node_modules', () => {
    expect(zxingCppWasmPath()).toContain(`${sep}node_modules${sep}zxing-wasm${sep}`);
    expect(zxingCppWasmPath()).toMatch(/zxing_reader\.wasm$/);
  });

  it('loads and reads with the network unreachable, asking it for nothing', async () => {
    const fetch = vi.fn(() => Promise.reject(new TypeError('network unreachable')));
    vi.stubGlobal('fetch', fetch);
    unloadZxingCpp();
    const module = await loadZxingCpp();
    const reader = new ZxingCppReader(module, {
      binarizer: 'LocalAverage',
      tryHarder: true,
      tryDownscale: true,
      tryInvert: true,
      tryDenoise: false,
    });
    const found = reader.read(toLuminance(cleanFrame(payload('sjis-ja-eci'))));
    reader.dispose();
    expect(found).toMatchObject({ text: payload('sjis-ja-eci').text, hasEci: true });
    expect(fetch).not.toHaveBeenCalled();
  });
});
