import type { z } from 'zod';
import { maskIdNumber, maskName, maskPassNumber } from '../privacy/mask.ts';
import type { ACTOR_CAPABILITIES } from './catalogue.ts';
import type { CapabilityCall } from './ports.ts';
import { withPrintLedger } from './print-ledger.ts';
import { templateRefusal } from './template-refusal.ts';

/** The input `print.receipt` takes, as the catalogue parsed it. */
export type PrintReceiptInput = z.output<(typeof ACTOR_CAPABILITIES)['print.receipt']['input']>;

/**
 * `print.receipt`: renders a receipt template and prints it. A flow can only hand it values
 * from views, which hold no raw personal data; the personal fields are masked once more here
 * because receipts leave the kiosk in residents' pockets.
 */
export async function printReceipt(
  call: CapabilityCall,
  input: PrintReceiptInput,
): Promise<{ printed: boolean }> {
  let bytes: Uint8Array;
  try {
    bytes = await call.ports.renderReceipt(input.template, {
      ...maskReceiptData(input.data),
      kioskId: call.ports.kioskId,
      printedAt: chinaTime(new Date(call.clock.now())),
    });
  } catch (error) {
    throw templateRefusal(call, 'print.receipt', error);
  }
  await withPrintLedger(call, { device: 'receipt', summary: input.template }, () =>
    call.ports.printReceipt(bytes, { signal: call.signal }),
  );
  return { printed: true };
}

/** Formats an instant as China Standard Time, `YYYY-MM-DD HH:mm`, for paper. */
export function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function maskReceiptData(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const key of ['name', 'nameEn'] as const)
    if (typeof out[key] === 'string') out[key] = maskName(out[key]);
  if (typeof out.idNumber === 'string') out.idNumber = maskIdNumber(out.idNumber);
  if (typeof out.passNumber === 'string') out.passNumber = maskPassNumber(out.passNumber);
  return out;
}
