/**
 * Driver timeouts for simulated devices. A simulated device's other end is a simulator in this
 * same process, behind a pty pair, competing for the same CPU as the driver that waits for it:
 * on a slow terminal board or a loaded CI machine it answers late for reasons no real device
 * has. Its timeouts are therefore stretched by the one time scale (KIOSK24_TIME_SCALE, raised
 * under CI). A real device keeps the configured or specified figures exactly.
 */
import { scaled } from '../../../drivers/device/time-scale.ts';
import { stretchedTimeouts, type CommandTimeouts } from '../../../drivers/id-card/index.ts';

/** `ms` for a real device; `ms` stretched by the time scale when `mode` is `simulated`. */
export function deviceTimeout(
  mode: string,
  ms: number,
  env: NodeJS.ProcessEnv = process.env,
): number {
  return mode === 'simulated' ? scaled(ms, env) : ms;
}

/**
 * The ID card reader's per-command answer timeouts: undefined (the driver's defaults, which
 * follow the module spec) for a real reader, the defaults stretched for the simulated one.
 */
export function idCardTimeouts(
  mode: string,
  env: NodeJS.ProcessEnv = process.env,
): CommandTimeouts | undefined {
  return mode === 'simulated' ? stretchedTimeouts((ms) => scaled(ms, env)) : undefined;
}
