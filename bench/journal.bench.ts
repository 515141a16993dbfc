/**
 * Journal write cost: the latency of one transaction step (p50/p99) with synchronous=FULL, which
 * the kiosk uses so a committed row survives a power cut, beside NORMAL, as a ratio in one run;
 * and outbox throughput (enqueue + markSent per submission) with FULL.
 * Goals: a step is written before the kiosk acts, so its p99 must stay well under a frame a
 * resident would notice (50 ms); the outbox must keep far ahead of a kiosk's few submissions a
 * minute (goal 100/s). The journal is written under the OS temp folder; run where that is the
 * kiosk's real disk (not tmpfs), or set KIOSK24_BENCH_DIR. Run: npx tsx bench/journal.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../kiosk/core/log.ts';
import { Journal } from '../kiosk/core/journal/journal.ts';

const STEPS = 2000;
const SUBMISSIONS = 1000;
const STEP_P99_GOAL_MS = 50;
const OUTBOX_GOAL_PER_S = 100;
const clock = { now: () => Date.now() };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function withJournal<T>(synchronous: 'FULL' | 'NORMAL', run: (journal: Journal) => T): T {
  const dir = mkdtempSync(
    join(process.env.KIOSK24_BENCH_DIR ?? tmpdir(), 'kiosk24-journal-bench-'),
  );
  const journal = Journal.open(join(dir, 'journal.sqlite'), {
    clock,
    log: silentLogger,
    synchronous,
  });
  try {
    return run(journal);
  } finally {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function stepLatency(synchronous: 'FULL' | 'NORMAL'): { p50: number; p99: number } {
  return withJournal(synchronous, (journal) => {
    for (let i = 0; i < 50; i++) journal.step('warm-up', 'rating', { score: 3 });
    const times: number[] = [];
    for (let i = 0; i < STEPS; i++) {
      const start = performance.now();
      journal.step(`s-${i >> 4}`, 'platform.asked', { operation: 'si.certificate.query' });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99) };
  });
}

function outboxThroughput(synchronous: 'FULL' | 'NORMAL'): number {
  return withJournal(synchronous, (journal) => {
    const start = performance.now();
    for (let i = 0; i < SUBMISSIONS; i++) {
      const entry = journal.enqueue(
        'rating',
        { flowId: 'si-certificate', score: 5, at: i },
        { step: { sessionRef: `s-${i}`, kind: 'rating', detail: { score: 5 } } },
      );
      journal.markSent(entry.id);
    }
    return SUBMISSIONS / ((performance.now() - start) / 1000);
  });
}

const full = stepLatency('FULL');
const normal = stepLatency('NORMAL');
const outboxFull = outboxThroughput('FULL');
const outboxNormal = outboxThroughput('NORMAL');

const ms = (value: number): string => `${value.toFixed(3)} ms`;
const rows = [
  ['measure', 'synchronous=FULL', 'synchronous=NORMAL', 'FULL / NORMAL', 'goal (FULL)'],
  ['step write p50', ms(full.p50), ms(normal.p50), `${(full.p50 / normal.p50).toFixed(1)}x`, ''],
  [
    'step write p99',
    ms(full.p99),
    ms(normal.p99),
    `${(full.p99 / normal.p99).toFixed(1)}x`,
    `< ${STEP_P99_GOAL_MS} ms ${full.p99 < STEP_P99_GOAL_MS ? 'met' : 'MISSED'}`,
  ],
  [
    'outbox enqueue+sent',
    `${outboxFull.toFixed(0)} /s`,
    `${outboxNormal.toFixed(0)} /s`,
    `${(outboxFull / outboxNormal).toFixed(2)}x`,
    `>= ${OUTBOX_GOAL_PER_S} /s ${outboxFull >= OUTBOX_GOAL_PER_S ? 'met' : 'MISSED'}`,
  ],
];
console.log(
  `journal: ${STEPS} steps, ${SUBMISSIONS} submissions (each with its step), WAL, one writer`,
);
for (const row of rows)
  console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(22) : cell.padStart(21))).join(''));
