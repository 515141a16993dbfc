// The bridge under the field report's attack: N screens that say hello and stop reading, then
// one screen sending 2000 messages, against a core that answers every message with a fresh
// snapshot for every screen. Prints, for each N and for the kiosk's limits and with limits
// lifted, the slowest answer to the kiosk's page, the longest event-loop stall and the memory,
// beside the 100 ms goal. The attackers run in a worker thread, so the stalls are the kiosk's
// (on a machine with another core free; a loaded machine adds its own delays).
// Run: npx tsx bench/bridge.bench.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BRIDGE_LIMITS, type BridgeLimits } from '../kiosk/browser-host/bridge-limits.ts';
import { startBrowserHost } from '../kiosk/browser-host/host.ts';
import { silentLogger } from '../kiosk/core/log.ts';
import { createEchoCore, runFlood, type PhaseFigures } from '../test/support/bridge-flood.ts';

/** The goal from the issue: the kiosk answers within 100 ms whatever the bridge's clients do. */
const GOAL_MS = 100;
const MESSAGES = 2000;
const STALLED = [20, 200, 1000] as const;
/** About a busy screen's worth of text in each snapshot. */
const SNAPSHOT_TEXT_BYTES = 8 * 1024;

const SETTINGS: { name: string; limits: Partial<BridgeLimits> }[] = [
  { name: "kiosk's limits", limits: {} },
  {
    name: 'rate limit lifted',
    limits: { messagesPerSecond: MESSAGES * 10, messageBurst: MESSAGES * 10 },
  },
  {
    name: 'rate and cap lifted',
    limits: {
      messagesPerSecond: MESSAGES * 10,
      messageBurst: MESSAGES * 10,
      maxConnections: Math.max(...STALLED) + 1,
    },
  },
];

const dir = mkdtempSync(join(tmpdir(), 'kiosk24-bench-bridge-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html>');

const rows: string[][] = [];
/** The worst answer or stall per setting, for the verdict lines. */
const worst = new Map<string, number>();
const fmt = (ms: number): string => ms.toFixed(1);
const phaseCells = (setting: string, phase: PhaseFigures): string[] => {
  worst.set(setting, Math.max(worst.get(setting) ?? 0, phase.probeMaxMs, phase.loopDelayMaxMs));
  return [fmt(phase.probeMaxMs), fmt(phase.loopDelayMaxMs)];
};

try {
  for (const setting of SETTINGS) {
    for (const stalled of STALLED) {
      const limits = { ...BRIDGE_LIMITS, ...setting.limits };
      const core = createEchoCore(SNAPSHOT_TEXT_BYTES);
      const host = await startBrowserHost({
        core,
        rendererDir: dir,
        log: silentLogger,
        secondClient: 'readOnly',
        bridgeLimits: setting.limits,
      });
      try {
        const rateLimited = limits.messagesPerSecond < MESSAGES;
        const figures = await runFlood({
          url: host.url,
          stalled,
          messages: MESSAGES,
          settled: (state) =>
            rateLimited
              ? state.flooderClosed
              : state.sent &&
                core.received() >= 1 + Math.min(stalled, limits.maxConnections - 1) + MESSAGES,
        });
        rows.push([
          setting.name,
          String(stalled),
          `${figures.accepted}/${figures.refused}`,
          ...phaseCells(setting.name, figures.connecting),
          ...phaseCells(setting.name, figures.flooding),
          fmt(figures.flooding.ms),
          fmt(figures.rssMiB),
          fmt(figures.rssGrowthMiB),
        ]);
      } finally {
        await host.close();
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const header = [
  'bridge',
  'stalled',
  'took/refused',
  'connect probe',
  'connect stall',
  'flood probe',
  'flood stall',
  'flood ms',
  'rss MiB',
  'rss +MiB',
];
console.log(
  `${MESSAGES} messages from one screen; N screens stopped reading; times in ms; goal ${GOAL_MS} ms`,
);
console.log(header.map((cell, i) => (i === 0 ? cell.padEnd(20) : cell.padStart(14))).join(''));
for (const row of rows) {
  console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(20) : cell.padStart(14))).join(''));
}
for (const [setting, ms] of worst) {
  console.log(
    `${setting}: worst answer or stall ${fmt(ms)} ms against the ${GOAL_MS} ms goal (${
      ms <= GOAL_MS ? 'met' : 'missed'
    })`,
  );
}
console.log(
  'rss is the whole process, the attacking worker thread included; the field report measured a 9600 ms freeze for 200 stalled screens before these limits',
);
