/**
 * The decoders the camera QR benchmark compares, each behind one shape: given an RGBA frame
 * (and its PNG for zbarimg), return the payload it read as text and bytes. Ours is the camera
 * driver's decoder; the peers are used the way an application would use each of them.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import jsQRModule from 'jsqr';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { toLuminance } from '../drivers/scanner/camera-frame.ts';
import { QrFrameDecoder, type DecodeStrategy } from '../drivers/scanner/qr-decoder.ts';
import { zxingCppWasmPath } from '../drivers/scanner/zxing-cpp.ts';

// jsqr ships CommonJS typed as an ES default export: under Node the function is one level down.
const jsQR = jsQRModule.default;

/** One RGBA frame, as a camera hands it over. */
export interface RgbaFrame {
  width: number;
  height: number;
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

/** What a decoder read: its text and, when it gives them, the payload bytes. */
export interface Reading {
  text: string;
  bytes: Uint8Array | undefined;
}

/** A decoder under test. `file` is the frame as a PNG on disk, for command-line decoders. */
export interface Peer {
  name: string;
  /** Whether the figure is for a separate process that also decodes the PNG. */
  outOfProcess: boolean;
  read(frame: RgbaFrame, file: string, binary: boolean): Promise<Reading | undefined>;
}

/** Our decoder; `strategies` from KIOSK24_QR_STRATEGIES (comma-separated) to measure others. */
export async function oursPeer(strategies?: readonly DecodeStrategy[]): Promise<Peer> {
  const decoder = new QrFrameDecoder(strategies);
  await decoder.load();
  return {
    name: 'kiosk24',
    outOfProcess: false,
    read: (frame) => {
      const found = decoder.decode(toLuminance(frame));
      return Promise.resolve(found && { text: found.text, bytes: found.bytes });
    },
  };
}

/** zxing-cpp through zxing-wasm's own `readBarcodes`, QR only, its default options. */
export async function zxingCppPeer(): Promise<Peer> {
  const wasm = readFileSync(zxingCppWasmPath());
  await prepareZXingModule({
    overrides: {
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
    },
    fireImmediately: true,
  });
  return {
    name: 'zxing-cpp',
    outOfProcess: false,
    read: async (frame) => {
      const [found] = await readBarcodes(
        { data: frame.rgba, width: frame.width, height: frame.height, colorSpace: 'srgb' },
        { formats: ['QRCode'], maxNumberOfSymbols: 1 },
      );
      return found?.isValid ? { text: found.text, bytes: Uint8Array.from(found.bytes) } : undefined;
    },
  };
}

/** jsQR with its defaults (normal and inverted). */
export function jsQrPeer(): Peer {
  return {
    name: 'jsQR',
    outOfProcess: false,
    read: (frame) => {
      const found = jsQR(frame.rgba, frame.width, frame.height);
      return Promise.resolve(
        found ? { text: found.data, bytes: Uint8Array.from(found.binaryData) } : undefined,
      );
    },
  };
}

/** zbar through `zbarimg`, one process an image; undefined when zbarimg is not installed. */
export function zbarPeer(): Peer | undefined {
  const found = spawnSync('sh', ['-c', 'command -v zbarimg'], { encoding: 'utf8' });
  const zbarimg = found.stdout.trim();
  if (found.status !== 0 || !zbarimg) return undefined;
  return {
    name: 'zbar',
    outOfProcess: true,
    read: (_frame, file, binary) => {
      // Binary payloads are read in zbar's binary mode, text in its default text mode.
      const args = [
        '-q',
        '--raw',
        '-Sdisable',
        '-Sqrcode.enable',
        ...(binary ? ['-Sbinary'] : []),
        file,
      ];
      const run = spawnSync(zbarimg, args);
      if (run.status !== 0 || run.stdout.length === 0) return Promise.resolve(undefined);
      const out = binary ? run.stdout : run.stdout.subarray(0, run.stdout.length - 1);
      return Promise.resolve({
        text: out.toString('utf8'),
        bytes: binary ? new Uint8Array(out) : undefined,
      });
    },
  };
}

/** zbarimg over many PNG files in one process: milliseconds for all, amortizing its start. */
export function zbarBatchMs(files: readonly string[]): number | undefined {
  const found = spawnSync('sh', ['-c', 'command -v zbarimg'], { encoding: 'utf8' });
  const zbarimg = found.stdout.trim();
  if (found.status !== 0 || !zbarimg) return undefined;
  const started = performance.now();
  spawnSync(zbarimg, ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', ...files]);
  return performance.now() - started;
}
