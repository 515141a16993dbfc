import type { Locale } from '../../contract.ts';
import { chromeText } from '../chrome-text.ts';

/** The speaker events the controls send (contract.ts KIOSK_EVENT_DATA). */
export type SpeechEvent = 'speech.request' | 'speech.stop' | 'speech.louder' | 'speech.quieter';

/**
 * The speaker button and its controls, beside help on every screen: read this screen aloud,
 * stop, quieter, louder. The core builds what is said from the screen it sent; the renderer only
 * asks.
 */
export function SpeechControls({
  locale,
  onSpeech,
}: {
  locale: Locale;
  onSpeech: (event: SpeechEvent) => void;
}) {
  const text = chromeText(locale);
  return (
    <div class="corner-group corner-group--speech" role="group" aria-label={text.speech}>
      <button
        type="button"
        class="corner-button corner-button--speak"
        data-speech="request"
        onClick={() => onSpeech('speech.request')}
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
