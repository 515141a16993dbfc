import type { ScanExpectation } from '../capabilities/catalogue.ts';
import { SENTINEL } from './sentinels.ts';
import { creditCodeCheck } from './entry-samples.ts';

/**
 * What the flow tester's scanner shows `scanner.read`, one entry per `expect`: each success
 * variant (a coverage item `ok:<variant>`) with the text scanned for it. The texts are valid, so
 * the real capability code parses them as it would a resident's; a resident code is the sentinel
 * credential, which the leak search looks for everywhere.
 */

/** A fictional credit code with a correct GB 32100 check character. */
const CREDIT_CODE = `91320100MA1XK24T0${creditCodeCheck('91320100MA1XK24T0')}`;

/** The scanned text of each success variant, by what the read expects. */
export const SCAN_SAMPLES: Record<ScanExpectation, Readonly<Record<string, string>>> = {
  'resident-code': { code: SENTINEL.codeText },
  'application-number': {
    'receipt-link': 'https://platform.example/progress/SQ320100000123',
    number: 'SQ320100000123',
  },
  'credit-code': {
    'licence-link': `https://www.gsxt.gov.cn/index.html?uniscid=${CREDIT_CODE}`,
    'credit-code': CREDIT_CODE,
  },
};

/** The `expect` of a `scanner.read` input, as the catalogue defaults it. */
export function scanExpectationOf(input: unknown): ScanExpectation {
  const expect =
    typeof input === 'object' && input !== null
      ? (input as Record<string, unknown>).expect
      : undefined;
  return typeof expect === 'string' && Object.hasOwn(SCAN_SAMPLES, expect)
    ? (expect as ScanExpectation)
    : 'resident-code';
}

/** The success variants of a `scanner.read` that expects `expect`. */
export function scanVariants(expect: string): string[] {
  const samples = Object.hasOwn(SCAN_SAMPLES, expect)
    ? SCAN_SAMPLES[expect as ScanExpectation]
    : SCAN_SAMPLES['resident-code'];
  return Object.keys(samples);
}

/** The text the sentinel scanner shows for a variant; the resident code for any other. */
export function scanText(variant: string): string {
  for (const samples of Object.values(SCAN_SAMPLES))
    if (Object.hasOwn(samples, variant)) return samples[variant] ?? SENTINEL.codeText;
  return SENTINEL.codeText;
}
