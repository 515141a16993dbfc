import type { Locale } from '../../contract.ts';

/**
 * The voices the kiosk speaks with, one per locale it shows. espeak-ng calls them `cmn`
 * (Mandarin) and `en`; a vendor engine maps the same names to its own voices.
 */
export type SpeechVoice = 'cmn' | 'en';

/** The voice for a locale. */
export function voiceFor(locale: Locale): SpeechVoice {
  return locale === 'zh-CN' ? 'cmn' : 'en';
}

/**
 * Longest text one synthesis takes, in characters. The longest screen of the built-in flows
 * reads in well under 600 characters (title, a few fields and every action); a text many
 * times longer can only come from a bug or a hostile flow, and would hold the voice for
 * minutes.
 */
export const MAX_SPEECH_CHARS = 2000;

/**
 * How long one synthesis may run before it is stopped. espeak-ng turns the longest allowed
 * text into WAV in about a second on the 2-core terminal; ten times that means it hangs.
 */
export const SYNTHESIS_TIMEOUT_MS = 10_000;

/** Loudness steps of the volume buttons, from the quietest to the loudest. */
export const VOLUME_STEPS = 5;

/** The step a session starts at and returns to when it ends. */
export const DEFAULT_VOLUME_STEP = 3;

/** How to speak one text. */
export interface SpeechOptions {
  /** 1..VOLUME_STEPS; the engine maps it to its own loudness scale. */
  volumeStep?: number;
  /** Stops the synthesis early (speech stopped, screen changed, session ended). */
  signal?: AbortSignal;
}

/**
 * A text-to-speech engine: text in, a whole WAV file out. Playing it is the {@link SpeechPlayer}'s
 * job, so tests (and CI machines without a sound card) check the audio itself.
 */
export interface SpeechEngine {
  /** A short name for logs and the maintenance pages, e.g. `espeak-ng`. */
  readonly name: string;
  synthesize(text: string, voice: SpeechVoice, options?: SpeechOptions): Promise<Uint8Array>;
}

/** Plays a WAV file on the terminal's sound device; tests replace it with a recorder. */
export interface SpeechPlayer {
  /** Resolves when playback ends or `signal` stops it. */
  play(wav: Uint8Array, signal: AbortSignal): Promise<void>;
}

/** Why speech failed, as flags a caller tests (never the message text). */
export class SpeechError extends Error {
  readonly tooLong: boolean;
  readonly timeout: boolean;
  readonly unavailable: boolean;
  constructor(
    message: string,
    flags: { tooLong?: boolean; timeout?: boolean; unavailable?: boolean } = {},
  ) {
    super(message);
    this.name = 'SpeechError';
    this.tooLong = flags.tooLong ?? false;
    this.timeout = flags.timeout ?? false;
    this.unavailable = flags.unavailable ?? false;
  }
}

/** Text an engine may take: control characters become spaces; empty or too long is refused. */
export function checkSpeechText(text: string): string {
  const cleaned = text.replace(/\p{Cc}+/gu, ' ').trim();
  if (cleaned.length === 0) throw new SpeechError('there is no text to speak');
  if (cleaned.length > MAX_SPEECH_CHARS) {
    throw new SpeechError(
      `speech text is ${cleaned.length} characters, more than ${MAX_SPEECH_CHARS}; speak it in shorter parts`,
      { tooLong: true },
    );
  }
  return cleaned;
}

/** An engine that says nothing, for `speech.engine: none` (a kiosk with no speaker). */
export const silentEngine: SpeechEngine = {
  name: 'none',
  synthesize: () =>
    Promise.reject(
      new SpeechError('speech is switched off (speech.engine: none)', { unavailable: true }),
    ),
};
