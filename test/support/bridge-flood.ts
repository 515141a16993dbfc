import { Agent, request } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import {
  BRIDGE_PATH,
  BRIDGE_PROTOCOL,
  type CoreEndpoint,
  type CoreMessage,
  type KioskSnapshot,
} from '../../kiosk/contract.ts';
import { HELLO } from './bridge-client.ts';
import { waitFor } from './time.ts';

/**
 * The bridge starvation scenario from the field report, shared by the test and the bench: many
 * screens that stopped reading, one screen sending a flood of messages, and a core that answers
 * every message with a fresh snapshot for every screen (the worst case: the real core coalesces
 * too). Meanwhile a probe keeps asking the host for its page and times each answer.
 */

/** A core that publishes a new snapshot of about `textBytes` to every screen for every message. */
export function createEchoCore(textBytes: number): CoreEndpoint & { received(): number } {
  const senders = new Set<(message: CoreMessage) => void>();
  let received = 0;
  let seq = 0;
  const text = 'x'.repeat(textBytes);
  const next = (): KioskSnapshot => ({
    seq: ++seq,
    inSession: true,
    locale: 'zh-CN',
    screen: {
      id: 'flood',
      layout: 'task',
      tone: 'neutral',
      title: `snapshot ${seq}`,
      blocks: [{ kind: 'text', text }],
      actions: [],
    },
    idle: {
      warning: false,
      secondsLeft: null,
      title: '',
      message: '',
      extendLabel: '',
      endLabel: '',
    },
    locales: [],
    largeText: false,
    notices: [],
  });
  return {
    received: () => received,
    connect(send) {
      return {
        receive(message) {
          received++;
          if (message.type === 'hello') {
            senders.add(send);
            send({ type: 'snapshot', snapshot: next() });
            return;
          }
          const snapshot = next();
          for (const each of senders) each({ type: 'snapshot', snapshot });
        },
        disconnect: () => senders.delete(send),
      };
    },
  };
}

/** The shape of one flood run. */
export interface FloodPlan {
  /** The host's page URL. */
  url: string;
  /** Screens that say hello and then stop reading. */
  stalled: number;
  /** Messages the flooding screen sends in one go. */
  messages: number;
  /** True when the flood is over, e.g. every message the host will take has reached the core. */
  settled(state: { flooderClosed: boolean; sent: boolean }): boolean;
}

/** How the kiosk answered during one phase of a flood run. */
export interface PhaseFigures {
  /** The slowest answer to the probe, and how many probes were made. */
  probeMaxMs: number;
  probes: number;
  /** The kiosk thread's worst event-loop delay (10 ms resolution). */
  loopDelayMaxMs: number;
  /** How long the phase took. */
  ms: number;
}

/** What a flood run measured. */
export interface FloodFigures {
  /** Stalled screens the host took, and those it refused at the handshake. */
  accepted: number;
  refused: number;
  /** While the stalled screens connected (a burst of handshakes, most refused over the cap). */
  connecting: PhaseFigures;
  /** While the messages arrived, with the stalled screens connected and not reading. */
  flooding: PhaseFigures;
  /** The process's resident memory at the end, and its growth over the run. */
  rssMiB: number;
  rssGrowthMiB: number;
}

/** One kept-alive connection for the probe, as a browser would hold; its timings are the host's. */
const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });

/** Times one GET of the page. */
function probe(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: probeAgent }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    });
    req.on('error', reject);
    req.end();
  });
}

type WorkerReport =
  | { type: 'failed'; reason: string }
  | { type: 'connected'; accepted: number }
  | { type: 'sent' }
  | { type: 'flooder-closed' };

/**
 * Runs the flood against a host started in this thread and returns its figures. The attackers
 * run in a worker thread, so what is measured here is the kiosk's own event loop: a probe that
 * fetches the page over and over, and the loop's delay histogram.
 */
export async function runFlood(plan: FloodPlan): Promise<FloodFigures> {
  // The first request loads the static-file code; that is start-up, not the flood.
  await probe(plan.url);
  const rssBefore = process.memoryUsage().rss;
  const phase = new PhaseMeter(plan.url);
  const worker = new Worker(new URL('./bridge-flood-worker.mjs', import.meta.url), {
    workerData: {
      target: plan.url.replace(/^http/, 'ws').replace(/\/$/, BRIDGE_PATH),
      origin: plan.url.slice(0, -1),
      protocol: BRIDGE_PROTOCOL,
      hello: HELLO,
      stalled: plan.stalled,
      messages: plan.messages,
    },
  });
  const state = { flooderClosed: false, sent: false, accepted: -1, failed: '' };
  worker.on('message', (report: WorkerReport) => {
    if (report.type === 'failed') state.failed = report.reason;
    if (report.type === 'connected') state.accepted = report.accepted;
    if (report.type === 'sent') state.sent = true;
    if (report.type === 'flooder-closed') state.flooderClosed = true;
  });
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  const failed = (): boolean => {
    if (state.failed !== '') throw new Error(state.failed);
    return false;
  };
  try {
    await waitFor(() => failed() || state.accepted >= 0, 'the stalled screens to connect', 60_000);
    const connecting = await phase.end();
    worker.postMessage('flood');
    await waitFor(() => failed() || plan.settled(state), 'the flood to be over', 60_000);
    const flooding = await phase.end();
    await phase.stop();
    const rss = process.memoryUsage().rss;
    return {
      accepted: state.accepted,
      refused: plan.stalled - state.accepted,
      connecting,
      flooding,
      rssMiB: rss / 2 ** 20,
      rssGrowthMiB: (rss - rssBefore) / 2 ** 20,
    };
  } finally {
    await phase.stop();
    // Ending the thread closes every socket it opened.
    await worker.terminate();
    await exited;
  }
}

/** Probes the page back to back and watches the event loop, phase by phase. */
class PhaseMeter {
  private readonly histogram = monitorEventLoopDelay({ resolution: 10 });
  private probing = true;
  private probeMaxMs = 0;
  private probes = 0;
  private started = performance.now();
  private failure: Error | undefined;
  private readonly loop: Promise<void>;

  constructor(url: string) {
    this.histogram.enable();
    this.loop = (async () => {
      while (this.probing) {
        try {
          // Awaited first: reading the maximum before the await would restore a reset one.
          const ms = await probe(url);
          this.probeMaxMs = Math.max(this.probeMaxMs, ms);
          this.probes++;
        } catch (error) {
          // A probe that gets no answer is the finding; end() reports it.
          this.failure = error instanceof Error ? error : new Error(String(error));
          return;
        }
      }
    })();
  }

  /** Ends a phase after a few more probes (the host may still be sending what it queued). */
  async end(): Promise<PhaseFigures> {
    const ms = performance.now() - this.started;
    const after = this.probes + 5;
    await waitFor(() => {
      if (this.failure) throw new Error(`the page did not answer: ${this.failure.message}`);
      return this.probes >= after;
    }, 'five probes of the page after a phase');
    const figures = {
      probeMaxMs: this.probeMaxMs,
      probes: this.probes,
      loopDelayMaxMs: this.histogram.max / 1e6,
      ms,
    };
    this.histogram.reset();
    this.probeMaxMs = 0;
    this.probes = 0;
    this.started = performance.now();
    return figures;
  }

  stop(): Promise<void> {
    this.probing = false;
    this.histogram.disable();
    return this.loop;
  }
}
