/**
 * Templates shipped in a flow package: read through PackageFiles (so a link out of the
 * package is refused), handed to the catalogue as parsed JSON, and the machine's template
 * references checked against them and the built-in ones.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TemplateCatalog } from '../../../printer-templates/catalog.ts';
import { DEMO_RECEIPT } from '../../../printer-templates/testing/demo-flow.ts';
import { loadFlowPackage } from './load-package.ts';
import { checkTemplateRefs, readInstalledTemplates } from './package-templates.ts';
import { hostilePackage, refusal, removeHostilePackages } from './testing/hostile-package.ts';

afterAll(removeHostilePackages);

const SLIP = JSON.stringify({ ...DEMO_RECEIPT, id: 'slip' });

/** Points the machine's receipt step at `template`. */
function receiptTemplate(dir: string, template: string): void {
  const file = join(dir, 'machine.json');
  const machine = JSON.parse(readFileSync(file, 'utf8')) as {
    states: { receipt: { invoke: { input: { template: string } } } };
  };
  machine.states.receipt.invoke.input.template = template;
  writeFileSync(file, JSON.stringify(machine));
}

describe('templates in a flow package', () => {
  it('are read and named <flowId>/<name>, and the machine may print with them', () => {
    const { dir } = hostilePackage(({ dir }) => {
      mkdirSync(join(dir, 'templates'));
      writeFileSync(join(dir, 'templates', 'slip.json'), SLIP);
      receiptTemplate(dir, 'si-payment-certificate/slip');
    });
    expect(loadFlowPackage(dir).manifest.id).toBe('si-payment-certificate');
    const { templates, problems } = readInstalledTemplates([dir]);
    expect(problems).toEqual([]);
    const catalog = TemplateCatalog.load(templates);
    expect(catalog.find('si-payment-certificate/slip').source).toBe(
      join(dir, 'templates', 'slip.json'),
    );
    expect(catalog.problems).toEqual([]);
  });

  it('are found in a folder of packages too', () => {
    const { dir } = hostilePackage(({ dir }) => {
      mkdirSync(join(dir, 'templates'));
      writeFileSync(join(dir, 'templates', 'slip.json'), SLIP);
    });
    const names = readInstalledTemplates([join(dir, '..')]).templates.map((t) => t.name);
    expect(names).toEqual(['slip']);
  });

  it('refuses a template file linked outside the package', () => {
    const { dir } = hostilePackage(({ dir, outside }) => {
      mkdirSync(join(dir, 'templates'));
      writeFileSync(join(outside, 'slip.json'), SLIP);
      symlinkSync(join(outside, 'slip.json'), join(dir, 'templates', 'slip.json'));
    });
    const problem = refusal(dir).problems.find((p) => p.file === 'templates/slip.json');
    expect(problem?.problem).toContain('leads outside the package');
    const installed = readInstalledTemplates([dir]);
    expect(installed.templates).toEqual([]);
    expect(installed.problems[0]?.message).toContain('templates/slip.json');
  });

  it('refuses a templates folder linked outside the package', () => {
    const { dir } = hostilePackage(({ dir, outside }) => {
      mkdirSync(join(outside, 'templates'));
      writeFileSync(join(outside, 'templates', 'slip.json'), SLIP);
      symlinkSync(join(outside, 'templates'), join(dir, 'templates'));
    });
    const problem = refusal(dir).problems.find((p) => p.file === 'templates');
    expect(problem?.problem).toContain('leads outside the package');
  });

  it('refuses a machine that prints with a template nobody ships', () => {
    const { dir } = hostilePackage(({ dir }) =>
      receiptTemplate(dir, 'si-payment-certificate/nope'),
    );
    const problem = refusal(dir).problems.find((p) => p.pointer.endsWith('/template'));
    expect(problem?.pointer).toBe('/states/receipt/invoke/input/template');
    expect(problem?.problem).toBe('no template is named "si-payment-certificate/nope"');
    expect(problem?.fix).toContain('templates/nope.json');
  });

  it('refuses a template file whose name cannot be part of a template name', () => {
    const { dir } = hostilePackage(({ dir }) => {
      mkdirSync(join(dir, 'templates'));
      writeFileSync(join(dir, 'templates', 'my slip.json'), SLIP);
    });
    const problem = refusal(dir).problems.find((p) => p.file === 'templates/my slip.json');
    expect(problem?.fix).toContain('letters, digits');
  });
});

describe('checkTemplateRefs', () => {
  const available = new Set(['queue-ticket', 'demo/slip']);

  it('checks every printing invoke, in arrays and nested states, and skips $ references', () => {
    const machine = {
      states: {
        a: { invoke: { src: 'print.receipt', input: { template: 'queue-ticket' } } },
        b: {
          states: {
            c: {
              invoke: [
                { src: 'platform.call', input: { template: 'not-a-print' } },
                { src: 'print.certificate', input: { template: 'demo/missing' } },
                { src: 'print.receipt', input: { template: '$context.template' } },
              ],
            },
          },
        },
      },
    };
    const problems = checkTemplateRefs('machine.json', machine, available);
    expect(problems.map((p) => p.pointer)).toEqual(['/states/b/states/c/invoke/1/input/template']);
  });

  it('walks a deeply nested machine without recursion', () => {
    let machine: unknown = { invoke: { src: 'print.receipt', input: { template: 'x' } } };
    for (let i = 0; i < 100_000; i++) machine = { states: { s: machine } };
    expect(checkTemplateRefs('machine.json', machine, available)).toHaveLength(1);
  });
});
