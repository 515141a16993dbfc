import type { z } from 'zod';
import { DeviceError } from '../../../drivers/device/errors.ts';
import type { ACTOR_CAPABILITIES } from './catalogue.ts';
import type { ScannedCodeView } from './outputs.ts';
import type { CapabilityCall } from './ports.ts';
import { parseApplicationNumber, parseCreditCode, type Parsed } from './public-codes.ts';
import { waitForCode } from './scan.ts';

/** The input `scanner.read` takes, as the catalogue parsed it. */
export type ScannerReadInput = z.output<(typeof ACTOR_CAPABILITIES)['scanner.read']['input']>;

/** What `scanner.read` hands back: a sealed handle, or a public code as text. */
export type ScannerReadOutput =
  ScannedCodeView | { applicationNo: string } | { creditCode: string };

/**
 * `scanner.read`: waits for the next code the scanner accepts. A resident code is a bearer
 * credential, so it is sealed in the vault and the flow gets a single-use handle. A receipt's
 * application number and a licence's credit code are public: they are checked and handed over
 * as text, and anything else fails `unsupported` (the log names why, never the text).
 */
export async function readScannedCode(
  call: CapabilityCall,
  input: ScannerReadInput,
): Promise<ScannerReadOutput> {
  const scanner = call.ports.scanner();
  if (!scanner) throw new DeviceError('no QR scanner is open', { noDevice: true });
  const code = await waitForCode(scanner, {
    signal: call.signal,
    timeoutMs: input.timeoutSeconds * 1000,
    log: call.ports.log,
    session: call.sessionRef,
    clock: call.clock,
  });
  switch (input.expect) {
    case 'resident-code':
      return call.vault.keepCode(code.text, code.symbology);
    case 'application-number':
      return {
        applicationNo: publicValue(
          call,
          'an application number',
          parseApplicationNumber(code.text),
        ),
      };
    case 'credit-code':
      return { creditCode: publicValue(call, 'a credit code', parseCreditCode(code.text)) };
  }
}

/** The parsed value, or an `unsupported` failure saying what the scanned code was not. */
function publicValue(call: CapabilityCall, wanted: string, parsed: Parsed): string {
  if ('value' in parsed) return parsed.value;
  call.ports.log.info(
    { session: call.sessionRef, expected: wanted, problem: parsed.problem },
    'scanned code refused',
  );
  throw new DeviceError(`the scanned code is not ${wanted}: it ${parsed.problem}`, {
    unsupported: true,
  });
}
