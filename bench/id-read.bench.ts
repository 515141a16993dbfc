/**
 * ID-card read time against the wire: one read (find -> select -> read text + photo) by the
 * real driver over a socat pty, to the simulated SAM answering at 115200 baud with per-byte
 * pacing, divided by the line time of every byte exchanged (10 bits a byte, 8N1). Goal: the
 * driver adds at most 15 % to the wire, ratio <= 1.15. The simulated SAM spends no time on RF
 * or crypto, so everything above 1.00 is host, driver and link overhead.
 * Run with `npx tsx bench/id-read.bench.ts [reads]`.
 */
import { performance } from 'node:perf_hooks';
import { IdCardReader, startIdCardSimulator } from '../drivers/id-card/index.ts';
import { createPtyPair } from '../drivers/transports/pty-pair.ts';
import { SerialTransport } from '../drivers/transports/serial.ts';
import type { ByteTransport } from '../drivers/transports/types.ts';
import { silentLogger } from '../kiosk/core/log.ts';

const BAUD = 115_200;
const GOAL = 1.15;
const WARM_UP = 3;
const READS = Number(process.argv[2] ?? 30);
if (!Number.isInteger(READS) || READS < 1) {
  throw new RangeError(
    `the number of reads must be a whole number above 0, got ${process.argv[2]}`,
  );
}

const lineMs = (bytes: number): number => ((bytes * 10) / BAUD) * 1000;

/**
 * Counts the bytes each way, and holds each host write for its line time: a pty carries bytes
 * at once, so without this the host's commands would cross for free while the SAM's answers
 * are paced, and the ratio would flatter the driver.
 */
class MeteredLine implements ByteTransport {
  sent = 0;
  received = 0;

  constructor(private readonly inner: ByteTransport) {
    inner.onData((chunk) => (this.received += chunk.length));
  }

  get name(): string {
    return this.inner.name;
  }

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  async write(data: Uint8Array): Promise<void> {
    this.sent += data.length;
    await new Promise((resolve) => setTimeout(resolve, lineMs(data.length)));
    await this.inner.write(data);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.inner.onData(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.inner.onClose(listener);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  reset(): void {
    this.sent = 0;
    this.received = 0;
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const pair = await createPtyPair();
const sam = await startIdCardSimulator({
  path: pair.devicePath,
  baudRate: BAUD,
  pace: true,
  profile: 'resident-li',
  // The card stays on the reader and answers find every time, so each round is a full read.
  findAfterRead: 'found',
});
const line = new MeteredLine(await SerialTransport.open({ path: pair.hostPath, baudRate: BAUD }));
const reader = new IdCardReader(line, { logger: silentLogger });
const ratios: number[] = [];
const times: number[] = [];
let bytesPerRead = 0;
try {
  const state = await reader.open();
  if (state.status !== 'online')
    throw new Error(`the simulated reader is ${state.status}: ${state.detail}`);
  for (let round = 0; round < WARM_UP + READS; round++) {
    line.reset();
    const started = performance.now();
    await reader.readCard({ acceptSameCard: true, timeoutMs: 10_000 });
    const elapsed = performance.now() - started;
    if (round < WARM_UP) continue;
    bytesPerRead = line.sent + line.received;
    times.push(elapsed);
    ratios.push(elapsed / lineMs(bytesPerRead));
  }
} finally {
  await reader.close();
  await sam.close();
  await pair.close();
}

const p50 = percentile(ratios, 50);
const p90 = percentile(ratios, 90);
console.log(
  `id-read: find + select + read text+photo, ${READS} reads after ${WARM_UP} warm-up, ${BAUD} baud 8N1 over a socat pty`,
);
console.log(
  `bytes per read: ${bytesPerRead} (line time ${lineMs(bytesPerRead).toFixed(1)} ms); read time p50 ${percentile(times, 50).toFixed(1)} ms, p90 ${percentile(times, 90).toFixed(1)} ms`,
);
console.log(
  `ratio to line time   p50 ${p50.toFixed(3)}   p90 ${p90.toFixed(3)}   goal <= ${GOAL.toFixed(2)}   ${p50 <= GOAL ? 'met' : 'NOT met'} (p50)`,
);
