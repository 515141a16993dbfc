import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Journey } from './journey.ts';
import { qrTextOfPdf } from './journey.ts';
import { requireTool } from './tools.ts';

/** What a printed certificate says, read back from the A4 the simulated printer wrote. */
export interface PrintedCertificate {
  /** The PDF's text as pdftotext extracts it. */
  text: string;
  /** The text with every space and line break removed, for words the layout may wrap. */
  flat: string;
  /** What the verification QR on its last page holds. */
  verifyUrl: string;
}

/** The one certificate printed so far in this test, its text and its verification QR. */
export function onlyCertificate(journey: Journey): PrintedCertificate {
  const pdfs = readdirSync(journey.kiosk.documentDir).filter((f) => f.endsWith('.pdf'));
  expect(pdfs).toHaveLength(1);
  const pdf = join(journey.kiosk.documentDir, pdfs[0] ?? '');
  const text = execFileSync(requireTool('pdftotext', 'poppler-utils'), ['-layout', pdf, '-'], {
    encoding: 'utf8',
  });
  return { text, flat: text.replace(/\s+/g, ''), verifyUrl: qrTextOfPdf(pdf) };
}

/** PDFs the simulated document printer holds; none after a failed print. */
export function printedPdfs(journey: Journey): string[] {
  return readdirSync(journey.kiosk.documentDir).filter((f) => f.endsWith('.pdf'));
}

/**
 * Checks the QR opens the sandbox's verify page and the platform says the certificate of that
 * kind and number is valid, with the holder masked.
 */
export async function expectVerifies(
  journey: Journey,
  verifyUrl: string,
  expected: { kind: string; certificateNo: string; holder: string },
): Promise<void> {
  expect(verifyUrl.startsWith(`${journey.kiosk.kiosk.platformUrl}/verify/`)).toBe(true);
  const reply = await fetch(verifyUrl, { headers: { accept: 'application/json' } });
  expect(await reply.json()).toMatchObject({ status: 'valid', ...expected });
}

/** The certificate number the take-document screen shows (its only field row). */
export async function certificateNoOnScreen(journey: Journey): Promise<string> {
  const text = await journey.page.locator('main').innerText();
  // The sandbox numbers certificates as a kind prefix, the date and a sequence (GJJ20261201000001).
  const match = /(?:GJJ|BDC|DZZZ|SB|XY)\d{8,}/.exec(text);
  expect(match, `a certificate number on the screen, got: ${text}`).not.toBeNull();
  return match?.[0] ?? '';
}

/** Asks the sandbox for the code a resident's phone would show, as the /sim panel does. */
export async function residentCode(journey: Journey, profile: string): Promise<string> {
  const reply = await fetch(`${journey.kiosk.kiosk.platformUrl}/sandbox/resident-codes/${profile}`);
  expect(reply.status).toBe(200);
  return ((await reply.json()) as { code: string }).code;
}
