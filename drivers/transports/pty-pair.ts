import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceError } from '../device/errors.ts';

/** Two linked pseudo-terminals made by socat: bytes written to one path arrive at the other. */
export interface PtyPair {
  /** The path a driver opens (the "host" side). */
  hostPath: string;
  /** The path a simulator opens (the "device" side). */
  devicePath: string;
  /** Stops socat and removes the links. */
  close(): Promise<void>;
}

/** Finds socat on PATH; undefined when it is not installed. */
export function findSocat(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v socat'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path.length > 0 ? path : undefined;
}

/**
 * Starts socat with a raw, echo-free pty pair and waits until both links exist. Simulated
 * devices run on the device side so the real serial driver code runs on the host side.
 */
export async function createPtyPair(socatPath = findSocat()): Promise<PtyPair> {
  if (!socatPath) {
    throw new DeviceError(
      'socat is not installed, so simulated serial devices cannot run. Run "npm run setup".',
      { noDevice: true },
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'kiosk24-pty-'));
  const hostPath = join(dir, 'host');
  const devicePath = join(dir, 'device');
  const child: ChildProcess = spawn(
    socatPath,
    ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 5000;
  while (!(existsSync(hostPath) && existsSync(devicePath))) {
    if (child.exitCode !== null)
      throw new DeviceError(`socat exited early: ${stderr.trim()}`, { noDevice: true });
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new DeviceError(`socat did not create the pty pair within 5 s: ${stderr.trim()}`, {
        noDevice: true,
        timeout: true,
      });
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    hostPath,
    devicePath,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
