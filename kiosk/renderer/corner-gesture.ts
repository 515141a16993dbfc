/**
 * The technician's way in: several quick taps in the top-left corner of any screen. The
 * renderer only counts taps; the core decides what maintenance means (PIN, wipe, screens).
 */

/** Side of the corner zone by default: a fingertip's width, well clear of any button. */
export const CORNER_ZONE_PX = 80;

/** Where and how fast the taps must come. */
export interface CornerGestureOptions {
  /** Side of the square corner zone, in CSS pixels. */
  zonePx?: number;
  taps?: number;
  withinMs?: number;
  now?: () => number;
}

/**
 * Returns a tap handler that calls `onGesture` once `taps` taps have landed in the corner zone
 * within `withinMs`. A tap outside the zone starts the count again, so ordinary use of the
 * screen never adds up to the gesture.
 */
export function cornerGesture(
  onGesture: () => void,
  options: CornerGestureOptions = {},
): (x: number, y: number) => void {
  const zone = options.zonePx ?? CORNER_ZONE_PX;
  const taps = options.taps ?? 5;
  const within = options.withinMs ?? 3000;
  const now = options.now ?? (() => Date.now());
  let times: number[] = [];
  return (x, y) => {
    if (x > zone || y > zone) {
      times = [];
      return;
    }
    const at = now();
    times = [...times.filter((t) => at - t < within), at];
    if (times.length >= taps) {
      times = [];
      onGesture();
    }
  };
}
