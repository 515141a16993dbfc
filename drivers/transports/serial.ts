import { SerialPort } from 'serialport';
import { DeviceError } from '../device/errors.ts';
import type { ByteTransport } from './types.ts';

/** Options for opening a serial line (RS-232, USB-serial bridge, CDC-ACM or a pty). */
export interface SerialOptions {
  path: string;
  baudRate: number;
}

/** A serialport-backed transport. Opening fails with a `DeviceError` flagged `noDevice`. */
export class SerialTransport implements ByteTransport {
  /** The port's last error event, given to close listeners as the reason for an unplug. */
  private lastError: Error | undefined;

  private constructor(private readonly port: SerialPort) {
    // serialport emits 'error' for a write to a vanished device besides rejecting the write;
    // an unheard 'error' event would end the process, and the close event that follows says it.
    port.on('error', (error: Error) => {
      this.lastError = error;
    });
  }

  get name(): string {
    return this.port.path;
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  /** Opens the port 8N1 without flow control, as every device this kiosk drives expects. */
  static open(options: SerialOptions): Promise<SerialTransport> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({
        path: options.path,
        baudRate: options.baudRate,
        dataBits: 8,
        parity: 'none',
        stopBits: 1,
        rtscts: false,
        autoOpen: false,
      });
      port.open((error) => {
        if (error) {
          reject(
            new DeviceError(
              `cannot open serial port ${options.path}: ${error.message}. Check the cable and the "path" in the device config.`,
              { noDevice: true, disconnected: true, cause: error },
            ),
          );
          return;
        }
        resolve(new SerialTransport(port));
      });
    });
  }

  write(data: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.port.isOpen) {
        reject(new DeviceError(`${this.name} is closed`, { disconnected: true }));
        return;
      }
      this.port.write(Buffer.from(data), (error) => {
        if (error)
          reject(
            new DeviceError(`write to ${this.name} failed: ${error.message}`, {
              disconnected: true,
              cause: error,
            }),
          );
      });
      this.port.drain((error) => {
        if (error)
          reject(
            new DeviceError(`drain of ${this.name} failed: ${error.message}`, {
              disconnected: true,
              cause: error,
            }),
          );
        else resolve();
      });
    });
  }

  /**
   * Changes the line speed of the open port, e.g. after a GA 467 `60 xx` baud command. Rejects
   * with a DeviceError flagged `disconnected` when the port is closed, `unsupported` when the
   * driver refuses the rate.
   */
  update(options: { baudRate: number }): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.port.isOpen) {
        reject(
          new DeviceError(`${this.name} is closed; open it again before changing its speed`, {
            disconnected: true,
          }),
        );
        return;
      }
      this.port.update({ baudRate: options.baudRate }, (error) => {
        if (error) {
          reject(
            new DeviceError(
              `cannot set ${this.name} to ${options.baudRate} bit/s: ${error.message}`,
              { disconnected: !this.port.isOpen, unsupported: this.port.isOpen, cause: error },
            ),
          );
          return;
        }
        resolve();
      });
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    const handler = (chunk: Buffer): void => listener(new Uint8Array(chunk));
    this.port.on('data', handler);
    return () => this.port.off('data', handler);
  }

  onClose(listener: (error?: Error) => void): () => void {
    const handler = (error?: Error | null): void => listener(error ?? this.lastError);
    this.port.on('close', handler);
    return () => this.port.off('close', handler);
  }

  close(): Promise<void> {
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise((resolve) => {
      // A close error comes from a device that has already gone (unplugged mid-close); the
      // port is released either way, and callers close in cleanup paths that must not throw.
      this.port.close(() => resolve());
    });
  }
}
