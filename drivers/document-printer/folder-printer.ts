/**
 * The document-printer simulator: every job becomes a PDF file in a folder, named by its job
 * id. Paper can be set to ok, low or out, so flows and maintenance screens can be exercised
 * without a printer. Use a folder that is wiped with the session data: the PDFs are real
 * certificates with the resident's name on them.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canceledError, DeviceError } from '../device/errors.ts';
import type { DeviceState, SupplyState } from '../device/model.ts';
import {
  checkPrintArguments,
  type DocumentPrinter,
  type JobState,
  type PrintOptions,
} from './types.ts';

/** Paper level the simulator reports. */
export type SimulatedPaper = 'ok' | 'low' | 'out';

const PAPER_SUPPLY: Record<SimulatedPaper, SupplyState> = { ok: 'full', low: 'low', out: 'out' };
const PAPER_DETAIL: Record<SimulatedPaper, string> = {
  ok: 'ready (simulated)',
  low: 'paper low (simulated)',
  out: 'paper out (simulated)',
};

/** A DocumentPrinter that writes each job to `<folder>/<jobId>.pdf`. */
export class FolderDocumentPrinter implements DocumentPrinter {
  readonly deviceClass = 'documentPrinter' as const;
  readonly id: string;
  readonly folder: string;
  private paper: SimulatedPaper = 'ok';
  private nextJob = 1;
  private readonly jobs = new Set<string>();
  private readonly listeners = new Set<(state: DeviceState) => void>();
  private closed = false;

  constructor(options: { folder: string; id?: string }) {
    this.folder = options.folder;
    this.id = options.id ?? 'document-printer-sim';
  }

  /** Sets the simulated paper level and reports the change like a real printer would. */
  setPaper(level: SimulatedPaper): void {
    if (level === this.paper) return;
    this.paper = level;
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }

  /** The simulator's current state. */
  state(): DeviceState {
    return {
      id: this.id,
      deviceClass: this.deviceClass,
      status: this.closed ? 'offline' : 'online',
      supplies: { paper: PAPER_SUPPLY[this.paper] },
      detail: PAPER_DETAIL[this.paper],
      simulated: true,
    };
  }

  /** Subscribes to state changes. */
  onStateChange(listener: (state: DeviceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The simulator has nothing to test; it reports its state. */
  selfTest(signal?: AbortSignal): Promise<DeviceState> {
    if (signal?.aborted === true) return Promise.reject(canceledError('self-test', signal));
    return Promise.resolve(this.state());
  }

  /** Writes the PDF as `<jobId>.pdf` (and `<jobId>.json` with title and copies). */
  async print(pdf: Uint8Array, options: PrintOptions): Promise<{ jobId: string }> {
    const copies = checkPrintArguments(pdf, options);
    if (options.signal.aborted) throw canceledError('printing', options.signal);
    if (this.closed)
      throw new DeviceError('the simulated document printer is closed', { disconnected: true });
    if (this.paper === 'out') {
      throw new DeviceError('the document printer is out of paper; load A4 paper and retry', {
        paperOut: true,
      });
    }
    const jobId = `sim-${this.nextJob++}`;
    await mkdir(this.folder, { recursive: true });
    const target = join(this.folder, `${jobId}.pdf`);
    // Write then rename, so a watcher never sees a half-written PDF.
    await writeFile(`${target}.partial`, pdf, { signal: options.signal });
    await rename(`${target}.partial`, target);
    await writeFile(
      join(this.folder, `${jobId}.json`),
      JSON.stringify({ title: options.title, copies }),
    );
    this.jobs.add(jobId);
    return { jobId };
  }

  /** Every job the simulator accepted is complete at once. */
  jobState(jobId: string): Promise<JobState> {
    return Promise.resolve(this.jobs.has(jobId) ? 'completed' : 'unknown');
  }

  /** Marks the simulator offline; later prints fail as disconnected. */
  close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    return Promise.resolve();
  }
}
