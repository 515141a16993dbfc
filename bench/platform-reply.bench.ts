/**
 * A 3 GiB platform reply against the platform client's reply cap (issue 9 found the old client
 * buffering 1.8 GB per attempt). A child process serves the reply, generated as it is sent and
 * never stored, once without a length (chunked) and once with a 3 GiB Content-Length; this
 * process calls it through PlatformClient repeatedly and samples its own RSS. As a reference it
 * first takes as many replies of a legal size exactly at the cap, which the client accepts.
 * Goals: the 3 GiB replies raise peak RSS by at most 8 MiB over what the legal replies already
 * took (a refused reply costs no more than an accepted one); the whole run stays within 64 MiB
 * of growth (the cap, stream and socket buffers, and V8's young generation, which any steady
 * allocation grows to a few tens of MiB before it levels off); and each attempt is refused
 * within 1 s, far inside the 8 s a resident may be kept waiting.
 * Run: npx tsx bench/platform-reply.bench.ts
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PlatformClient } from '../kiosk/core/platform/client.ts';
import { PlatformError } from '../kiosk/core/platform/errors.ts';
import { DEFAULT_MAX_REPLY_BYTES } from '../kiosk/core/platform/limits.ts';

const REPLY_BYTES = 3 * 1024 ** 3;
/** Enough attempts for the heap to level off, so growth per attempt would show. */
const ATTEMPTS = 20;
const GOAL_RSS_GROWTH_MIB = 64;
/** A refused 3 GiB reply may cost at most this much beyond replies a legal size at the cap. */
const GOAL_OVER_LEGAL_MIB = 8;
const GOAL_REFUSAL_MS = 1000;
const MiB = 1024 * 1024;

/** Child side: serves REPLY_BYTES per request and reports how many it managed to hand over. */
function serve(): void {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const pump = async (response: ServerResponse): Promise<number> => {
    let written = 0;
    while (written < REPLY_BYTES && !response.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, REPLY_BYTES - written));
      written += piece.length;
      if (!response.write(piece)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            response.off('drain', done);
            response.off('close', done);
            resolve();
          };
          response.on('drain', done);
          response.on('close', done);
        });
      }
    }
    if (!response.destroyed) response.end();
    return written;
  };
  const head = `{"status":"ok","apiVersion":"v1","time":"2025-01-01T00:00:00Z","pad":"`;
  const legal = `${head}${'x'.repeat(DEFAULT_MAX_REPLY_BYTES - head.length - 2)}"}`;
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/legal/') === true) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(legal);
      return;
    }
    const declared = request.url?.startsWith('/declared/') === true;
    response.writeHead(200, {
      'content-type': 'application/json',
      ...(declared ? { 'content-length': REPLY_BYTES } : {}),
    });
    void pump(response).then((written) => process.send?.({ written }));
  });
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port });
  });
  process.on('disconnect', () => process.exit(0));
}

function nextMessage<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve) => {
    const listen = (message: Record<string, unknown>): void => {
      if (!(key in message)) return;
      child.off('message', listen);
      resolve(message[key] as T);
    };
    child.on('message', listen);
  });
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { stdio: 'inherit' });
  const port = await nextMessage<number>(child, 'port');
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    // One warm-up call loads fetch, undici and zod, so what follows is the reply alone.
    const warm = new PlatformClient({
      baseUrl: `http://127.0.0.1:${port}/declared/`,
      kioskId: 'b',
    });
    await warm.health().catch(() => undefined);
    await nextMessage<number>(child, 'written');
    const before = process.memoryUsage.rss();
    peak = before;
    // Reference: the same number of replies exactly at the cap, which the client accepts.
    const legal = new PlatformClient({ baseUrl: `http://127.0.0.1:${port}/legal/`, kioskId: 'b' });
    for (let i = 0; i < 2 * ATTEMPTS; i++) await legal.health();
    const legalPeak = peak;
    console.log(
      `platform reply of ${REPLY_BYTES / 1024 ** 3} GiB, cap ${DEFAULT_MAX_REPLY_BYTES / MiB} MiB (default), ${ATTEMPTS} attempts each; before: 1.8 GB buffered per attempt`,
    );
    let slowest = 0;
    let refusedAll = true;
    for (const kind of ['chunked', 'declared']) {
      const client = new PlatformClient({
        baseUrl: `http://127.0.0.1:${port}/${kind}/`,
        kioskId: 'KIOSK-BENCH-0001',
      });
      const times: number[] = [];
      const sent: number[] = [];
      for (let i = 0; i < ATTEMPTS; i++) {
        const written = nextMessage<number>(child, 'written');
        const started = performance.now();
        const outcome = await client.health().then(
          () => 'accepted',
          (error: unknown) =>
            error instanceof PlatformError && error.tooLarge ? 'refused' : error,
        );
        times.push(performance.now() - started);
        if (outcome !== 'refused') {
          refusedAll = false;
          console.log(`  ${kind}: attempt ${i + 1} was not refused as tooLarge:`, outcome);
        }
        sent.push(await written);
      }
      const worst = Math.max(...times);
      slowest = Math.max(slowest, worst);
      console.log(
        `  ${kind.padEnd(8)} refused in ${Math.min(...times).toFixed(1)}-${worst.toFixed(1)} ms; the server handed over at most ${(Math.max(...sent) / MiB).toFixed(1)} MiB of ${REPLY_BYTES / MiB} MiB`,
      );
    }
    const growth = (peak - before) / MiB;
    const overLegal = (peak - legalPeak) / MiB;
    console.log(
      `  peak RSS growth: ${((legalPeak - before) / MiB).toFixed(1)} MiB for ${2 * ATTEMPTS} accepted replies at the cap; ${overLegal.toFixed(1)} MiB more for the 3 GiB ones (goal ≤ ${GOAL_OVER_LEGAL_MIB} MiB, ratio ${(overLegal / GOAL_OVER_LEGAL_MIB).toFixed(2)}) ${overLegal <= GOAL_OVER_LEGAL_MIB ? 'met' : 'MISSED'}`,
    );
    console.log(
      `  peak RSS growth over the whole run ${growth.toFixed(1)} MiB (goal ≤ ${GOAL_RSS_GROWTH_MIB} MiB, ratio ${(growth / GOAL_RSS_GROWTH_MIB).toFixed(2)}) ${growth <= GOAL_RSS_GROWTH_MIB ? 'met' : 'MISSED'}`,
    );
    console.log(
      `  slowest refusal ${slowest.toFixed(1)} ms (goal ≤ ${GOAL_REFUSAL_MS} ms, ratio ${(slowest / GOAL_REFUSAL_MS).toFixed(3)}) ${slowest <= GOAL_REFUSAL_MS ? 'met' : 'MISSED'}`,
    );
    if (
      !refusedAll ||
      growth > GOAL_RSS_GROWTH_MIB ||
      overLegal > GOAL_OVER_LEGAL_MIB ||
      slowest > GOAL_REFUSAL_MS
    )
      process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    child.disconnect();
  }
}

if (process.argv[2] === 'serve') serve();
else await main();
