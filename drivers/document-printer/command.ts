/**
 * Runs a CUPS command-line tool without a shell, with C locale (the tools translate their
 * output, and the parsers read the English form), an optional stdin payload, a timeout and
 * an AbortSignal.
 */
import { spawn } from 'node:child_process';
import { canceledError, DeviceError } from '../device/errors.ts';

/** What a finished command printed and how it exited. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How to run one command. */
export interface CommandOptions {
  /** Written to the command's stdin, which is then closed. */
  input?: Uint8Array;
  signal?: AbortSignal;
  timeoutMs: number;
  /** Extra environment, e.g. CUPS_SERVER for a non-default scheduler. */
  env?: Record<string, string>;
}

/** Runs `command args…`; rejects only when it cannot run at all, times out or is canceled. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted === true) {
      reject(canceledError(command, options.signal));
      return;
    }
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env, LANG: 'C', LC_ALL: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let settled = false;
    const finish = (error: Error | undefined, result?: CommandResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error !== undefined) reject(error);
      else if (result !== undefined) resolve(result);
    };
    const onAbort = (): void => {
      child.kill('SIGTERM');
      finish(canceledError(command, options.signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(
        new DeviceError(
          `${command} did not finish within ${options.timeoutMs} ms; is the CUPS scheduler running?`,
          { timeout: true },
        ),
      );
    }, options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      const missing = error.code === 'ENOENT';
      finish(
        new DeviceError(
          missing
            ? `${command} is not installed (Debian package cups-client)`
            : `${command} could not be started: ${error.message}`,
          {
            noDevice: missing,
            hardwareError: !missing,
            cause: error,
          },
        ),
      );
    });
    child.on('close', (code) => {
      finish(undefined, {
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    // A tool that exits early (bad queue) closes stdin; that EPIPE is reported by its exit code.
    child.stdin.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE')
        finish(
          new DeviceError(`writing to ${command} failed: ${error.message}`, {
            hardwareError: true,
            cause: error,
          }),
        );
    });
    child.stdin.end(
      options.input === undefined
        ? undefined
        : Buffer.from(options.input.buffer, options.input.byteOffset, options.input.byteLength),
    );
  });
}
