/**
 * Outbox drain rate against the embedded sandbox platform: ratings journaled while the
 * platform was away, then sent with their idempotency keys once it is back, one at a time in
 * order, as the kiosk does after an outage. Goal: a day's backlog of a busy kiosk (about 500
 * ratings) drains within a minute, so ≥ 10 per second. Also checks that every rating arrived
 * exactly once. Run: npx tsx bench/outbox.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Journal } from '../kiosk/core/journal/journal.ts';
import { OutboxSender } from '../kiosk/core/journal/outbox-sender.ts';
import { platformSend } from '../kiosk/core/journal/submissions.ts';
import { silentLogger } from '../kiosk/core/log.ts';
import { PlatformClient } from '../kiosk/core/platform/client.ts';
import { startSandboxPlatform } from '../kiosk/core/platform/sandbox/index.ts';
import { systemClock } from '../kiosk/core/session/idle.ts';

const BACKLOG = 500;
const GOAL_PER_S = 10;
const SERVICE = 'si-payment-certificate';

const dir = mkdtempSync(join(tmpdir(), 'kiosk24-outbox-bench-'));
const sandbox = await startSandboxPlatform({ services: [{ id: SERVICE, name: '社保证明' }] });
const journal = Journal.open(join(dir, 'journal.sqlite'), {
  clock: systemClock,
  log: silentLogger,
});
try {
  for (let i = 0; i < BACKLOG; i++) {
    const sessionRef = crypto.randomUUID();
    journal.enqueue(
      'rating',
      { flowId: SERVICE, sessionRef, score: 1 + (i % 5), at: 0 },
      { step: { sessionRef, kind: 'rating', detail: { score: 1 + (i % 5) } } },
    );
  }
  const platform = new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'KIOSK-BENCH-0001' });
  const sender = new OutboxSender(journal, {
    send: platformSend(platform),
    clock: systemClock,
    log: silentLogger,
  });
  const started = performance.now();
  sender.start();
  await sender.idle();
  const seconds = (performance.now() - started) / 1000;
  await sender.stop();
  const counts = journal.outboxCounts();
  const { ratings: stored } = (await (
    await fetch(`${sandbox.baseUrl}/sandbox/ratings`)
  ).json()) as {
    ratings: { idempotencyKey: string | null }[];
  };
  const keys = new Set(stored.map((r) => r.idempotencyKey));
  const rate = counts.sent / seconds;
  console.log(`outbox drain: ${counts.sent} of ${BACKLOG} ratings sent in ${seconds.toFixed(2)} s`);
  console.log(
    `  ${rate.toFixed(0)} per s (goal ≥ ${GOAL_PER_S}/s, ratio ${(rate / GOAL_PER_S).toFixed(1)}) ${rate >= GOAL_PER_S ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  the platform stored ${stored.length}, ${keys.size} distinct keys (exactly once: ${stored.length === BACKLOG && keys.size === BACKLOG ? 'yes' : 'NO'})`,
  );
} finally {
  journal.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
