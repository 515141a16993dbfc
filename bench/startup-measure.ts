// Times one start of the kiosk from the command a person or a supervisor types to the attract
// screen, phase by phase, then its stop. Used by startup.bench.ts.
import { spawn } from 'node:child_process';
import { BridgeClient } from '../test/crash/bridge-client.ts';

/** How long one start may take before the bench gives up on it (a hung start is a finding). */
const START_LIMIT_MS = 60_000;
/** How long one stop may take before the bench gives up on it. */
const STOP_LIMIT_MS = 10_000;

/** Milliseconds from the command's spawn to each point of one start, and the stop. */
export interface StartTimes {
  /** The first log line: the process is up and its code is loaded. */
  firstLog: number;
  /** "kiosk core started": journal, devices with socat and simulators, flows. */
  coreStarted: number;
  /** The browser host printed its address. */
  serving: number;
  /** GET of the attract page answered. */
  pageServed: number;
  /** The first snapshot, showing the attract screen, came over the bridge. */
  attract: number;
  /** From SIGTERM to the process's exit. */
  stop: number;
  /** The exit code after SIGTERM (0 is a clean stop). */
  stopCode: number | null;
}

/** Starts `command args` in `cwd`, waits for the attract screen over the bridge, and stops it. */
export async function timeStart(command: string, args: string[], cwd: string): Promise<StartTimes> {
  const spawnedAt = Date.now();
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let firstLog: number | undefined;
  let coreStarted: number | undefined;
  let printed = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${command} did not serve within ${START_LIMIT_MS} ms: ${printed}`)),
      START_LIMIT_MS,
    );
    let pending = '';
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        printed += `${line}\n`;
        // pino stamps each line with the wall clock when it was made, not when it was read.
        const logged = line.startsWith('{')
          ? (JSON.parse(line) as { time?: number; msg?: string })
          : undefined;
        if (logged?.time !== undefined) {
          firstLog ??= logged.time - spawnedAt;
          if (logged.msg === 'kiosk core started') coreStarted = logged.time - spawnedAt;
        }
        const address = /browser host at (http:\/\/\S+\/)/.exec(line)?.[1];
        if (address) {
          clearTimeout(timer);
          resolve(address);
        }
      }
    });
    void exited.then((code) =>
      reject(new Error(`${command} exited with ${code} before it served: ${printed}`)),
    );
  });
  const serving = Date.now() - spawnedAt;
  const page = await fetch(url);
  await page.text();
  const pageServed = Date.now() - spawnedAt;
  const bridge = await BridgeClient.connect(url);
  await bridge.screen(['attract']);
  const attract = Date.now() - spawnedAt;
  bridge.close();

  const stoppedAt = Date.now();
  child.kill('SIGTERM');
  const stopCode = await Promise.race([
    exited,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${command} did not stop within ${STOP_LIMIT_MS} ms`)),
        STOP_LIMIT_MS,
      ).unref(),
    ),
  ]);
  return {
    firstLog: firstLog ?? NaN,
    coreStarted: coreStarted ?? NaN,
    serving,
    pageServed,
    attract,
    stop: Date.now() - stoppedAt,
    stopCode,
  };
}

/** The median of each field over several starts. */
export function medianTimes(runs: StartTimes[]): StartTimes {
  const median = (pick: (t: StartTimes) => number): number => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? NaN;
  };
  return {
    firstLog: median((t) => t.firstLog),
    coreStarted: median((t) => t.coreStarted),
    serving: median((t) => t.serving),
    pageServed: median((t) => t.pageServed),
    attract: median((t) => t.attract),
    stop: median((t) => t.stop),
    stopCode: runs.every((t) => t.stopCode === 0)
      ? 0
      : (runs.find((t) => t.stopCode !== 0)?.stopCode ?? null),
  };
}
