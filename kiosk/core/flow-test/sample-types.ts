import type { PlatformClient } from '../platform/client.ts';

/** A platform client method as the sentinel platform answers it, for one variant. */
type SampleMethod = (variant: string, ...args: never[]) => Promise<unknown>;

/** One operation's samples. */
export interface OperationSample {
  /** The success variants, e.g. a record with entries and an empty one. */
  variants: readonly string[];
  /** The client methods the operation calls, by their name on PlatformClient. */
  client: Partial<Record<keyof PlatformClient, SampleMethod>>;
}
