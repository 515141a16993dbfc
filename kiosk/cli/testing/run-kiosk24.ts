import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The compiled kiosk24 entry, taken from package.json's `bin` so the tests run the very file
 * npm links as the command. The vitest global setup (test/support/node-bundles-setup.ts) builds it.
 */
export const KIOSK24_BIN = join(
  ROOT,
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { kiosk24: string } }).bin
    .kiosk24,
);

/** What one `kiosk24` run printed and how it ended (-1 when a signal ended it). */
export interface Kiosk24Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Where a `kiosk24` run starts: the repository unless a test moves it. */
export interface Kiosk24Options {
  /** Working directory of the command; default the repository root. */
  cwd?: string;
}

/**
 * Runs the `kiosk24` command in a child process, as a technician or a vendor's tool would,
 * through the compiled entry under plain Node. Never throws on a non-zero exit. A
 * KIOSK24_CONFIG from the developer's shell is cleared so only `--config` in `args` names a
 * config. `whileRunning` starts once the child is spawned, for tests that play a device to
 * the running command; it can read what the command has written so far, to wait for it.
 */
export function runKiosk24(
  args: readonly string[],
  whileRunning?: (output: { stdout(): string; stderr(): string }) => Promise<void>,
  options: Kiosk24Options = {},
): Promise<Kiosk24Run> {
  const child = spawn(process.execPath, [KIOSK24_BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, KIOSK24_CONFIG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number>((resolve) =>
    child.once('exit', (code) => resolve(code ?? -1)),
  );
  void whileRunning?.({ stdout: () => stdout, stderr: () => stderr });
  return exited.then((code) => ({ code, stdout, stderr }));
}
