/** Opens the A4 document printer the config names: a CUPS queue or the folder simulator. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CupsDocumentPrinter } from '../../../drivers/document-printer/cups-printer.ts';
import { FolderDocumentPrinter } from '../../../drivers/document-printer/folder-printer.ts';
import type { DocumentPrinter } from '../../../drivers/document-printer/types.ts';
import type { KioskConfig } from '../config/index.ts';
import type { DeviceOpening } from './opening.ts';

/**
 * Opens the document printer; undefined only when none is configured. A CUPS queue that
 * fails its first self-test is still returned, and the failure is recorded.
 */
export async function openDocumentPrinter(
  documentConfig: KioskConfig['devices']['documentPrinter'],
  opening: DeviceOpening,
): Promise<DocumentPrinter | undefined> {
  if (documentConfig.mode === 'none') {
    opening.failures.set('documentPrinter', 'no document printer is configured');
    return undefined;
  }
  if (documentConfig.mode === 'simulated') {
    // The simulated printer's PDFs carry the resident's name: they live in a private folder
    // inside the run folder, removed when the kiosk stops and, after a kill, at the next start;
    // never under the data directory.
    const folder =
      documentConfig.outputDir ?? mkdtempSync(join(opening.runFolder ?? tmpdir(), 'kiosk24-a4-'));
    const printer = new FolderDocumentPrinter({ folder });
    opening.simulators.document = printer;
    printer.onStateChange(opening.changed);
    if (!documentConfig.outputDir)
      opening.closeLater(() => Promise.resolve(rmSync(folder, { recursive: true, force: true })));
    return printer;
  }
  const printer = new CupsDocumentPrinter({
    queue: documentConfig.queue ?? '',
    ...(documentConfig.cupsHost ? { server: documentConfig.cupsHost } : {}),
  });
  printer.onStateChange(opening.changed);
  await printer
    .selfTest()
    .catch((error: unknown) =>
      opening.fail('documentPrinter', `CUPS queue ${documentConfig.queue ?? ''}`, error),
    );
  return printer;
}
