import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { manifestSchema } from '../kiosk/core/runner/package-schema.ts';
import { renderFlowSchemas, SCHEMA_DIR } from './flow-schemas.ts';

const ROOT = resolve(import.meta.dirname, '..');
const FLOWS = join(ROOT, 'flows');

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

describe('flows/schema', () => {
  it('holds exactly what npm run flow-schemas writes', async () => {
    const rendered = await renderFlowSchemas(ROOT);
    const stale = 'flows/schema is out of date: run npm run flow-schemas';
    for (const [path, text] of rendered) {
      const committed = existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path), 'utf8') : '';
      expect(committed, stale).toBe(text);
    }
    const written = [...rendered.keys()].map((path) => path.slice(SCHEMA_DIR.length + 1));
    expect(readdirSync(join(ROOT, SCHEMA_DIR)).sort(), stale).toEqual(written.sort());
  });
});

describe('the generated JSON Schemas, in a JSON Schema validator', () => {
  // Strict, so a keyword ajv does not know (and an editor would skip) fails the test. Type lists
  // such as ["string", "number"] are plain JSON Schema; strict mode only asks to opt in to them.
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  const validators = new Map<string, ValidateFunction>();
  for (const name of ['flow', 'machine', 'screens']) {
    const path = join(ROOT, SCHEMA_DIR, `${name}.schema.json`);
    validators.set(path, ajv.compile(readJson(path)));
  }
  const validate = (schemaPath: string, data: unknown): string => {
    const check = validators.get(schemaPath);
    if (!check) throw new Error(`no generated schema at ${schemaPath}`);
    return check(data) ? '' : ajv.errorsText(check.errors);
  };

  const packages = readdirSync(FLOWS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(FLOWS, entry.name, 'flow.json')))
    .map((entry) => entry.name);

  it('finds the built-in flow packages', () => {
    expect(packages).toContain('si-payment-certificate');
  });

  it.each(packages)('accepts every file of %s through its own $schema reference', (name) => {
    const dir = join(FLOWS, name);
    const manifest = manifestSchema.parse(readJson(join(dir, 'flow.json')));
    const files: [string, string][] = [
      ['flow.json', 'flow'],
      [manifest.machine, 'machine'],
      [manifest.screens, 'screens'],
    ];
    for (const [file, schema] of files) {
      const path = join(dir, file);
      const json = readJson(path);
      expect(typeof json.$schema, `${name}/${file} has no $schema`).toBe('string');
      const schemaPath = resolve(dirname(path), String(json.$schema));
      expect(schemaPath).toBe(join(ROOT, SCHEMA_DIR, `${schema}.schema.json`));
      expect(validate(schemaPath, json), `${name}/${file}`).toBe('');
    }
  });

  it('refuses what the kiosk refuses, so the schemas are not empty promises', () => {
    const dir = join(FLOWS, 'si-payment-certificate');
    const schema = (name: string) => join(ROOT, SCHEMA_DIR, `${name}.schema.json`);

    const manifest = { ...readJson(join(dir, 'flow.json')), catalogueVersion: 99 };
    expect(validate(schema('flow'), manifest)).toContain('catalogueVersion');

    const machine = readJson(join(dir, 'machine.json'));
    const states = machine.states as Record<string, { invoke?: { src: string } }>;
    const lookup = states.lookup?.invoke;
    if (lookup) lookup.src = 'shell.exec';
    expect(validate(schema('machine'), machine)).not.toBe('');

    const screens = { ...readJson(join(dir, 'screens.json')), 'Not A Name': { layout: 'task' } };
    expect(validate(schema('screens'), screens)).toContain('property name');
  });
});
