/** Test helper for the platform client: the typed error a call failed with. */
import { PlatformError } from './errors.ts';

/** Resolves to the PlatformError `promise` rejected with; fails when it settled otherwise. */
export async function platformFailure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PlatformError))
    throw new Error(`expected a PlatformError, got ${String(error)}`);
  return error;
}
