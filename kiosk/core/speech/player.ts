import { spawn } from 'node:child_process';
import { childEnvironment } from '../child-env.ts';
import type { SpeechPlayer } from './engine.ts';

/**
 * Plays WAV on the terminal's default ALSA device with `aplay` (Debian package alsa-utils),
 * the WAV on stdin. Stopping kills it at once: a resident who pressed stop must hear silence.
 */
export function aplayPlayer(command = 'aplay'): SpeechPlayer {
  return {
    play: (wav, signal) =>
      new Promise((resolve, reject) => {
        const child = spawn(command, ['-q', '-'], {
          stdio: ['pipe', 'ignore', 'pipe'],
          env: childEnvironment(),
          signal,
          killSignal: 'SIGKILL',
        });
        let stderr = '';
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (s: string) => {
          if (stderr.length < 500) stderr += s;
        });
        child.on('error', (error: NodeJS.ErrnoException) => {
          if (error.name === 'AbortError') resolve();
          else reject(new Error(`${command} could not start: ${error.message}`));
        });
        child.on('close', (code) => {
          if (signal.aborted || code === 0) resolve();
          else reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`));
        });
        child.stdin.on('error', (error) => {
          // A player killed by stop stops reading; anything else shows as its exit code.
          if (!signal.aborted) stderr += `stdin: ${error.message}`;
        });
        child.stdin.end(wav);
      }),
  };
}

/** A player that keeps what it was given, for tests and machines without a sound card. */
export class RecordingPlayer implements SpeechPlayer {
  readonly played: Uint8Array[] = [];
  private readonly waiting: ((wav: Uint8Array) => void)[] = [];

  play(wav: Uint8Array): Promise<void> {
    this.played.push(wav);
    for (const resolve of this.waiting.splice(0)) resolve(wav);
    return Promise.resolve();
  }

  /** Resolves with the next WAV played. */
  next(): Promise<Uint8Array> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
