// The flow runtime, in one process: complete resident journeys per second through the session
// owner (the real session runtime on devices and a platform that answer at once, a simulated
// clock), memory growth over 10,000 journeys, and the in-process `flow check` time of the
// largest built-in flow, each printed beside its goal. Run: npx tsx bench/runner.bench.ts (it
// re-runs itself under `node --expose-gc --import tsx` when gc is not exposed, so the memory
// figures are taken after a full GC).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SimulatedClock } from 'xstate';
import { CONTRACT_VERSION } from '../kiosk/contract.ts';
import type { ActionView, KioskSnapshot, RendererMessage, ScreenView } from '../kiosk/contract.ts';
import { createSessionRuntime } from '../kiosk/core/capabilities/runtime.ts';
import { checkFlowPackage, loadFlowPackage } from '../kiosk/core/runner/load-package.ts';
import { SessionOwner } from '../kiosk/core/session/owner.ts';
import { fakeCapabilityPorts } from '../kiosk/core/session/testing/guard-harness.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc && process.env.KIOSK24_BENCH_GC_CHILD === undefined) {
  const args = ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)];
  const env = { ...process.env, KIOSK24_BENCH_GC_CHILD: '1' };
  process.exit(spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env }).status ?? 1);
}

const SERVICE = 'si-payment-certificate';
/** Journeys to warm up, to time, and to run for the memory figure; `flow check` runs. */
const [WARM_UP, TIMED, SOAK, CHECK_RUNS] = [200, 2_000, 10_000, 20] as const;
const GOALS = { journeysPerSecond: 200, rssGrowthPct: 5, checkMs: 1000 };

/** xstate's simulated clock (never advanced, so no timer fires), counting the live timers. */
class CountingClock extends SimulatedClock {
  readonly live = new Set<number>();
  override setTimeout(fn: (...args: unknown[]) => void, ms: number): number {
    const id = super.setTimeout(fn, ms);
    this.live.add(id);
    return id;
  }
  override clearTimeout(id: number): void {
    this.live.delete(id);
    super.clearTimeout(id);
  }
}

/** One journey, as the screen to wait for and the action a resident presses on it. */
const JOURNEY: readonly { screen: string; event: string; data?: object }[] = [
  { screen: 'attract', event: 'session.start' },
  { screen: 'menu', event: 'service.chosen', data: { serviceId: SERVICE } },
  { screen: `${SERVICE}/choose-identity`, event: 'identity.card' },
  { screen: `${SERVICE}/preview`, event: 'print' },
  { screen: `${SERVICE}/take-document`, event: 'next' },
  { screen: 'rating', event: 'rating.chosen', data: { score: 5 } },
  { screen: 'thanks', event: 'next' },
];

/** The action the screen offers for `event` (with `data`, when given), as a renderer finds it. */
function offered(screen: ScreenView, event: string, data: object = {}): ActionView | undefined {
  const all = [...screen.actions];
  for (const block of screen.blocks) {
    if (block.kind === 'choices') all.push(...block.choices);
    if (block.kind === 'rating') all.push(...block.options);
  }
  const fits = (a: ActionView): boolean =>
    Object.entries(data).every(([k, v]) => a.data?.[k] === v) && !a.disabled;
  return all.find((a) => a.event === event && fits(a));
}

/**
 * A renderer that walks journeys by reacting to snapshots: it presses the next step's action
 * as soon as its screen shows (on the next turn of the event loop, never a sleep) and ends a journey when the kiosk
 * is back on the attract screen with the session wiped.
 */
class JourneyRenderer {
  private step = 0;
  private last: KioskSnapshot | undefined;
  private done: (() => void) | undefined;
  private failed: ((error: Error) => void) | undefined;
  private readonly send: (m: RendererMessage) => void;
  /** Actions pressed so far, for the stall watchdog. */
  presses = 0;

