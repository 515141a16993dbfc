import type { Logger } from 'pino';
import type { IdleView, Locale, ScreenView } from '../../contract.ts';
import { silentLogger } from '../log.ts';
import {
  checkSpeechText,
  DEFAULT_VOLUME_STEP,
  voiceFor,
  VOLUME_STEPS,
  type SpeechEngine,
  type SpeechPlayer,
} from './engine.ts';
import { idleSpeech, screenSpeech } from './screen-speech.ts';

/** The kiosk events a renderer sends to work the speaker (see contract.ts KIOSK_EVENT_DATA). */
export const SPEECH_EVENTS = [
  'speech.request',
  'speech.repeat',
  'speech.stop',
  'speech.louder',
  'speech.quieter',
  'speech.mode',
] as const;

/** What the volume buttons say, so a listener hears where the volume now is. */
const VOLUME_WORDS: Record<Locale, (step: number) => string> = {
  'zh-CN': (step) => `音量${step}级，共${VOLUME_STEPS}级`,
  en: (step) => `Volume ${step} of ${VOLUME_STEPS}`,
};

/**
 * The kiosk's voice: speaks a screen on request, repeats, stops, turns up and down, and speaks
 * the idle warning. One text at a time; a new one stops the last. The last text is forgotten
 * and the volume reset when the session ends. Text is never logged: even masked, it belongs to
 * the resident's session.
 */
export class Speaker {
  private volumeStep = DEFAULT_VOLUME_STEP;
  private last: { text: string; locale: Locale } | undefined;
  private current: AbortController | undefined;
  private idleSpoken = false;
  private modeOn = false;
  /** The screen last spoken on arrival, so a redraw of the same screen is not spoken again. */
  private arrivedAt = '';

  constructor(
    private readonly engine: SpeechEngine,
    private readonly player: SpeechPlayer,
    private readonly log: Logger = silentLogger,
  ) {}

  /** The volume step now, 1..VOLUME_STEPS. */
  get volume(): number {
    return this.volumeStep;
  }

  /** Speech mode (for blind residents): every new screen is spoken when it appears. */
  get mode(): boolean {
    return this.modeOn;
  }

  /** True when `event` is one of the speaker's own events. */
  static handles(event: string): boolean {
    return (SPEECH_EVENTS as readonly string[]).includes(event);
  }

  /** Acts on a speaker event from the renderer; resolves when what it started has finished. */
  event(
    event: string,
    screen: ScreenView,
    locale: Locale,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    switch (event) {
      case 'speech.mode':
        this.modeOn = data.on === true;
        this.arrivedAt = '';
        if (this.modeOn) return this.arrived(screen, locale);
        this.stop();
        return Promise.resolve();
      case 'speech.request':
        return this.say(screenSpeech(screen, locale), locale);
      case 'speech.repeat':
        return this.last
          ? this.say(this.last.text, this.last.locale)
          : this.say(screenSpeech(screen, locale), locale);
      case 'speech.stop':
        this.stop();
        return Promise.resolve();
      case 'speech.louder':
      case 'speech.quieter': {
        const step = this.volumeStep + (event === 'speech.louder' ? 1 : -1);
        this.volumeStep = Math.min(VOLUME_STEPS, Math.max(1, step));
        return this.speak(VOLUME_WORDS[locale](this.volumeStep), locale);
      }
      default:
        return Promise.resolve();
    }
  }

  /** In speech mode, speaks a screen the first time it is drawn (not at every redraw). */
  arrived(screen: ScreenView, locale: Locale): Promise<void> {
    const at = `${locale} ${screen.id} ${screen.title}`;
    if (!this.modeOn || at === this.arrivedAt) return Promise.resolve();
    this.arrivedAt = at;
    return this.say(screenSpeech(screen, locale), locale);
  }

  /** Speaks the idle warning once each time it appears (not at every tick of its countdown). */
  idleWarning(idle: IdleView, locale: Locale): Promise<void> {
    if (this.idleSpoken || !idle.warning) return Promise.resolve();
    this.idleSpoken = true;
    return this.speak(idleSpeech(idle, locale), locale);
  }

  /** The warning went away (more time, or the session ended). */
  idleCleared(): void {
    this.idleSpoken = false;
  }

  /** Speaks `text` and remembers it for repeat. */
  say(text: string, locale: Locale): Promise<void> {
    this.last = { text, locale };
    return this.speak(text, locale);
  }

  /** A flow's `speech.say`: speaks a line of its strings; a missing line says nothing. */
  sayLine(text: string | undefined, locale: Locale): void {
    if (text !== undefined) void this.say(text, locale);
  }

  /** Stops what is being said, at once. */
  stop(): void {
    this.current?.abort();
    this.current = undefined;
  }

  /** At the end of a session: silence, forget the last text, volume back to the default. */
  reset(): void {
    this.stop();
    this.last = undefined;
    this.idleSpoken = false;
    this.modeOn = false;
    this.arrivedAt = '';
    this.volumeStep = DEFAULT_VOLUME_STEP;
  }

  private async speak(text: string, locale: Locale): Promise<void> {
    this.stop();
    const controller = new AbortController();
    this.current = controller;
    const signal = controller.signal;
    try {
      const wav = await this.engine.synthesize(checkSpeechText(text), voiceFor(locale), {
        volumeStep: this.volumeStep,
        signal,
      });
      if (signal.aborted) return;
      await this.player.play(wav, signal);
    } catch (error) {
      if (signal.aborted) return;
      this.log.warn({ err: error, engine: this.engine.name }, 'speech failed');
    } finally {
      if (this.current === controller) this.current = undefined;
    }
  }
}
