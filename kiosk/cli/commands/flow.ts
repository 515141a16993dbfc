import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assetPath } from '../../../assets.ts';
import { TemplateCatalog } from '../../../printer-templates/catalog.ts';
import { FlowPackageError } from '../../core/runner/errors.ts';
import { installedFlowIds } from '../../core/runner/load-flows.ts';
import { checkFlowPackage, type PackageReport } from '../../core/runner/load-package.ts';
import { readInstalledTemplates } from '../../core/runner/package-templates.ts';

const USAGE = `usage: kiosk24 flow check PATH [--json] [--installed DIR]...
       kiosk24 flow test PATH [--json] [--walks N [--seed S]] [--replay STEPS]   (flow test --help)
       kiosk24 flow new ID [--out DIR]   a package to start from (flow new --help)
       kiosk24 flow keygen|pack|sign|install|rollback|list ...   (flow install --help)

  Checks a flow package the way the kiosk does at install: every problem at once, each with
  the file, the JSON pointer and the fix. Exit code 0 when the package is accepted, 1 when it
  is refused, 2 for a usage error.

  --json            print {"ok", "id", "version", "problems", "warnings"} instead of text
  --installed DIR   a folder of installed packages whose ids this one must not reuse
                    (the kiosk's built-in flows are always included)`;

/** One problem or warning as `--json` prints it. */
interface ProblemJson {
  file: string;
  pointer: string;
  message: string;
  fix: string;
}

/** `kiosk24 flow <subcommand>`: resolves to the exit code; never throws on any input. */
export function flowCommand(args: string[], out: (line: string) => void): number | Promise<number> {
  // The path tester loads the runtime; `flow check` must not wait for it.
  if (args[0] === 'test')
    return import('./flow-test.ts').then((m) => m.flowTestCommand(args.slice(1), out));
  if (args[0] === 'new')
    return import('./flow-new.ts').then((m) => m.flowNewCommand(args.slice(1), out));
  if (['keygen', 'pack', 'sign', 'install', 'rollback', 'list'].includes(args[0] ?? ''))
    return import('./flow-install.ts').then((m) => m.flowInstallCommand(args, out));
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        installed: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    out(`kiosk24 flow: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const [sub, path, ...extra] = parsed.positionals;
  if (parsed.values.help) {
    out(USAGE);
    return 0;
  }
  if (sub !== 'check' || path === undefined || extra.length > 0) {
    out(USAGE);
    return 2;
  }
  const report = checkReport(resolve(path), [
    assetPath('builtInFlows'),
    ...parsed.values.installed,
  ]);
  if (parsed.values.json) out(JSON.stringify(reportJson(report)));
  else for (const line of reportText(path, report)) out(line);
  return report.problems.length === 0 ? 0 : 1;
}

/** Runs every check on one package, including its templates; an internal fault is a problem. */
function checkReport(dir: string, installedRoots: string[]): PackageReport {
  try {
    const report = checkFlowPackage(dir, { loaded: installedFlowIds(installedRoots) });
    if (report.problems.length === 0) {
      // The loader has refused any template file it could not read; the catalogue checks the rest.
      const { templates } = readInstalledTemplates([dir]);
      for (const p of TemplateCatalog.load(templates).problems) {
        report.problems.push(
          new FlowPackageError(
            p.file,
            p.key ? `/${p.key.replaceAll('.', '/')}` : '',
            p.message,
            'fix the template as printer-templates/README.md describes',
          ),
        );
      }
    }
    return report;
  } catch (error) {
    // Never a stack trace for a vendor: a fault in the check itself is reported as a problem.
    const message = error instanceof Error ? error.message : String(error);
    return {
      dir,
      problems: [
        new FlowPackageError(
          '',
          '',
          `the check itself failed (${message})`,
          'report this to the kiosk24 team with the package',
        ),
      ],
      warnings: [],
    };
  }
}

function reportJson(report: PackageReport): {
  ok: boolean;
  id: string | null;
  version: string | null;
  problems: ProblemJson[];
  warnings: ProblemJson[];
} {
  const item = (p: FlowPackageError): ProblemJson => ({
    file: p.file,
    pointer: p.pointer,
    message: p.problem,
    fix: p.fix,
  });
  return {
    ok: report.problems.length === 0,
    id: report.manifest?.id ?? null,
    version: report.manifest?.version ?? null,
    problems: report.problems.map(item),
    warnings: report.warnings.map(item),
  };
}

function reportText(path: string, report: PackageReport): string[] {
  const lines: string[] = [];
  const { manifest, problems, warnings } = report;
  if (problems.length > 0) {
    lines.push(
      `flow package ${path} was refused (${problems.length} problem${problems.length === 1 ? '' : 's'}):`,
    );
    for (const p of problems) lines.push(`  - ${p.message}`);
  } else if (manifest) {
    lines.push(
      `ok: ${manifest.id} ${manifest.version} (${Object.keys(report.pkg?.screens ?? {}).length} screens, needs ${manifest.requires.join(', ')}${manifest.optional.length > 0 ? `; can do without ${manifest.optional.join(', ')}` : ''})`,
    );
  }
  if (warnings.length > 0) {
    lines.push(`warnings (${warnings.length}):`);
    for (const w of warnings) lines.push(`  - ${w.message}`);
  }
  return lines;
}
