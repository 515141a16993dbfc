/**
 * The countdown's arithmetic. The core sends the seconds left when it made the snapshot; the
 * renderer counts down from there by the wall clock (not by counting timer ticks, which drift
 * when the page is busy), and starts again from the core's figure at every snapshot.
 */

/** At or below this many seconds the countdown is drawn as urgent (and says so in words). */
export const COUNTDOWN_URGENT_SECONDS = 10;

/** Seconds left `elapsedMs` after a snapshot that said `start`; never below zero. */
export function secondsLeft(start: number, elapsedMs: number): number {
  if (!Number.isFinite(start) || start <= 0) return 0;
  const elapsed = Math.max(0, Math.floor(elapsedMs / 1000));
  return Math.max(0, Math.ceil(start) - elapsed);
}

/** How long until the shown figure next changes, so the timer wakes exactly then. */
export function msToNextTick(elapsedMs: number): number {
  return 1000 - (Math.max(0, elapsedMs) % 1000);
}
