import { creditCodeProblem } from '../platform/credit-code.ts';
import { APPLICATION_NO } from '../platform/schemas-services.ts';

/**
 * Codes that carry no personal data, which `scanner.read` may hand a flow as plain text: the
 * progress QR a kiosk prints on an application receipt, and the QR on a business licence. Each
 * parser accepts the URL the code holds or the bare value, checks it strictly, and says what was
 * wrong otherwise (the reason goes to the log and the error message, never the scanned text).
 */

/**
 * Longest scanned text worth parsing as a URL: a receipt's progress QR is at most 256 characters
 * (the QR block's limit) and a licence QR is shorter; anything longer is not one of ours.
 */
export const MAX_PUBLIC_CODE_LENGTH = 512;

/** Hosts of the national enterprise credit publicity system (国家企业信用信息公示系统). */
const CREDIT_PUBLICITY_HOST = /(^|\.)gsxt\.gov\.cn$/;

/** A candidate credit code inside a licence URL: 18 capitals and digits on their own. */
const CREDIT_CODE_TOKEN = /^[0-9A-Z]{18}$/;

/** A parse result: the value, or why the text is not one. */
export type Parsed = { value: string } | { problem: string };

/** The http(s) URL the text holds, or undefined when it is not one. */
function urlOf(text: string): URL | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    // Not a URL after all: the caller reports it as an unknown format.
    return undefined;
  }
}

/**
 * An application number from a receipt's progress QR (`<platform>/progress/<number>`, see the
 * platform's `progressUrl`) or typed/printed bare.
 */
export function parseApplicationNumber(text: string): Parsed {
  if (text.length > MAX_PUBLIC_CODE_LENGTH)
    return { problem: `is ${text.length} characters, longer than any receipt code` };
  if (APPLICATION_NO.test(text)) return { value: text };
  const url = urlOf(text);
  if (!url) return { problem: 'is neither a progress link nor an application number' };
  if (url.search !== '' || url.hash !== '')
    return { problem: 'is a link with a query or fragment, not a receipt progress link' };
  const match = /\/progress\/([^/]+)$/.exec(url.pathname);
  const number = match?.[1];
  if (number === undefined) return { problem: 'is a link, but not to a progress page' };
  if (!APPLICATION_NO.test(number))
    return { problem: 'is a progress link whose application number has the wrong format' };
  return { value: number };
}

/**
 * A unified social credit code from a business licence QR (a link to the credit publicity
 * system that names the code) or bare; the GB 32100 check character must be right.
 */
export function parseCreditCode(text: string): Parsed {
  if (text.length > MAX_PUBLIC_CODE_LENGTH)
    return { problem: `is ${text.length} characters, longer than any licence code` };
  const url = urlOf(text);
  let code = text;
  if (url) {
    if (!CREDIT_PUBLICITY_HOST.test(url.hostname))
      return { problem: 'is a link, but not to the enterprise credit publicity system' };
    const candidates = new Set(
      [...url.pathname.split(/[/.]/), ...url.searchParams.values()].filter((t) =>
        CREDIT_CODE_TOKEN.test(t),
      ),
    );
    if (candidates.size !== 1)
      return {
        problem:
          candidates.size === 0
            ? 'is a credit publicity link that names no credit code'
            : 'is a credit publicity link that names more than one credit code',
      };
    code = [...candidates][0] ?? '';
  }
  const problem = creditCodeProblem(code);
  return problem === undefined
    ? { value: code }
    : {
        problem: url
          ? `names a credit code that ${problem}`
          : `is not a credit code: it ${problem}`,
      };
}
