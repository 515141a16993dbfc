import type { KioskSnapshot } from '../contract.ts';

/**
 * Decides which snapshot to draw. Within one connection a snapshot with a lower `seq` than
 * the one shown is stale and dropped. A new connection starts afresh, because a restarted
 * core counts from zero again and would otherwise never be drawn.
 */
export function nextSnapshot(
  current: KioskSnapshot | null,
  incoming: KioskSnapshot,
): KioskSnapshot | null {
  if (current !== null && incoming.seq < current.seq) return current;
  return incoming;
}

/** Whether the screen changed in a way a person should be told about (focus, announcement). */
export function isNewScreen(previous: KioskSnapshot | null, next: KioskSnapshot): boolean {
  if (previous === null) return true;
  return (
    previous.screen.id !== next.screen.id ||
    previous.screen.title !== next.screen.title ||
    previous.locale !== next.locale
  );
}
