/**
 * Turns a stream of touches and key presses into at most one `activity` report per interval,
 * so the core's idle timer restarts without a message per finger movement.
 */
export function throttleActivity(
  report: () => void,
  options: { intervalMs?: number; now?: () => number } = {},
): () => void {
  const interval = options.intervalMs ?? 1000;
  const now = options.now ?? (() => Date.now());
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const at = now();
    if (at - last < interval) return;
    last = at;
    report();
  };
}
