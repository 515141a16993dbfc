import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceError } from '../device/errors.ts';
import type { DeviceState } from '../device/model.ts';
import { FolderDocumentPrinter } from './folder-printer.ts';

const PDF = new TextEncoder().encode('%PDF-1.7\n%fake body for the simulator\n%%EOF\n');
const options = (): { title: string; signal: AbortSignal } => ({
  title: 'certificate',
  signal: new AbortController().signal,
});

describe('FolderDocumentPrinter', () => {
  let folder: string;
  let printer: FolderDocumentPrinter;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'kiosk24-docprinter-'));
    printer = new FolderDocumentPrinter({ folder });
  });
  afterEach(async () => {
    await printer.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('writes each job to the folder as <jobId>.pdf with the exact bytes', async () => {
    const { jobId } = await printer.print(PDF, options());
    expect(new Uint8Array(await readFile(join(folder, `${jobId}.pdf`)))).toEqual(PDF);
    expect(await printer.jobState(jobId)).toBe('completed');
  });

  it('gives every job its own id', async () => {
    const first = await printer.print(PDF, options());
    const second = await printer.print(PDF, { ...options(), copies: 2 });
    expect(first.jobId).not.toBe(second.jobId);
    expect(JSON.parse(await readFile(join(folder, `${second.jobId}.json`), 'utf8'))).toEqual({
      title: 'certificate',
      copies: 2,
    });
  });

  it('refuses to print with paper out, flags paperOut and writes nothing', async () => {
    printer.setPaper('out');
    const error: unknown = await printer.print(PDF, options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).paperOut).toBe(true);
    expect(await readdir(folder)).toEqual([]);
  });

  it('still prints with paper low and reports the low supply', async () => {
    printer.setPaper('low');
    await printer.print(PDF, options());
    expect(printer.state().supplies.paper).toBe('low');
  });

  it('tells listeners when the paper level changes', () => {
    const seen: DeviceState[] = [];
    printer.onStateChange((state) => seen.push(state));
    printer.setPaper('low');
    printer.setPaper('out');
    printer.setPaper('out');
    expect(seen.map((state) => state.supplies.paper)).toEqual(['low', 'out']);
  });

  it('refuses bytes that are not a PDF, saying what to pass', async () => {
    await expect(printer.print(new TextEncoder().encode('hello world'), options())).rejects.toThrow(
      /%PDF-/,
    );
  });

  it('refuses a canceled request with the canceled flag', async () => {
    const controller = new AbortController();
    controller.abort();
    const error: unknown = await printer
      .print(PDF, { title: 't', signal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as DeviceError).canceled).toBe(true);
  });

  it('refuses copies outside 1..99', async () => {
    await expect(printer.print(PDF, { ...options(), copies: 0 })).rejects.toThrow(/1 to 99/);
  });
});
