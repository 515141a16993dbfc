import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK24_BIN } from '../../kiosk/cli/testing/run-kiosk24.ts';
import { commandLineOf, descendantsOf, isRunning } from '../../kiosk/core/process-tree.ts';
import { buildState, setupState } from '../../scripts/stamps.mjs';
import { BridgeClient } from '../crash/bridge-client.ts';
import { budget, waitFor, within } from '../support/time.ts';
import { requireTool } from '../support/tools.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The stop must be over this soon after the signal (the operations team's figure). */
const STOP_MS = 3000;
/** Start-up to a served attract page, generous: the goal (2 s) is the bench's business. */
const START_MS = 20_000;
/** pino's level for info; anything above is a warning or an error. */
const INFO_LEVEL = 30;
/** Simulated devices behind socat: ID card reader, receipt printer, scanner. */
const SOCAT_PAIRS = 3;

/** A start command under test, with everything it printed and the processes it ran. */
interface Started {
  child: ChildProcess;
  url: string;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let scratch: string;
let configFile: string;

beforeAll(() => {
  requireTool('socat', 'socat');
  scratch = mkdtempSync(join(tmpdir(), 'kiosk24-start-stop-'));
  configFile = join(scratch, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      host: { kind: 'browser', port: 0, openWindow: false },
      journal: { path: join(scratch, 'journal.sqlite') },
      log: { level: 'info' },
    }),
  );
  // "Once built": the stamps must be current, as after `npm run setup` and `npm run build`
  // (which `npm test` runs first). Only a developer's edited tree takes the build here.
  if (setupState().stale) run('npm', ['run', 'setup', '--silent']);
  if (buildState().stale) run('npm', ['run', 'build', '--silent']);
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
}

/** Starts `command`, waits for the browser host's address, and keeps every line it prints. */
async function start(command: string, args: string[]): Promise<Started> {
  const child = spawn(command, args, {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The log level comes from the config alone; nothing of the test runner's leaks in.
    env: { ...process.env, KIOSK24_LOG_LEVEL: undefined, KIOSK24_CONFIG: undefined },
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`it exited early:\n${lines.join('\n')}`);
      return lines.map((line) => /browser host at (http:\/\/\S+\/)/.exec(line)?.[1]).find(Boolean);
    },
    `${command} ${args.join(' ')} to print the browser host's address`,
    START_MS,
  );
  return { child, url, lines, exited };
}

/** Checks the attract page is served and its first snapshot arrives over the bridge. */
async function expectAttract(url: string): Promise<BridgeClient> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<script');
  const bridge = await BridgeClient.connect(url, budget(5000));
  const snapshot = await bridge.screen(['attract'], budget(5000));
  expect(snapshot.screen.id).toBe('attract');
  return bridge;
}

/** Takes a resident as far as the ID card reader, which then polls for a card. */
async function waitAtCardReader(bridge: BridgeClient): Promise<void> {
  bridge.press('start');
  await bridge.screen(['menu'], budget(5000));
  bridge.press('si-payment-certificate');
  await bridge.screen(['si-payment-certificate/choose-identity'], budget(5000));
  bridge.press('id-card');
  await bridge.screen(['si-payment-certificate/insert-card'], budget(5000));
}

/** The log lines of the stop that are warnings or errors, or carry a stack trace. */
function unwelcome(lines: string[]): string[] {
  return lines.filter((line) => {
    if (/\bstack\b|\n\s+at |^\s+at /.test(line)) return true;
    if (!line.startsWith('{')) return false;
    const { level } = JSON.parse(line) as { level?: number };
    return level === undefined || level > INFO_LEVEL;
  });
}

/**
 * Starts the kiosk with `command`, sends `signals` once it serves the attract screen, and checks
 * the stop: exit 0 within the budget, every process it ran gone, info-level lines only.
 */
