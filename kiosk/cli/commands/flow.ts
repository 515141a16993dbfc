import { resolve } from 'node:path';
import { TemplateCatalog } from '../../../printer-templates/catalog.ts';
import { FlowPackageErrors } from '../../core/runner/errors.ts';
import { loadFlowPackage } from '../../core/runner/load-package.ts';
import { readInstalledTemplates } from '../../core/runner/package-templates.ts';

/** `kiosk24 flow check DIR`: validates a flow package the way the kiosk will at install. */
export function flowCheckCommand(dir: string | undefined, out: (line: string) => void): number {
  if (!dir) {
    out('usage: kiosk24 flow check <package folder>');
    return 2;
  }
  try {
    const pkg = loadFlowPackage(resolve(dir));
    // The loader has refused any template file it could not read; the catalogue checks the rest.
    const { templates } = readInstalledTemplates([resolve(dir)]);
    const problems = TemplateCatalog.load(templates).problems;
    if (problems.length > 0) {
      out(
        `flow package ${dir} was refused (${problems.length} template problem${problems.length === 1 ? '' : 's'}):`,
      );
      for (const p of problems) out(`  - ${p.file}${p.key ? ` at ${p.key}` : ''}: ${p.message}`);
      return 1;
    }
    out(
      `ok: ${pkg.manifest.id} ${pkg.manifest.version} (${Object.keys(pkg.screens).length} screens, needs ${pkg.manifest.requires.join(', ')}${pkg.manifest.optional.length > 0 ? `; can do without ${pkg.manifest.optional.join(', ')}` : ''})`,
    );
    return 0;
  } catch (error) {
    if (error instanceof FlowPackageErrors) {
      out(error.message);
      return 1;
    }
    throw error;
  }
}
