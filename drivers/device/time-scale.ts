/**
 * One setting stretches every time budget that tests and simulators use: how long a test waits
 * for a device to answer, how long a simulator may take before a driver gives up on it. A
 * terminal's slow ARM board, or a CI machine whose other core is busy, answers the same things
 * more slowly; raising one number keeps those budgets honest there instead of editing dozens
 * of fixed figures. Production timeouts come from the kiosk config, never from this.
 */

/** The environment variable that sets the scale, e.g. `KIOSK24_TIME_SCALE=4`. */
export const TIME_SCALE_VARIABLE = 'KIOSK24_TIME_SCALE';

/**
 * The scale under `CI=true` when the variable is not set: CI shares its machine with other
 * jobs, and the suite must pass with one of two cores kept busy (`npm run test:stress`).
 */
export const CI_TIME_SCALE = 3;

/** Above this a budget is no longer a budget: a hung test would wait for most of an hour. */
export const MAX_TIME_SCALE = 20;

/**
 * The scale in force: the variable when set (a number from 1 to {@link MAX_TIME_SCALE}), else
 * {@link CI_TIME_SCALE} under CI, else 1. A bad value is an error naming the variable, not a
 * silent default, so a typo cannot quietly shrink every budget.
 */
export function timeScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[TIME_SCALE_VARIABLE];
  if (raw === undefined || raw.trim() === '') return env.CI === 'true' ? CI_TIME_SCALE : 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 1 || value > MAX_TIME_SCALE) {
    throw new RangeError(
      `${TIME_SCALE_VARIABLE}="${raw}" is not a number from 1 to ${MAX_TIME_SCALE}; unset it or set e.g. ${TIME_SCALE_VARIABLE}=3`,
    );
  }
  return value;
}

/** A time budget of `ms` on an idle desktop, stretched by the scale in force. */
export function scaled(ms: number, env: NodeJS.ProcessEnv = process.env): number {
  return Math.round(ms * timeScale(env));
}
