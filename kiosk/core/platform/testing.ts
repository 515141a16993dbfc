/** Test helpers for the platform client and sandbox. */
import { PlatformError } from './errors.ts';
import { DEV_SIGNING_KEY, signingHeaders } from './signing.ts';

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

/**
 * `fetch` with the signing headers the sandbox requires (development key), for tests that send
 * raw HTTP to check statuses and bodies the client would turn into errors.
 */
export function signedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const parsed = new URL(url);
  const body = typeof init.body === 'string' ? init.body : '';
  const headers = {
    ...(init.headers as Record<string, string> | undefined),
    ...signingHeaders(DEV_SIGNING_KEY, {
      method: init.method ?? 'GET',
      pathWithQuery: `${parsed.pathname}${parsed.search}`,
      body,
    }),
  };
  return fetch(url, { ...init, headers });
}
