import { randomUUID } from 'node:crypto';
import type { CapabilityCall } from './ports.ts';

/**
 * Runs one print with its ledger entry around it: started (written before a byte goes to the
 * printer), then confirmed or failed. After a crash the entry still says `started`, which is
 * how the next technician learns that a job may have been cut off.
 */
export async function withPrintLedger<T>(
  call: CapabilityCall,
  job: { device: 'receipt' | 'document'; summary: string },
  print: () => Promise<T>,
): Promise<T> {
  const journal = call.ports.journal;
  const id = journal?.printStarted({
    sessionRef: call.sessionRef,
    device: job.device,
    jobId: randomUUID(),
    summary: job.summary,
  });
  try {
    const result = await print();
    if (id !== undefined) journal?.printConfirmed(id);
    return result;
  } catch (error) {
    if (id !== undefined)
      journal?.printFailed(id, error instanceof Error ? error.message : 'failed');
    throw error;
  }
}
