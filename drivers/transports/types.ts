/**
 * The byte pipe every driver and simulator talks through. Serial ports, USB printer-class
 * device files and in-memory pairs all look like this, so codecs and drivers never know
 * which one they are on.
 */
export interface ByteTransport {
  /** Human-readable name for logs and errors, e.g. the serial path. */
  readonly name: string;
  /** Queues bytes for sending; resolves once they are handed to the OS (drained). */
  write(data: Uint8Array): Promise<void>;
  /** Subscribes to received bytes; returns the unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Subscribes to the transport closing (unplugged, closed by us); returns the unsubscribe function. */
  onClose(listener: (error?: Error) => void): () => void;
  /** True while bytes can flow. */
  readonly isOpen: boolean;
  /** Closes the transport; safe to call twice. */
  close(): Promise<void>;
}
