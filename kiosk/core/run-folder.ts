import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { socatsLinkingIn } from './process-tree.ts';

/**
 * The folder where one kiosk process keeps what must not outlive it: the simulated A4 printer's
 * PDFs (they carry the resident's name), the socat pty links of simulated devices. Each process
 * owns `kiosk24-run-<pid>-<random>`; at start-up, before anything else runs, the folders of processes
 * that are gone (a kill -9, a power cut) are removed, so nothing a killed run wrote stays on disk.
 */

/** The name every run folder starts with, followed by the owning process id and a dash. */
export const RUN_FOLDER_PREFIX = 'kiosk24-run-';

/** Run folders this process holds now: a second kiosk in one process (tests) keeps the first's. */
const heldHere = new Set<string>();

/** A claimed run folder. */
export interface RunFolder {
  dir: string;
  /** Run folders of dead processes that were removed at the claim. */
  removed: string[];
  /** Removes the folder at a clean stop. */
  release(): void;
}

/** True while a process with that id exists (signal 0 checks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user, so it is not ours to clean after.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the run folders of dead processes under `base` and claims this process's own. A folder
 * named after a live process is left alone: another kiosk (or a test) is using it.
 */
export function claimRunFolder(base: string = tmpdir(), log?: Logger): RunFolder {
  const removed: string[] = [];
  for (const name of readdirSync(base)) {
    if (!name.startsWith(RUN_FOLDER_PREFIX)) continue;
    const pid = Number(name.slice(RUN_FOLDER_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const dir = join(base, name);
    if (pid === process.pid ? heldHere.has(dir) : alive(pid)) continue;
    // A killed run's socat processes outlive it (they run in a group of their own); they go
    // with its folder.
    for (const socat of socatsLinkingIn(dir)) endProcess(socat);
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  if (removed.length > 0)
    log?.warn({ removed: removed.length }, 'removed what a stopped kiosk run left behind');
  const dir = join(base, `${RUN_FOLDER_PREFIX}${process.pid}-${randomUUID().slice(0, 8)}`);
  mkdirSync(dir, { mode: 0o700 });
  heldHere.add(dir);
  return {
    dir,
    removed,
    release: () => {
      heldHere.delete(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Ends a process left behind by a dead run; one that has already gone is what was wanted. */
function endProcess(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
