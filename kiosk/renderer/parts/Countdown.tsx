import { useEffect, useState } from 'preact/hooks';
import type { CountdownView } from '../../contract.ts';
import { chromeText } from '../chrome-text.ts';
import { COUNTDOWN_URGENT_SECONDS, msToNextTick, secondsLeft } from '../countdown.ts';
import { useView } from './view-context.ts';

/**
 * The time left on a screen that waits for the resident (card, code, a choice). It counts down
 * locally between snapshots and starts again from the core's figure at each one; the core alone
 * decides when the wait is over. A timer role keeps screen readers from reading every second.
 */
export function Countdown({ countdown }: { countdown: CountdownView }) {
  const { locale, syncKey } = useView();
  const [seconds, setSeconds] = useState(() => secondsLeft(countdown.seconds, 0));
  useEffect(() => {
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = (): void => {
      const elapsed = performance.now() - started;
      const left = secondsLeft(countdown.seconds, elapsed);
      setSeconds(left);
      if (left > 0) timer = setTimeout(tick, msToNextTick(elapsed));
    };
    tick();
    return () => clearTimeout(timer);
  }, [countdown.seconds, syncKey]);
  const urgent = seconds <= COUNTDOWN_URGENT_SECONDS;
  const spoken = chromeText(locale).secondsUnit(seconds);
  return (
    <div
      class={`countdown${urgent ? ' countdown--urgent' : ''}`}
      role="timer"
      aria-label={countdown.label}
      data-countdown={seconds}
    >
      <span class="countdown-label" aria-hidden="true">
        {countdown.label}
      </span>
      <span class="countdown-figure" aria-hidden="true">
        <span class="countdown-seconds">{seconds}</span> {spoken.replace(/^\d+\s*/, '')}
      </span>
      <span class="visually-hidden">{spoken}</span>
    </div>
  );
}
