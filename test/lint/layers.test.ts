import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * Proves the layering rules in eslint.config.js still fire: each snippet is linted as if it
 * sat at the given path. Type information is switched off, since these rules work on import
 * text and file paths alone, which keeps this test to a few seconds.
 */
const eslint = new ESLint({
  cwd: fileURLToPath(new URL('../..', import.meta.url)),
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
});

async function rulesReported(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
  const messages = result?.messages ?? [];
  // A message with no rule is a parse error or "file ignored": the snippet was never checked.
  const unchecked = messages.find((message) => message.ruleId === null);
  if (unchecked) throw new Error(`${filePath} was not linted: ${unchecked.message}`);
  return messages.map((message) => message.ruleId ?? '');
}

const importing = (specifier: string): string =>
  `import type { Anything } from '${specifier}';\nexport type Probe = Anything;\n`;

describe('the layer rules', () => {
  it.each([
    ['drivers/device/probe.ts', '../../kiosk/core/log.ts'],
    ['drivers/scanner/probe.test.ts', '../../kiosk/core/log.ts'],
    ['drivers/device/probe.ts', '../../printer-templates/catalog.ts'],
    ['printer-templates/receipt/probe.ts', '../../kiosk/core/privacy/mask.ts'],
    ['kiosk/core/probe.ts', '../browser-host/sim-control.ts'],
    ['kiosk/core/devices/probe.ts', '../../cli/commands/print.ts'],
    ['kiosk/core/probe.ts', '../main/entry.ts'],
    ['kiosk/core/probe.ts', '../preload/preload.ts'],
    ['kiosk/core/probe.ts', '../renderer/bridge.ts'],
    ['kiosk/renderer/probe.ts', '../core/log.ts'],
    ['kiosk/renderer/sim-panel/probe.ts', '../../browser-host/sim-control.ts'],
    ['kiosk/renderer/parts/probe.tsx', '../../../drivers/device/model.ts'],
    ['kiosk/contract.ts', '../drivers/device/model.ts'],
  ])('refuses %s importing %s', async (filePath, specifier) => {
    expect(await rulesReported(filePath, importing(specifier))).toContain('no-restricted-imports');
  });

  it.each([
    ['drivers/scanner/probe.ts', '../device/logger.ts'],
    ['printer-templates/receipt/probe.ts', '../../drivers/receipt-printer/profile.ts'],
    ['kiosk/core/probe.ts', '../contract.ts'],
    ['kiosk/core/probe.ts', '../../printer-templates/catalog.ts'],
    ['kiosk/renderer/probe.ts', '../contract.ts'],
    ['kiosk/renderer/parts/probe.tsx', '../../contract.ts'],
    ['kiosk/renderer/parts/probe.tsx', '../view-state.ts'],
    ['kiosk/browser-host/probe.ts', '../core/simulator-control.ts'],
  ])('lets %s import %s', async (filePath, specifier) => {
    expect(await rulesReported(filePath, importing(specifier))).not.toContain(
      'no-restricted-imports',
    );
  });
});

describe('the import cycle rule', () => {
  // catalog.ts imports catalog-entry.ts, so an import back from catalog-entry.ts closes a cycle.
  it('reports a cycle through a value import', async () => {
    const code =
      "import { TemplateCatalog } from './catalog.ts';\nexport const c = TemplateCatalog;\n";
    expect(await rulesReported('printer-templates/catalog-entry.ts', code)).toContain(
      'kiosk24/no-import-cycle',
    );
  });

  it('reports a cycle through a type-only import, and a longer one through re-exports', async () => {
    const back =
      "import type { TemplateCatalog } from './catalog.ts';\nexport type C = TemplateCatalog;\n";
    expect(await rulesReported('printer-templates/catalog-entry.ts', back)).toContain(
      'kiosk24/no-import-cycle',
    );
    // print.ts imports print-test.ts, which imports print-output.ts.
    const longer = "export { printCommand } from './print.ts';\n";
    expect(await rulesReported('kiosk/cli/commands/print-output.ts', longer)).toContain(
      'kiosk24/no-import-cycle',
    );
  });

  it('stays quiet on imports that do not lead back', async () => {
    const code =
      "import type { TemplateKind } from './catalog-entry.ts';\nexport type K = TemplateKind;\n";
    expect(await rulesReported('printer-templates/catalog.ts', code)).not.toContain(
      'kiosk24/no-import-cycle',
    );
  });
});

describe('the file size rule', () => {
  const long = 'export const line = 1;\n'.repeat(401);

  it('refuses a source file over 400 lines', async () => {
    expect(await rulesReported('kiosk/core/probe.ts', long)).toContain('max-lines');
  });

  it('lets a test file be longer', async () => {
    expect(await rulesReported('kiosk/core/probe.test.ts', long)).not.toContain('max-lines');
  });
});
