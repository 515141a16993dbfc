/** Types shared by the capability notes tables (capabilities-notes*.ts). */
import type { ErrorFlag, PLATFORM_OPERATIONS } from '../kiosk/core/capabilities/catalogue.ts';

/** A platform operation's name. */
export type PlatformOperation = (typeof PLATFORM_OPERATIONS)[number];

/** How an output field is sealed: an opaque handle, a masked text, or neither. */
export type Sealing = 'handle' | 'masked' | 'plain';

/** One example invoke: the state it sits in and where it goes. */
export interface InvokeExample {
  state: string;
  screen: string;
  input: Record<string, unknown>;
  /** Context key the output is kept under, or undefined to keep nothing. */
  keep?: string;
  next: string;
  /** Flags the example branches on, each to a failure state; the rest go to `fallback`. */
  branches: [ErrorFlag, string][];
  fallback: string;
}