  constructor(owner: SessionOwner) {
    const link = owner.connect((m) => {
      if (m.type === 'refused') throw new Error(`renderer refused: ${m.reason}`);
      this.onSnapshot(m.snapshot);
    });
    this.send = (m) => link.receive(m);
    this.send({ type: 'hello', contractVersion: CONTRACT_VERSION });
  }

  /** Runs one journey from the attract screen back to it. */
  journey(): Promise<void> {
    this.step = 0;
    const finished = new Promise<void>((resolve, reject) => {
      this.done = resolve;
      this.failed = reject;
    });
    if (this.last) this.onSnapshot(this.last);
    return finished;
  }

  /** Fails the running journey, naming the screen it stuck on. */
  fail(why: string): void {
    this.failed?.(new Error(`${why} on screen ${this.last?.screen.id ?? '(none)'}`));
  }

  private onSnapshot(snapshot: KioskSnapshot): void {
    this.last = snapshot;
    if (!this.done) return;
    if (this.step === JOURNEY.length) {
      if (snapshot.screen.id === 'attract' && !snapshot.inSession) {
        const done = this.done;
        this.done = undefined;
        done();
      }
      return;
    }
    const next = JOURNEY[this.step]!;
    if (snapshot.screen.id !== next.screen) return;
    const action = offered(snapshot.screen, next.event, next.data);
    if (!action) throw new Error(`${next.screen} offers no ${next.event}`);
    this.step++;
    // A touch reaches the core as a task of its own (IPC or a WebSocket frame), never inside
    // the owner's publish. Chaining presses as microtasks instead would keep the whole run one
    // job, and V8 keeps every WeakRef target alive until the job ends (AbortSignal.any keeps
    // WeakRefs), which looks like a leak of every session that is not one.
    setImmediate(() => {
      this.presses++;
      this.send({ type: 'action', event: action.event, data: action.data ?? {} });
    });
  }
}

/**
 * Runs `count` journeys and returns their wall and CPU time (ms); fails, naming the screen it
 * stuck on, when a journey stops making progress.
 */
async function runJourneys(renderer: JourneyRenderer, count: number) {
  let seen = renderer.presses;
  const watchdog = setInterval(() => {
    if (renderer.presses === seen) renderer.fail('no progress for 2 s');
    seen = renderer.presses;
  }, 2_000);
  const [started, cpu] = [performance.now(), process.cpuUsage()];
  try {
    for (let i = 0; i < count; i++) await renderer.journey();
  } finally {
    clearInterval(watchdog);
  }
  const { user, system } = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (user + system) / 1000 };
}

const memory = (): NodeJS.MemoryUsage => (gc?.(), gc?.(), process.memoryUsage());
const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;

/** One figure beside its goal; `ratio` is measured ÷ goal, `higherIsBetter` picks the ok side. */
function line(name: string, value: string, goal: string, ratio: number, higherIsBetter = false) {
  const ok = higherIsBetter ? ratio >= 1 : ratio <= 1;
  console.log(
    `${name.padEnd(44)} ${value.padStart(14)}   goal ${goal.padEnd(14)} ratio to goal ${ratio.toFixed(2)} ${ok ? 'ok' : 'MISSED'}`,
  );
}

/** Total bytes of the files under `dir`. */
const bytesUnder = (dir: string): number =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => statSync(join(dir, f)))
    .reduce((sum, stat) => sum + (stat.isFile() ? stat.size : 0), 0);

// 1. Throughput.
const flowsDir = join(root, 'flows');
const clock = new CountingClock();
// The owner tests' fake devices and platform, answering at once; no card is kept for a WeakRef.
const ports = fakeCapabilityPorts({});
const owner = new SessionOwner({
  flows: [loadFlowPackage(join(flowsDir, SERVICE))],
  createRuntime: (ref, sessionClock) => createSessionRuntime(ports, ref, sessionClock),
  outOfService: () => [],
  submitRating: () => Promise.resolve('sent' as const),
  idleTimeoutSeconds: 60,
  idleWarningSeconds: 10,
  maxSessionMinutes: 5,
  locale: 'zh-CN',
  largeText: false,
  site: '示例街道便民服务中心',
  clock,
});
const renderer = new JourneyRenderer(owner);

