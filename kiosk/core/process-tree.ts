import { readdirSync, readFileSync } from 'node:fs';

/**
 * The processes a kiosk started (socat for simulated devices, the kiosk window, Electron), found
 * through /proc. Used to make sure none of them outlives the kiosk when a stop runs over its
 * budget, and by the tests that check a stop leaves nothing behind. Without /proc (not Linux)
 * the list is empty: the kiosk's targets are Linux terminals.
 */

/** The parent process id of `pid` as /proc says; undefined when it is gone or unreadable. */
export function parentOf(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    // Gone between the listing and the read, or not ours to see: not a child either way.
    return undefined;
  }
  // "pid (command) state ppid …": the command may hold spaces and parentheses, so the fields
  // are counted from the last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** Every process id /proc lists now; empty without /proc. */
function allPids(): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    // No /proc: there is nothing to walk, and the caller's list stays empty.
    return [];
  }
  return names.filter((name) => /^\d+$/.test(name)).map(Number);
}

/** The processes below `root` (children, their children, …), nearest first. */
export function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const ppid = parentOf(pid);
    if (ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const found: number[] = [];
  const queue = [root];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      if (found.includes(child)) continue;
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** True while a process with that id exists and has not been reaped (a zombie counts as gone). */
export function isRunning(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    // No such entry: the process has gone.
    return false;
  }
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/** The command line of `pid` with its arguments space-separated; empty when it has gone. */
export function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    // Gone between the listing and the read: it has no command line to match.
    return '';
  }
}

/**
 * The socat processes linking ptys inside `folder`: those a killed kiosk run left behind. socat
 * runs in a process group of its own (see drivers/transports/pty-pair.ts), so a kill of the
 * kiosk's group does not reach it, and the next start ends it instead.
 */
export function socatsLinkingIn(folder: string): number[] {
  return allPids().filter((pid) => {
    const command = commandLineOf(pid);
    return /(^|\/)socat /.test(command) && command.includes(`link=${folder}/`);
  });
}
