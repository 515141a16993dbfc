import { constants, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { isatty } from 'node:tty';
import { DeviceError } from '../device/errors.ts';
import type { ByteTransport } from './types.ts';

/** Options for a character-device transport such as a USB printer-class `/dev/usb/lp0`. */
export interface DeviceFileOptions {
  /** The device file, e.g. `/dev/usb/lp0`. */
  path: string;
  /** Pause between reads while the device has nothing to say (default 10 ms). */
  pollIntervalMs?: number;
  /** How long a write may wait for a busy device before it fails (default 10 s). */
  writeTimeoutMs?: number;
  /** Bytes asked for per read (default 512: a few USB bulk-in packets). */
  readChunkBytes?: number;
}

/** Errors that mean the device file no longer leads to a device (unplugged, hung up). */
const GONE = new Set(['EIO', 'ENODEV', 'ENXIO', 'EBADF', 'EPIPE', 'ESHUTDOWN']);
/** Errors that mean "nothing now, ask again". */
const NOT_NOW = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? '';

function openHint(code: string): string {
  if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO')
    return 'Is the printer plugged in and switched on? Check "path" in the device config.';
  if (code === 'EACCES' || code === 'EPERM')
    return 'Give the kiosk user access to the device (on Debian: add it to the "lp" group).';
  if (code === 'EBUSY')
    return 'Another program holds the device; stop the CUPS queue that uses this printer.';
  return 'Check "path" in the device config.';
}

/**
 * A ByteTransport over a character device file opened read-write, as a USB printer-class
 * printer is on Linux (`/dev/usb/lp0`; replies come from its bulk-IN endpoint).
 *
 * The file is opened non-blocking and read in a loop through the libuv threadpool: a
 * blocking read would sit in the pool until the printer spoke and keep the process alive
 * after `close()`, since closing an fd does not wake a read blocked on it.
 */
export class DeviceFileTransport implements ByteTransport {
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private readonly pollIntervalMs: number;
  private readonly writeTimeoutMs: number;
  private readonly readChunkBytes: number;
  /** A terminal reads 0 bytes only once hung up; usblp also reads 0 for an empty bulk-IN packet. */
  private readonly zeroReadMeansHangUp: boolean;
  private open = true;
  private readLoop: Promise<void> = Promise.resolve();
  private readonly sleepers = new Set<() => void>();
  private closeError: DeviceError | undefined;

  private constructor(
    private readonly file: FileHandle,
    readonly name: string,
    options: DeviceFileOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 10;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
    this.readChunkBytes = options.readChunkBytes ?? 512;
    this.zeroReadMeansHangUp = isatty(file.fd);
  }

  get isOpen(): boolean {
    return this.open;
  }

  /**
   * Opens `path` read-write and starts reading. Fails with `DeviceError{noDevice}` when the
   * path is missing, not permitted, or not a character device (a typo must not fill a file).
   */
  static async open(options: DeviceFileOptions): Promise<DeviceFileTransport> {
    let file: FileHandle;
    try {
      file = await fsp.open(
        options.path,
        constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY,
      );
    } catch (error) {
      throw new DeviceError(
        `cannot open device file ${options.path}: ${(error as Error).message}. ${openHint(codeOf(error))}`,
        { noDevice: true, disconnected: true, cause: error },
      );
    }
    const stat = await file.stat();
    if (!stat.isCharacterDevice()) {
      await file.close();
      throw new DeviceError(
        `${options.path} is not a character device, so no printer is behind it; set "path" to the printer's device, e.g. /dev/usb/lp0`,
        { noDevice: true },
      );
    }
    const transport = new DeviceFileTransport(file, options.path, options);
    transport.readLoop = transport.readUntilClosed();
    return transport;
  }

  /** Writes every byte, waiting while a busy device answers EAGAIN, up to the write timeout. */
  async write(data: Uint8Array): Promise<void> {
    const deadline = Date.now() + this.writeTimeoutMs;
    let offset = 0;
    while (offset < data.length) {
      if (!this.open) throw new DeviceError(`${this.name} is closed`, { disconnected: true });
      try {
        const { bytesWritten } = await this.file.write(data, offset, data.length - offset);
        offset += bytesWritten;
        if (bytesWritten > 0) continue;
      } catch (error) {
        const code = codeOf(error);
        if (!NOT_NOW.has(code)) {
          const failure = new DeviceError(
            `write to ${this.name} failed: ${(error as Error).message}`,
            {
              disconnected: true,
              cause: error,
            },
          );
          if (GONE.has(code)) this.shutDown(failure);
          throw failure;
        }
      }
      if (Date.now() > deadline) {
        throw new DeviceError(
          `${this.name} accepted ${offset} of ${data.length} bytes in ${this.writeTimeoutMs} ms; is the printer offline or out of paper?`,
          { timeout: true },
        );
      }
      await this.pause();
    }
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Stops the read loop, then closes the file; safe to call twice. */
  async close(): Promise<void> {
    if (this.open) this.shutDown();
    await this.readLoop;
    if (this.closeError) throw this.closeError;
  }

  private async readUntilClosed(): Promise<void> {
    const buffer = new Uint8Array(this.readChunkBytes);
    while (this.open) {
      const outcome = await this.readOnce(buffer);
      if (!this.open) break;
      if (typeof outcome === 'number') {
        for (const listener of this.dataListeners) listener(buffer.slice(0, outcome));
        continue;
      }
      if (outcome instanceof DeviceError) {
        this.shutDown(outcome);
        break;
      }
      await this.pause();
    }
    try {
      await this.file.close();
    } catch (error) {
      this.closeError = new DeviceError(
        `closing ${this.name} failed: ${(error as Error).message}`,
        {
          disconnected: true,
          cause: error,
        },
      );
    }
  }

  /** One read: a byte count, 'idle' when there is nothing yet, or why the device is gone. */
  private async readOnce(buffer: Uint8Array): Promise<number | 'idle' | DeviceError> {
    try {
      const { bytesRead } = await this.file.read(buffer, 0, buffer.length, null);
      if (bytesRead > 0) return bytesRead;
      // usblp answers an idle read with 0 bytes (an empty bulk-IN packet); a terminal only
      // reads 0 bytes once the other side has hung up.
      if (!this.zeroReadMeansHangUp) return 'idle';
      return new DeviceError(`${this.name} was hung up by the other side`, { disconnected: true });
    } catch (error) {
      const code = codeOf(error);
      if (NOT_NOW.has(code)) return 'idle';
      // EIO/ENODEV are how the kernel says the printer was unplugged or the line hung up.
      return new DeviceError(`${this.name} stopped answering reads: ${(error as Error).message}`, {
        disconnected: true,
        noDevice: GONE.has(code),
        cause: error,
      });
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.sleepers.add(done);
    });
  }

  private shutDown(error?: Error): void {
    if (!this.open) return;
    this.open = false;
    for (const wake of [...this.sleepers]) wake();
    for (const listener of this.closeListeners) listener(error);
  }
}
