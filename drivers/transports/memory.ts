import type { ByteTransport } from './types.ts';

/** One end of an in-memory byte pipe, used by unit tests and by simulators run in-process. */
class MemoryEnd implements ByteTransport {
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();
  peer: MemoryEnd | undefined;
  isOpen = true;

  constructor(readonly name: string) {}

  write(data: Uint8Array): Promise<void> {
    if (!this.isOpen || !this.peer?.isOpen) {
      return Promise.reject(new Error(`${this.name}: write on a closed memory transport`));
    }
    const copy = Uint8Array.from(data);
    const peer = this.peer;
    queueMicrotask(() => peer.deliver(copy));
    return Promise.resolve();
  }

  deliver(chunk: Uint8Array): void {
    for (const listener of this.dataListeners) listener(chunk);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): Promise<void> {
    if (!this.isOpen) return Promise.resolve();
    this.isOpen = false;
    for (const listener of this.closeListeners) listener();
    const peer = this.peer;
    if (peer?.isOpen) void peer.close();
    return Promise.resolve();
  }
}

/** Creates two connected in-memory transports: bytes written to one arrive at the other. */
export function createMemoryPair(name = 'memory'): [ByteTransport, ByteTransport] {
  const a = new MemoryEnd(`${name}:a`);
  const b = new MemoryEnd(`${name}:b`);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