console.log(`kiosk24 flow runtime: session owner + real session runtime, instant fake devices and
platform, simulated clock; one core (single-threaded process), ${JOURNEY.length} presses per journey`);
await runJourneys(renderer, WARM_UP);
const timed = await runJourneys(renderer, TIMED);
const perSecond = TIMED / (timed.wallMs / 1000);
line(
  `journeys per second (${TIMED}, after ${WARM_UP} warm-up)`,
  `${perSecond.toFixed(0)} /s`,
  `≥ ${GOALS.journeysPerSecond} /s`,
  perSecond / GOALS.journeysPerSecond,
  true,
);
console.log(`  ${((timed.wallMs / TIMED) * 1000).toFixed(0)} µs per journey; \
${(TIMED / (timed.cpuMs / 1000)).toFixed(0)} journeys per process CPU-second (GC threads included)`);

// 2. Memory over a long run, sampled after a full GC every SOAK / 20 journeys. RSS swings by
// tens of MB as V8's background threads take and give back malloc arenas, while a leak lifts
// its floor: the goal is checked on the lowest RSS of the first 5 samples and of the last 5.
if (!gc) console.log('  (gc not exposed: memory figures are without a forced GC)');
const samples = [memory()];
let soakMs = 0;
for (let block = 0; block < 20; block++) {
  soakMs += (await runJourneys(renderer, SOAK / 20)).wallMs;
  samples.push(memory());
}
const floor = (some: NodeJS.MemoryUsage[]): number => Math.min(...some.map((m) => m.rss));
const [low, high] = [floor(samples.slice(0, 5)), floor(samples.slice(-5))];
const pct = (from: number, to: number): string =>
  `${to >= from ? '+' : ''}${((to / from - 1) * 100).toFixed(1)} %`;
const [before, after] = [samples[0]!, samples[samples.length - 1]!];
line(
  `RSS growth over ${SOAK} journeys (floor)`,
  pct(low, high),
  `≤ ${GOALS.rssGrowthPct} %`,
  Math.max(0, (high / low - 1) * 100) / GOALS.rssGrowthPct,
);
console.log(`  RSS floor ${mb(low)} → ${mb(high)}; after warm-up ${mb(before.rss)} → after ${SOAK} \
${mb(after.rss)} (${pct(before.rss, after.rss)})
  heapUsed ${mb(before.heapUsed)} → ${mb(after.heapUsed)} (${pct(before.heapUsed, after.heapUsed)})
  ${(SOAK / (soakMs / 1000)).toFixed(0)} journeys/s over the long run; live timers at the end: ${clock.live.size}`);

// 3. flow check, in process, on the largest flow package (a folder with a flow.json).
const largest = readdirSync(flowsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && readdirSync(join(flowsDir, e.name)).includes('flow.json'))
  .map((e) => ({ name: e.name, bytes: bytesUnder(join(flowsDir, e.name)) }))
  .sort((a, b) => b.bytes - a.bytes)[0];
if (!largest) throw new Error('no flow package under flows/');
const times: number[] = [];
let problems = 0;
for (let i = 0; i < CHECK_RUNS; i++) {
  const started = performance.now();
  const report = checkFlowPackage(join(flowsDir, largest.name));
  times.push(performance.now() - started);
  problems = report.problems.length;
}
const firstMs = times[0]!;
times.sort((a, b) => a - b);
const checkMs = (times[CHECK_RUNS / 2 - 1]! + times[CHECK_RUNS / 2]!) / 2;
line(
  `flow check ${largest.name} (median of ${CHECK_RUNS})`,
  `${checkMs.toFixed(1)} ms`,
  `≤ ${GOALS.checkMs} ms`,
  checkMs / GOALS.checkMs,
);
console.log(
  `  ${(largest.bytes / 1024).toFixed(1)} KiB package, ${problems} problems; first call ${firstMs.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms`,
);
