import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from './tools.ts';

/** Two linked pseudo-terminals made by socat: bytes written to one path arrive at the other. */
export interface PtyPair {
  /** The path a driver opens (the "host" side). */
  hostPath: string;
  /** The path a simulator opens (the "device" side). */
  devicePath: string;
  /** Stops socat and removes the links. */
  close(): Promise<void>;
}

/** Starts socat with a raw, echo-free pty pair and waits until both links exist. */
export async function createPtyPair(): Promise<PtyPair> {
  const socat = requireTool('socat', 'socat');
  const dir = mkdtempSync(join(tmpdir(), 'kiosk24-pty-'));
  const hostPath = join(dir, 'host');
  const devicePath = join(dir, 'device');
  const child: ChildProcess = spawn(
    socat,
    ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 5000;
  while (!(existsSync(hostPath) && existsSync(devicePath))) {
    if (child.exitCode !== null) throw new Error(`socat exited early: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`socat did not create the pty pair within 5 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    hostPath,
    devicePath,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
