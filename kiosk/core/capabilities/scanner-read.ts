import type { z } from 'zod';
import { DeviceError } from '../../../drivers/device/errors.ts';
import type { ACTOR_CAPABILITIES } from './catalogue.ts';
import type { ScannedCodeView } from './outputs.ts';
import type { CapabilityCall } from './ports.ts';
import { waitForCode } from './scan.ts';

/** The input `scanner.read` takes, as the catalogue parsed it. */
export type ScannerReadInput = z.output<(typeof ACTOR_CAPABILITIES)['scanner.read']['input']>;

/**
 * `scanner.read`: waits for the next code the scanner accepts. The text is a bearer credential,
 * so it is sealed in the vault and the flow gets a single-use handle.
 */
export async function readScannedCode(
  call: CapabilityCall,
  input: ScannerReadInput,
): Promise<ScannedCodeView> {
  const scanner = call.ports.scanner();
  if (!scanner) throw new DeviceError('no QR scanner is open', { noDevice: true });
  const code = await waitForCode(scanner, {
    signal: call.signal,
    timeoutMs: input.timeoutSeconds * 1000,
    log: call.ports.log,
    session: call.sessionRef,
    clock: call.clock,
  });
  return call.vault.keepCode(code.text, code.symbology);
}
