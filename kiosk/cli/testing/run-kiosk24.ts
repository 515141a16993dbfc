import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// tsx straight from node_modules: `npx` would add its own warnings to stderr.
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** What one `kiosk24` run printed and how it ended (-1 when a signal ended it). */
export interface Kiosk24Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `kiosk24` command in a child process, as a technician or a vendor's tool would,
 * through the real tsx entry. Never throws on a non-zero exit. A KIOSK24_CONFIG from the
 * developer's shell is cleared so only `--config` in `args` names a config. `whileRunning`
 * starts once the child is spawned, for tests that play a device to the running command.
 */
export function runKiosk24(
  args: readonly string[],
  whileRunning?: () => Promise<void>,
): Promise<Kiosk24Run> {
  const child = spawn(TSX, ['kiosk/cli/bin.ts', ...args], {
    cwd: ROOT,
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
  void whileRunning?.();
  return exited.then((code) => ({ code, stdout, stderr }));
}
