import { spawn } from 'node:child_process';
import { childEnvironment } from '../child-env.ts';
import {
  checkSpeechText,
  DEFAULT_VOLUME_STEP,
  SpeechError,
  SYNTHESIS_TIMEOUT_MS,
  VOLUME_STEPS,
  type SpeechEngine,
  type SpeechOptions,
  type SpeechVoice,
} from './engine.ts';
import { fixWavSizes } from './wav.ts';

/**
 * Largest WAV espeak-ng may hand back: the longest allowed text reads in about three minutes,
 * which at 22 050 samples of 16 bits a second is under 8 MB. More means a runaway process.
 */
export const MAX_WAV_BYTES = 16 * 1024 * 1024;

/**
 * espeak-ng's amplitude (`-a`, 0-200, 100 by default) for each volume step: the middle step is
 * its default, and the loudest stays below the level where it starts to clip.
 */
const AMPLITUDE = [0, 40, 70, 100, 140, 180] as const;

/**
 * Speaking rate (`-s`, "words" a minute) per voice, for the pace of a clear public
 * announcement. English at 150 is slower than espeak-ng's 175, for elderly listeners. The
 * Mandarin voice counts each syllable as a word: at 175 it reads about 2.7 syllables a second
 * (measured), slower than an announcer's 3.5, so it runs at 220 (about 0.29 s a character).
 */
const WORDS_PER_MINUTE: Record<SpeechVoice, number> = { cmn: 220, en: 150 };

/** Options for the espeak-ng engine. */
export interface EspeakOptions {
  /** The program; `espeak-ng` on PATH unless given. */
  command?: string;
  timeoutMs?: number;
}

/**
 * Speech by espeak-ng from Debian's packages. The text goes on stdin, never through a shell or
 * the command line (where any user could read it in the process list); the WAV comes back on
 * stdout.
 */
export function espeakEngine(options: EspeakOptions = {}): SpeechEngine {
  const command = options.command ?? 'espeak-ng';
  const timeoutMs = options.timeoutMs ?? SYNTHESIS_TIMEOUT_MS;
  return {
    name: 'espeak-ng',
    synthesize: async (text: string, voice: SpeechVoice, opts: SpeechOptions = {}) =>
      run(command, timeoutMs, checkSpeechText(text), voice, opts),
  };
}

function amplitudeOf(step: number | undefined): number {
  const s = Math.min(VOLUME_STEPS, Math.max(1, Math.round(step ?? DEFAULT_VOLUME_STEP)));
  return AMPLITUDE[s] ?? 100;
}

function run(
  command: string,
  timeoutMs: number,
  text: string,
  voice: SpeechVoice,
  opts: SpeechOptions,
): Promise<Uint8Array> {
  const args = [
    '-v',
    voice,
    '-s',
    String(WORDS_PER_MINUTE[voice]),
    '-a',
    String(amplitudeOf(opts.volumeStep)),
  ];
  // -b 1: the input is UTF-8; --stdin: read the whole text from stdin; --stdout: WAV to stdout.
  args.push('-b', '1', '--stdin', '--stdout');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: childEnvironment(),
      signal: opts.signal,
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failed: SpeechError | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_WAV_BYTES) {
        failed = new SpeechError(`espeak-ng produced more than ${MAX_WAV_BYTES} bytes`);
        child.kill('SIGKILL');
        return;
      }
      chunks.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      if (stderr.length < 500) stderr += s;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') failed ??= new SpeechError('speech was stopped');
      else if (error.code === 'ENOENT') {
        failed ??= new SpeechError(
          `${command} is not installed; run "npm run setup" (Debian package espeak-ng)`,
          { unavailable: true },
        );
      } else failed ??= new SpeechError(`${command} could not start: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      if (failed) return reject(failed);
      if (signal !== null) {
        return reject(
          new SpeechError(`espeak-ng took longer than ${timeoutMs} ms and was stopped`, {
            timeout: true,
          }),
        );
      }
      if (code !== 0) {
        return reject(new SpeechError(`espeak-ng failed (exit ${code}): ${stderr.trim()}`));
      }
      resolve(fixWavSizes(Buffer.concat(chunks)));
    });
    child.stdin.on('error', () => {
      // A child that dies before reading its input is reported by 'close' above.
    });
    child.stdin.end(text, 'utf8');
  });
}
