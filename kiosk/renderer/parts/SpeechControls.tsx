import { useRef } from 'preact/hooks';
import type { Locale } from '../../contract.ts';
import { chromeText } from '../chrome-text.ts';

/** The speaker events the controls send (contract.ts KIOSK_EVENT_DATA). */
export type SpeechEvent =
  'speech.request' | 'speech.stop' | 'speech.louder' | 'speech.quieter' | 'speech.mode';

/**
 * How long a press on the speaker button must last to switch speech mode: longer than a firm tap
 * of an unsteady hand (about half a second), short enough that a blind resident finds it.
 */
export const SPEECH_MODE_PRESS_MS = 1000;

/**
 * The speaker button and its controls, beside help on every screen: read this screen aloud,
 * stop, quieter, louder. The core builds what is said from the screen it sent; the renderer only
 * asks.
 */
export function SpeechControls({
  locale,
  speechMode,
  onSpeech,
}: {
  locale: Locale;
  speechMode: boolean;
  onSpeech: (event: SpeechEvent, data?: Record<string, boolean>) => void;
}) {
  const text = chromeText(locale);
  const press = useRef<{ timer: ReturnType<typeof setTimeout>; long: boolean } | null>(null);
  const pressStart = (): void => {
    const current = {
      long: false,
      timer: setTimeout(() => {
        current.long = true;
        onSpeech('speech.mode', { on: !speechMode });
      }, SPEECH_MODE_PRESS_MS),
    };
    press.current = current;
  };
  const pressEnd = (): void => {
    if (press.current) clearTimeout(press.current.timer);
  };
  return (
    <div class="corner-group corner-group--speech" role="group" aria-label={text.speech}>
      <button
        type="button"
        class="corner-button corner-button--speak"
        data-speech="request"
        data-speech-mode={speechMode}
        onPointerDown={pressStart}
        onPointerUp={pressEnd}
        onPointerLeave={pressEnd}
        onClick={() => {
          // A long press switched speech mode already; its click reads nothing more.
          if (press.current?.long !== true) onSpeech('speech.request');
          press.current = null;
        }}
      >
        <svg aria-hidden="true" class="speech-glyph" viewBox="0 0 24 24" width="28" height="28">
          <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
          <path
            d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
          />
        </svg>
        {text.speak}
      </button>
      <button
        type="button"
        class="corner-button"
        data-speech="stop"
        aria-label={text.speechStop}
        onClick={() => onSpeech('speech.stop')}
      >
        <span aria-hidden="true">■</span>
      </button>
      <button
        type="button"
        class="corner-button"
        data-speech="quieter"
        aria-label={text.speechQuieter}
        onClick={() => onSpeech('speech.quieter')}
      >
        <span aria-hidden="true">−</span>
      </button>
      <button
        type="button"
        class="corner-button"
        data-speech="louder"
        aria-label={text.speechLouder}
        onClick={() => onSpeech('speech.louder')}
      >
        <span aria-hidden="true">+</span>
      </button>
    </div>
  );
}
