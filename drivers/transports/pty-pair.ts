import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { DeviceError } from '../device/errors.ts';
import { scaled } from '../device/time-scale.ts';

/**
 * How long socat may take to create both links: it does so in milliseconds on an idle machine.
 * A pty pair only ever carries a simulator, which starts beside tests or a simulated kiosk on
 * the same CPU, so the figure is stretched by the time scale.
 */
const SOCAT_START_MS = 5000;

/** How often to look for the links; socat has no other way to say it is ready. */
const LINK_POLL_MS = 20;

/** Two linked pseudo-terminals made by socat: bytes written to one path arrive at the other. */
export interface PtyPair {
  /** The path a driver opens (the "host" side). */
  hostPath: string;
  /** The path a simulator opens (the "device" side). */
  devicePath: string;
  /** Stops socat and removes the links. */
  close(): Promise<void>;
}

/**
 * Finds socat on PATH; undefined when it is not installed. Looked up in the folders directly
 * rather than through a shell: the kiosk asks once per simulated device at start-up, and a
 * shell per question cost more than the rest of opening the device.
 */
function findSocat(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir.length === 0) continue;
    const path = join(dir, 'socat');
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not in this folder (or not executable): look in the next one.
      continue;
    }
  }
  return undefined;
}

/** A socat process linking two ptys at given paths. */
export interface SocatLinks {
  hostPath: string;
  devicePath: string;
  /** Stops socat; SIGKILL leaves the links dangling, as an abrupt unplug leaves stale names. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/**
 * Starts socat with raw, echo-free ptys linked at `hostPath` and `devicePath` and waits until
 * both links exist. The same paths can be used again after a stop, as a USB-serial adapter
 * comes back under the same udev name.
 */
export async function startSocatLinks(
  socatPath: string,
  hostPath: string,
  devicePath: string,
): Promise<SocatLinks> {
  // Stale links from a killed socat would make the wait below return at once.
  rmSync(hostPath, { force: true });
  rmSync(devicePath, { force: true });
  const child: ChildProcess = spawn(
    socatPath,
    ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`],
    // Its own process group: Ctrl+C in a terminal signals the whole foreground group, and socat
    // ending at once would pull the link from under the driver before the kiosk closes it in
    // order. The kiosk stops socat itself, last, when it closes its devices.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const limit = scaled(SOCAT_START_MS);
  const deadline = Date.now() + limit;
  while (!(existsSync(hostPath) && existsSync(devicePath))) {
    if (child.exitCode !== null) {
      throw new DeviceError(`socat exited early: ${stderr.trim()}`, { noDevice: true });
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new DeviceError(
        `socat did not create the pty pair within ${limit / 1000} s: ${stderr.trim()}`,
        { noDevice: true, timeout: true },
      );
    }
    await new Promise((r) => setTimeout(r, LINK_POLL_MS));
  }
  return {
    hostPath,
    devicePath,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        await exited;
      }
    },
  };
}

/**
 * Starts socat with a raw, echo-free pty pair in a fresh folder under `parent` (the system's
 * temporary folder unless the caller owns a better place). Simulated devices run on the device
 * side so the real serial driver code runs on the host side.
 */
export async function createPtyPair(
  socatPath = findSocat(),
  parent: string = tmpdir(),
): Promise<PtyPair> {
  if (!socatPath) {
    throw new DeviceError(
      'socat is not installed, so simulated serial devices cannot run. Run "npm run setup".',
      { noDevice: true },
    );
  }
  const dir = mkdtempSync(join(parent, 'kiosk24-pty-'));
  const links = await startSocatLinks(socatPath, join(dir, 'host'), join(dir, 'device'));
  return {
    hostPath: links.hostPath,
    devicePath: links.devicePath,
    close: async () => {
      await links.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