async function startAndStop(
  command: string,
  args: string[],
  signals: NodeJS.Signals[],
  resident: (bridge: BridgeClient) => Promise<void> = (bridge) => Promise.resolve(bridge.close()),
): Promise<Started> {
  const started = await start(command, args);
  const { child, url, lines, exited } = started;
  const pid = child.pid!;
  let tree = [pid];
  try {
    await resident(await expectAttract(url));
    tree = [pid, ...descendantsOf(pid)];
    const socats = tree.filter((p) => /(^|\/)socat /.test(commandLineOf(p)));
    expect(socats, `socat processes under ${command}`).toHaveLength(SOCAT_PAIRS);
    const before = lines.length;
    const signalledAt = Date.now();
    // The signals go back to back, so a later one lands while the first stop is under way (or
    // the kernel merges them into one pending signal). Waiting to see the first one taken would
    // race the stop itself: a quick stop can be over, and Node tearing down, before a test on a
    // loaded machine sends the second. That a second signal is only noted is proven without any
    // race in kiosk/cli/stop-signals.test.ts.
    for (const signal of signals) child.kill(signal);
    const { code, signal } = await within(
      exited,
      `${command} to exit after ${signals.join(', ')}`,
      STOP_MS,
    );
    expect(Date.now() - signalledAt).toBeLessThanOrEqual(budget(STOP_MS));
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // Orphans are reaped by init a moment after the kiosk exits; a zombie counts as gone.
    await waitFor(
      () => !tree.some(isRunning),
      `every process of the kiosk (${tree.join(', ')}) to be gone`,
      1000,
    ).catch(() =>
      expect(
        tree.filter(isRunning).map((p) => `${p} ${commandLineOf(p)}`),
        'processes of the kiosk still running after its exit',
      ).toEqual([]),
    );
    const stopLines = lines.slice(before);
    expect(stopLines.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
    // Only the stop's lines: start-up may rightly warn, e.g. that it removed what a killed run
    // left behind.
    expect(unwelcome(stopLines), 'warnings, errors or stack traces while stopping').toEqual([]);
    return started;
  } finally {
    // A failed stop must not leave its processes to the next test.
    tree.filter(isRunning).forEach(killIfThere);
  }
}

/** SIGKILLs `pid` unless it has gone meanwhile. */
function killIfThere(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    // It went on its own between the check and the kill, which is what was wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

describe('stopping the kiosk', () => {
  it('ends kiosk24 start on SIGTERM with exit 0 within 3 s, leaving no process and logging only info lines', async () => {
    await startAndStop(
      process.execPath,
      [KIOSK24_BIN, 'start', '--config', configFile],
      ['SIGTERM'],
    );
  });

  it('ends kiosk24 start the same way on SIGINT (Ctrl+C)', async () => {
    await startAndStop(
      process.execPath,
      [KIOSK24_BIN, 'start', '--config', configFile],
      ['SIGINT'],
    );
  });

  it('takes a second signal during the stop as the same stop: still exit 0 and nothing left', async () => {
    await startAndStop(
      process.execPath,
      [KIOSK24_BIN, 'start', '--config', configFile],
      ['SIGTERM', 'SIGTERM'],
    );
  });

  it('ends the same way while a resident waits at the card reader with the page connected', async () => {
    await startAndStop(
      process.execPath,
      [KIOSK24_BIN, 'start', '--config', configFile],
      ['SIGTERM'],
      waitAtCardReader,
    );
  });

  it('ends npm start on SIGTERM to the npm process, with the kiosk and its socat children', async () => {
    const { lines } = await startAndStop(
      'npm',
      ['start', '--', '--config', configFile],
      ['SIGTERM'],
    );
    // The stamps were current: neither set-up nor the build ran.
    expect(lines.filter((line) => /building|set-up/.test(line))).toEqual([]);
  });

  it('ends node scripts/start.mjs on SIGINT, having skipped set-up and build', async () => {
    const { lines } = await startAndStop(
      process.execPath,
      [join(repoRoot, 'scripts', 'start.mjs'), '--config', configFile],
      ['SIGINT'],
    );
    expect(lines.filter((line) => /building|set-up/.test(line))).toEqual([]);
  });

  it('ends, at the next start, the socat processes a SIGKILLed kiosk left behind', async () => {
    const killed = await start(process.execPath, [KIOSK24_BIN, 'start', '--config', configFile]);
    const pid = killed.child.pid!;
    const socats = descendantsOf(pid).filter((p) => /(^|\/)socat /.test(commandLineOf(p)));
    expect(socats).toHaveLength(SOCAT_PAIRS);
    killed.child.kill('SIGKILL');
    await within(killed.exited, 'the SIGKILLed kiosk to exit');
    // socat runs in a process group of its own, so Ctrl+C in a terminal does not end it before
    // the kiosk closes it in order; after a SIGKILL it is still there.
    expect(socats.filter(isRunning)).toHaveLength(SOCAT_PAIRS);
    await startAndStop(
      process.execPath,
      [KIOSK24_BIN, 'start', '--config', configFile],
      ['SIGTERM'],
    );
    await waitFor(
      () => !socats.some(isRunning),
      `the killed run's socat processes (${socats.join(', ')}) to be ended by the next start`,
    ).catch(() => expect(socats.filter(isRunning)).toEqual([]));
  });
});
