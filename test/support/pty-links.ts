import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { requireTool } from './tools.ts';

/**
 * A socat pty pair at link paths the test chooses. Unlike createPtyPair, the same paths can be
 * used again by a second socat after the first is stopped: that is what a USB-serial adapter
 * looks like when it is unplugged and plugged back in under the same udev name.
 */
export interface PtyLinks {
  hostPath: string;
  devicePath: string;
  /** Stops socat; SIGKILL leaves the links dangling, as an abrupt unplug leaves stale names. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/** Starts socat with raw, echo-free ptys linked at `hostPath` and `devicePath`. */
export async function startPtyLinks(hostPath: string, devicePath: string): Promise<PtyLinks> {
  const socat = requireTool('socat', 'socat');
  // Stale links from a killed socat would make the wait below return at once.
  rmSync(hostPath, { force: true });
  rmSync(devicePath, { force: true });
  const child: ChildProcess = spawn(
    socat,
    ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 5000;
  while (!(existsSync(hostPath) && existsSync(devicePath))) {
    if (child.exitCode !== null) throw new Error(`socat exited early: ${stderr.trim()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`socat made no pty links within 5 s: ${stderr.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
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
