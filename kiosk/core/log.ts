import pino, { type DestinationStream, type Logger } from 'pino';
import { maskIdNumber, maskName, maskPassNumber, PERSONAL_KEYS } from './privacy/mask.ts';

/**
 * The kiosk's structured logger. Personal fields are masked by a serializer hook before any
 * line is written, so a careless `log.info({ resident })` still never puts a name or an ID
 * number on disk.
 */
export function createLogger(
  options: { level?: string; name?: string; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      name: options.name ?? 'kiosk24',
      level: options.level ?? process.env.KIOSK24_LOG_LEVEL ?? 'info',
      formatters: { log: (object) => maskPersonal(object) as Record<string, unknown> },
    },
    options.destination ?? pino.destination(1),
  );
}

/** Returns a deep copy of `value` with every personal field masked (names, ID numbers, photos…). */
export function maskPersonal(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return `[${value.length} bytes]`;
  // An error's message and stack are not own enumerable fields: copying it would log an empty
  // object. It is passed on whole for pino's error serializer; driver and platform errors carry
  // flags and codes, never resident data, in their messages.
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => maskPersonal(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if ((PERSONAL_KEYS as readonly string[]).includes(key)) {
      if (typeof item !== 'string') out[key] = item === undefined ? undefined : '[masked]';
      else if (key === 'idNumber') out[key] = maskIdNumber(item);
      else if (key === 'passNumber') out[key] = maskPassNumber(item);
      else if (key === 'name' || key === 'nameEn') out[key] = maskName(item);
      else out[key] = '[masked]';
    } else {
      out[key] = maskPersonal(item, depth + 1);
    }
  }
  return out;
}

/** A logger that drops everything, for tests and tools that print their own output. */
export const silentLogger: Logger = pino({ level: 'silent' });
