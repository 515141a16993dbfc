import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type {
  CoreEndpoint,
  CoreMessage,
  KioskSnapshot,
  RendererMessage,
} from '../../kiosk/contract.ts';
import { budget } from './time.ts';
import { requireTool } from './tools.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Starts the system Chromium headless for a test. Never downloads a browser. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireTool('chromium', 'chromium'),
    // Playwright's own default, stretched: Chromium starts slowly on a loaded machine.
    timeout: budget(30_000),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** One axe-core finding, cut down to what a failing assertion should print. */
export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  targets: string[];
}

/** Runs axe-core inside the page (injected from the npm package) and returns its violations. */
export async function checkAccessibility(page: Page): Promise<AxeViolation[]> {
  const axe = createRequire(import.meta.url)('axe-core') as { source: string };
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const runner = (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe;
    const results = await runner.run();
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}

/** The axe-core findings a kiosk screen must not have: those of serious or critical impact. */
export async function graveViolations(page: Page): Promise<AxeViolation[]> {
  return (await checkAccessibility(page)).filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

interface AxeResults {
  violations: {
    id: string;
    impact?: AxeViolation['impact'];
    help: string;
    nodes: { target: string[] }[];
  }[];
}

/** Saves a full-page screenshot as test-output/screens/NAME.png and returns the path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = join(repoRoot, 'test-output', 'screens');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}

/** Builds the renderer with Vite into `outDir`; throws with Vite's output if the build fails. */
export function buildRenderer(outDir: string): void {
  const vite = join(repoRoot, 'node_modules', '.bin', 'vite');
  const result = spawnSync(
    vite,
    ['build', '--config', 'kiosk/renderer/vite.config.ts', '--outDir', outDir, '--emptyOutDir'],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`vite build of the renderer failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/** A stand-in core that shows scripted snapshots and records what renderers send. */
export interface ScriptedCore extends CoreEndpoint {
  /** Every message received, in order, from every connection. */
  readonly received: RendererMessage[];
  /** How many renderers are connected now. */
  connections(): number;
  /** Sends a snapshot (with the next seq unless one is given) to every renderer, and keeps it for new ones. */
  show(snapshot: Omit<KioskSnapshot, 'seq'> & { seq?: number }): KioskSnapshot;
  /** Sends a raw core message to every renderer. */
  broadcast(message: CoreMessage): void;
  /**
   * Resolves with the first message at index `since` or later that matches, or rejects after
   * `timeoutMs` (an idle-desktop figure, stretched by the time scale). Take `since` from
   * `received.length` before the click that should cause it.
   */
  waitFor(
    match: (message: RendererMessage) => boolean,
    since?: number,
    timeoutMs?: number,
  ): Promise<RendererMessage>;
}

/** Makes a {@link ScriptedCore}; a new renderer gets the latest snapshot once it says hello. */
export function createScriptedCore(): ScriptedCore {
  const received: RendererMessage[] = [];
  const senders = new Set<(message: CoreMessage) => void>();
  const waiters = new Set<() => void>();
  let latest: KioskSnapshot | null = null;
  let seq = 0;

  const core: ScriptedCore = {
    received,
    connections: () => senders.size,
    connect(send) {
      senders.add(send);
      return {
        receive(message) {
          received.push(message);
          if (message.type === 'hello' && latest !== null)
            send({ type: 'snapshot', snapshot: latest });
          for (const wake of [...waiters]) wake();
        },
        disconnect: () => senders.delete(send),
      };
    },
    show(snapshot) {
      seq = snapshot.seq ?? seq + 1;
      const full: KioskSnapshot = { ...snapshot, seq };
      latest = full;
      core.broadcast({ type: 'snapshot', snapshot: full });
      return full;
    },
    broadcast(message) {
      for (const send of senders) send(message);
    },
    waitFor(match, since = 0, timeoutMs = 10_000) {
      const limit = budget(timeoutMs);
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = received.slice(since).find(match);
          if (found === undefined) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(
            new Error(
              `no matching renderer message within ${limit} ms; got ${JSON.stringify(received)}`,
            ),
          );
        }, limit);
        waiters.add(wake);
        check();
      });
    },
  };
  return core;
}
