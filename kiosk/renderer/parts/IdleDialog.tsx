import { useEffect, useRef, useState } from 'preact/hooks';
import type { IdleView, Locale } from '../../contract.ts';
import { chromeText } from '../chrome-text.ts';

/** What the idle dialog's two buttons ask the core for. */
export interface IdleDialogEvents {
  onExtend(): void;
  onEnd(): void;
}

/**
 * The "are you still there?" warning before a session ends. The countdown ticks locally
 * between snapshots so it never looks frozen; every snapshot re-synchronises it with the
 * core, which alone decides when the session really ends.
 */
export function IdleDialog({
  idle,
  locale,
  syncKey,
  events,
}: {
  idle: IdleView;
  locale: Locale;
  syncKey: number;
  events: IdleDialogEvents;
}) {
  const seconds = useCountdown(idle.secondsLeft, syncKey);
  const extend = useRef<HTMLButtonElement>(null);
  const end = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    extend.current?.focus();
  }, []);

  // A modal dialog keeps focus inside itself; with two buttons, Tab simply alternates.
  const keepFocus = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab') return;
    event.preventDefault();
    const next = document.activeElement === extend.current ? end.current : extend.current;
    next?.focus();
  };

  return (
    <div class="idle-backdrop">
      <div
        class="idle-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-message idle-countdown"
        onKeyDown={keepFocus}
      >
        <h2 id="idle-title">{idle.title}</h2>
        <p id="idle-message">{idle.message}</p>
        {seconds !== null && (
          <p id="idle-countdown" class="idle-countdown" aria-live="off">
            <span class="idle-seconds" aria-hidden="true">
              {seconds}
            </span>
            <span class="visually-hidden">{chromeText(locale).secondsUnit(seconds)}</span>
          </p>
        )}
        <div class="idle-buttons">
          <button
            ref={end}
            type="button"
            class="action action--secondary"
            data-idle="end"
            onClick={() => events.onEnd()}
          >
            {idle.endLabel}
          </button>
          <button
            ref={extend}
            type="button"
            class="action action--primary"
            data-idle="extend"
            onClick={() => events.onExtend()}
          >
            {idle.extendLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Counts down once a second from `start`, restarting whenever `syncKey` changes. */
function useCountdown(start: number | null, syncKey: number): number | null {
  const [seconds, setSeconds] = useState(start);
  useEffect(() => {
    setSeconds(start);
    if (start === null) return undefined;
    const timer = setInterval(() => {
      setSeconds((value) => (value === null || value <= 0 ? value : value - 1));
    }, 1000);
    return () => clearInterval(timer);
  }, [start, syncKey]);
  return seconds;
}
