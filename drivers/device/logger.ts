/**
 * The logger drivers write to. Drivers are the lowest layer, so they declare the few calls
 * they make and the kiosk core hands them its logger (a pino Logger fits this shape as is).
 * Drivers log status codes, counts and reasons only, never card or code contents.
 */

/** One log level: structured fields with a message, or a bare message. */
export interface DriverLogMethod {
  (fields: object, message?: string): void;
  (message: string): void;
}

/** What a driver may log through; the core injects its own logger, tests may pass a spy. */
export interface DriverLogger {
  debug: DriverLogMethod;
  info: DriverLogMethod;
  warn: DriverLogMethod;
}

const drop: DriverLogMethod = () => undefined;

/** A logger that drops everything: the default when the caller passes none. */
export const silentDriverLogger: DriverLogger = { debug: drop, info: drop, warn: drop };
