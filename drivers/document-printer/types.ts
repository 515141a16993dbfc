/**
 * The A4 document printer as the capability layer sees it: the common device model plus
 * printing a finished PDF and asking what became of a job.
 */
import type { Device } from '../device/model.ts';

/** How one PDF is to be printed. */
export interface PrintOptions {
  /** Job name shown in the queue; must not contain personal data (it is logged by CUPS). */
  title: string;
  /** Number of copies, 1..99; defaults to 1. */
  copies?: number;
  /** Cancels the submission; a job already handed to the spooler is not recalled. */
  signal: AbortSignal;
}

/** Where a submitted job stands; `completed` means handed to the printer, not paper out of it. */
export type JobState = 'pending' | 'completed' | 'unknown';

/** A printer for A4 PDFs (certificates, application forms). */
export interface DocumentPrinter extends Device {
  /** Submits `pdf`; resolves with the spooler's job id once the job is accepted. */
  print(pdf: Uint8Array, options: PrintOptions): Promise<{ jobId: string }>;
  /** Looks up a job submitted by `print`. */
  jobState(jobId: string, signal?: AbortSignal): Promise<JobState>;
}

/** Checks print arguments the same way for every printer; throws a TypeError that says what to pass. */
export function checkPrintArguments(pdf: Uint8Array, options: PrintOptions): number {
  if (!(pdf instanceof Uint8Array) || pdf.byteLength < 8) {
    throw new TypeError('print() needs the PDF as a non-empty Uint8Array');
  }
  if (String.fromCharCode(...pdf.subarray(0, 5)) !== '%PDF-') {
    throw new TypeError(
      'print() was given bytes that do not start with "%PDF-"; render the document to PDF first',
    );
  }
  if (options.title.trim().length === 0) {
    throw new TypeError(
      'print() needs a job title (e.g. the certificate type), not an empty string',
    );
  }
  const copies = options.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > 99) {
    throw new TypeError(`copies must be a whole number from 1 to 99, got ${copies}`);
  }
  return copies;
}
