import type { ComponentChildren } from 'preact';
import type { KioskSnapshot, Locale } from '../../contract.ts';
import { chromeText } from '../chrome-text.ts';

/** What the corner bar asks the core to change. */
export interface CornerBarEvents {
  onLocale(locale: Locale): void;
  onLargeText(on: boolean): void;
}

/**
 * Language and large-text switches, in the bottom corner so a seated person reaches them.
 * Each language is labelled in its own language (and tagged so a screen reader says it right).
 */
export function CornerBar({
  snapshot,
  events,
  children,
}: {
  snapshot: KioskSnapshot;
  events: CornerBarEvents;
  /** Drawn first in the bar, e.g. the help button. */
  children?: ComponentChildren;
}) {
  const text = chromeText(snapshot.locale);
  return (
    <aside class="corner-bar" aria-label={text.settings}>
      {children}
      <div class="corner-group" role="group" aria-label={text.language}>
        {snapshot.locales.map((choice) => (
          <button
            key={choice.locale}
            type="button"
            class="corner-button"
            lang={choice.locale}
            data-locale={choice.locale}
            aria-pressed={choice.locale === snapshot.locale}
            onClick={() => events.onLocale(choice.locale)}
          >
            {choice.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        class="corner-button corner-button--text"
        data-large-text
        aria-pressed={snapshot.largeText}
        onClick={() => events.onLargeText(!snapshot.largeText)}
      >
        <span aria-hidden="true" class="corner-glyph">
          A<span class="corner-glyph-big">A</span>
        </span>
        {text.largeText}
      </button>
    </aside>
  );
}
