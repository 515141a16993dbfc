import { DeviceError } from '../device/errors.ts';
import { toLuminance, type Frame, type FrameSource } from './camera-frame.ts';
import { checkCodeText } from './code-text.ts';
import { QrFrameDecoder, type DecodedQr, type DecodeStrategy } from './qr-decoder.ts';
import { ScannerBase, type ScannerCommonOptions } from './scanner-base.ts';
import type { CodeScanned } from './types.ts';

/** How a camera scanner is set up. */
export interface CameraScannerOptions extends ScannerCommonOptions {
  /** Decode strategies in order; default zxing-cpp, then the @zxing/library fallbacks. */
  strategies?: readonly DecodeStrategy[];
  /**
   * Frames without the last code after which the same code counts as a new scan. A code held
   * in front of the camera is reported once; a dropped frame or two does not repeat it.
   * Default 10.
   */
  forgetAfterFrames?: number;
  /** Decode from the start; `false` waits for `start()`. Default true. */
  active?: boolean;
}

/**
 * A camera that reads the QR code on a resident's phone or an earlier receipt. Frames come
 * from any FrameSource; each is decoded (stopping at the first strategy that works), and a
 * code seen in consecutive frames is reported once. The `codeScanned` path is the resident-code
 * path: its text passes the scanner's rules (length, no control characters) like every other
 * scanner's. A consumer that wants any payload (a contact card with CR/LF, binary data) reads
 * frames with `readFrame`, which applies no rules.
 */
export class CameraScanner extends ScannerBase {
  readonly canTrigger = true;
  /**
   * Settles once zxing-cpp is loaded from node_modules, or has failed to load (logged; the
   * camera then reads with @zxing/library alone). Frames before that use @zxing/library.
   */
  readonly ready: Promise<void>;
  private readonly decoder: QrFrameDecoder;
  private readonly forgetAfterFrames: number;
  private readonly detach: (() => void)[] = [];
  private active: boolean;
  private lastText: string | undefined;
  private framesWithout = 0;
  private pullLoop: AbortController | undefined;
  private closed = false;

  constructor(
    private readonly frames: FrameSource,
    options: CameraScannerOptions = {},
  ) {
    super('camera', 'camera', options);
    this.decoder = new QrFrameDecoder(options.strategies);
    this.ready = this.decoder.load().catch((error: unknown) => {
      this.log.warn({ err: error }, 'scanner: zxing-cpp is unavailable; reading with zxing-js');
    });
    this.forgetAfterFrames = options.forgetAfterFrames ?? 10;
    this.active = options.active ?? true;
    if (frames.kind === 'push')
      this.detach.push(frames.onFrame((frame) => this.frameArrived(frame)));
    if (this.active) this.resume();
  }

  /** Starts decoding frames (the camera's "trigger"). */
  override start(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.closed)
      return Promise.reject(
        new DeviceError('the camera scanner is closed', { disconnected: true }),
      );
    this.active = true;
    this.resume();
    return Promise.resolve();
  }

  /** Stops decoding; frames that still arrive are dropped undecoded. */
  override stop(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.active = false;
    this.pullLoop?.abort();
    this.pullLoop = undefined;
    this.setStatus('online', 'paused');
    return Promise.resolve();
  }

  /**
   * Decodes one frame without the scanner's rules: any text, control characters included, and
   * the bytes. For consumers of codes that are no resident code (receipts, contact cards).
   */
  readFrame(frame: Frame): DecodedQr | undefined {
    return this.decoder.decode(toLuminance(frame));
  }

  /**
   * Decodes one frame and reports its code unless it repeats the last one; returns what was
   * reported. Frames from the source go through here; tests and tools may call it directly.
   */
  scanFrame(frame: Frame): CodeScanned | undefined {
    const decoded = this.readFrame(frame);
    if (!decoded) {
      if (++this.framesWithout > this.forgetAfterFrames) this.lastText = undefined;
      return undefined;
    }
    this.framesWithout = 0;
    if (decoded.text === this.lastText) return undefined;
    this.lastText = decoded.text;
    if (decoded.charset === 'binary') {
      this.refuse({
        reason: 'undecodable',
        detail: `${decoded.bytes?.length ?? 0} bytes of data that are no UTF-8, GB18030 or Shift_JIS text`,
        source: 'camera',
      });
      return undefined;
    }
    const refusal = checkCodeText(decoded.text, this.rules);
    if (refusal && !refusal.ok) {
      this.refuse({ reason: refusal.reason, detail: refusal.detail, source: 'camera' });
      return undefined;
    }
    const code: CodeScanned = {
      text: decoded.text,
      symbology: 'qr',
      source: 'camera',
      encoding: decoded.charset,
    };
    this.emit(code);
    return code;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.active = false;
    this.pullLoop?.abort();
    for (const off of this.detach.splice(0)) off();
    await this.ready;
    this.decoder.dispose();
    await this.frames.close();
    this.setStatus('offline', 'closed');
  }

  private frameArrived(frame: Frame): void {
    if (!this.active) return;
    try {
      this.scanFrame(frame);
    } catch (error) {
      // One malformed frame must not stop the camera; it is reported and the next one decoded.
      this.log.warn({ err: error }, 'scanner: a camera frame could not be decoded');
    }
  }

  private resume(): void {
    this.setStatus('busy', 'decoding camera frames');
    const source = this.frames;
    if (source.kind !== 'pull' || this.pullLoop) return;
    const controller = new AbortController();
    this.pullLoop = controller;
    void (async () => {
      try {
        for (;;) {
          const frame = await source.read(controller.signal);
          if (controller.signal.aborted) return;
          if (!frame) {
            this.setStatus('offline', 'the camera stopped sending frames');
            return;
          }
          this.frameArrived(frame);
          // Decoding is synchronous: yield so timers and I/O run between frames.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        this.setStatus(
          'offline',
          `the camera failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        if (this.pullLoop === controller) this.pullLoop = undefined;
      }
    })();
  }
}
