import type { KioskSnapshot } from '../contract.ts';

/**
 * Decides which snapshot to draw: one with a lower `seq` than the one shown is stale, and
 * the shown one stays. There is no order across connections: the view forgets its snapshot
 * when the bridge drops, because a restarted core counts from zero again.
 */
export function nextSnapshot(
  current: KioskSnapshot | null,
  incoming: KioskSnapshot,
): KioskSnapshot {
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
