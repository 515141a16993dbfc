import { DeviceError } from '../../drivers/device/errors.ts';

/**
 * Awaits a promise that must reject with a DeviceError and returns that error, so a test can
 * assert its flags. A result, or any other error, fails the test with what actually happened.
 */
export async function rejection(promise: Promise<unknown>): Promise<DeviceError> {
  const error = await promise.then(
    () => new Error('expected a rejection, got a result'),
    (e: unknown) => e,
  );
  if (!(error instanceof DeviceError)) throw error;
  return error;
}
