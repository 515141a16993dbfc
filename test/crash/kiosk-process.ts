import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_BUNDLE } from '../../scripts/node-bundles.mjs';
import { budget, within } from '../support/time.ts';

/**
 * The kiosk as a child process for the crash suite: the compiled `kiosk24 start`, in a process
 * group of its own so one SIGKILL reaches it and whatever shares its group, with its temp folder
 * pointed into the test's folder so every run folder it leaves behind is where the test can see
 * it. Its socat children run in groups of their own (so Ctrl+C cannot kill them before the kiosk
 * closes them in order); a killed run leaves them behind, and the next start ends them when it
 * removes the dead run's folder, as on a terminal after a power cut.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where one crash test keeps the kiosk's files. */
export interface CrashPaths {
  /** The test's own folder; everything the kiosk writes lands under it. */
  root: string;
  config: string;
  journal: string;
  /** The kiosk's TMPDIR: its run folders (PDFs, pty links) appear here. */
  tmp: string;
}

/** Writes the kiosk's config for a remote platform at `platformUrl`; returns the paths. */
export function writeCrashConfig(root: string, platformUrl: string): CrashPaths {
  const paths: CrashPaths = {
    root,
    config: join(root, 'kiosk.json'),
    journal: join(root, 'journal', 'journal.sqlite'),
    tmp: join(root, 'tmp'),
  };
  mkdirSync(paths.tmp, { recursive: true });
  const config = {
    host: { kind: 'browser', port: 0, openWindow: false },
    // Every answer of the sandbox (in the test process, on the same CPU) must come within this.
    platform: { mode: 'remote', baseUrl: platformUrl, timeoutMs: budget(2000) },
    journal: { path: paths.journal },
    // No outputDir: the simulated A4 printer writes into the run folder, which a killed run
    // leaves behind and the next start must remove.
    devices: { documentPrinter: { mode: 'simulated' }, idCard: { pollIntervalMs: 100 } },
    flows: { directories: [join(repoRoot, 'flows')] },
    session: { idleTimeoutSeconds: 60, idleWarningSeconds: 10 },
    log: { level: 'info' },
  };
  writeFileSync(paths.config, JSON.stringify(config, null, 2));
  return paths;
}

/** One running (or dead) kiosk process. */
export interface KioskProcess {
  readonly pid: number;
  /** Resolves with the browser host URL once the kiosk prints it; rejects if it exits first. */
  readonly ready: Promise<string>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  /** Every line the kiosk wrote to stdout and stderr, for the privacy check of its log. */
  readonly lines: string[];
  /** SIGKILL to the whole process group; resolves when the kiosk process is gone. */
  kill(): Promise<void>;
  /**
   * SIGTERM (clean stop); resolves with the exit code (or signal), or rejects after `timeoutMs`
   * (an idle-desktop figure, stretched by the time scale).
   */
  stop(timeoutMs?: number): Promise<number | NodeJS.Signals | null>;
}

/** Spawns `kiosk24 start --config <paths.config>` detached, in its own process group. */
export function spawnKiosk(paths: CrashPaths): KioskProcess {
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI_BUNDLE, 'start', '--config', paths.config],
    {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TMPDIR: paths.tmp },
    },
  );
  if (child.pid === undefined) throw new Error('the kiosk process could not be spawned');
  const pid = child.pid;
  const lines: string[] = [];
  let exitCode: number | NodeJS.Signals | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal;
      resolve();
    }),
  );
  const ready = new Promise<string>((resolve, reject) => {
    let partial = '';
    const take = (chunk: Buffer): void => {
      partial += chunk.toString('utf8');
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        const match = /browser host at (http:\/\/\S+)/.exec(line);
        if (match?.[1]) resolve(match[1]);
      }
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    void exited.then(() =>
      reject(new Error(`the kiosk (pid ${pid}) exited with ${exitCode} before it served`)),
    );
  });
  ready.catch(() => undefined);
  return {
    pid,
    ready,
    exited,
    lines,
    kill: async () => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
      await exited;
    },
    stop: async (timeoutMs = 20_000) => {
      process.kill(pid, 'SIGTERM');
      await within(exited, `the kiosk (pid ${pid}) to stop after SIGTERM`, timeoutMs);
      return exitCode;
    },
  };
}
