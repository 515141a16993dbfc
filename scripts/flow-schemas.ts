/**
 * Writes the JSON Schemas of flow packages (flows/schema/*.schema.json) from the zod schemas the
 * kiosk checks packages with, so editors complete and underline flow files the way the kiosk
 * judges them. Run `npm run flow-schemas` after changing a schema or the capability catalogue;
 * flow-schemas.test.ts fails while the committed files differ from what this writes.
 *
 * Draft-07, not 2020-12: VS Code's JSON language service implements draft-07 fully but 2019-09
 * and 2020-12 only in part (older releases, and Monaco-based editors that embed them, stop
 * validating or warn on the newer drafts), and these schemas need nothing newer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { z } from 'zod';
import { machineSchema } from '../kiosk/core/runner/machine-schema.ts';
import { manifestSchema, screensSchema } from '../kiosk/core/runner/package-schema.ts';

/** The folder of the generated schemas, relative to the repository root. */
export const SCHEMA_DIR = 'flows/schema';

type JsonObject = Record<string, unknown>;

const SCHEMAS: { file: string; schema: z.ZodType; title: string; description: string }[] = [
  {
    file: 'flow.schema.json',
    schema: manifestSchema,
    title: 'kiosk24 flow package: flow.json',
    description: 'What a flow package is and which devices and services it needs.',
  },
  {
    file: 'machine.schema.json',
    schema: machineSchema,
    title: 'kiosk24 flow package: machine.json',
    description:
      'The xstate machine of a flow, limited to the capability catalogue. The kiosk checks more ' +
      'at install (screens exist, targets resolve): run `npx kiosk24 flow check <package>`.',
  },
  {
    file: 'screens.schema.json',
    schema: screensSchema,
    title: 'kiosk24 flow package: screens.json',
    description: 'One screen spec per screen name that the machine uses in `meta.screen`.',
  },
];

/** Renders every schema file as Prettier-formatted text, keyed by its path from the repository root. */
export async function renderFlowSchemas(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const { file, schema, title, description } of SCHEMAS) {
    // Input, not output: a file may leave out what the kiosk defaults, e.g. "order".
    const { $schema, ...body } = z.toJSONSchema(schema, { target: 'draft-07', io: 'input' });
    if (file === 'screens.schema.json') allowSchemaKey(body);
    const json = {
      $schema,
      $id: `urn:kiosk24:flow-package:${file.replace('.schema', '')}`,
      title,
      description,
      $comment: 'Generated from the zod schemas by `npm run flow-schemas`: do not edit.',
      ...body,
    };
    const path = join(SCHEMA_DIR, file);
    const options = await resolveConfig(join(root, path));
    files.set(path, await format(JSON.stringify(json), { ...options, filepath: path }));
  }
  return files;
}

/**
 * screens.json maps screen names to screens, and the kiosk drops a `$schema` string before it
 * reads them; the JSON Schema has to say the same in its own words.
 */
function allowSchemaKey(json: JsonObject): void {
  json.properties = {
    $schema: {
      type: 'string',
      description: 'Where an editor finds this JSON Schema (flows/schema)',
    },
  };
  json.propertyNames = { anyOf: [{ const: '$schema' }, json.propertyNames ?? {}] };
}

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  mkdirSync(join(root, SCHEMA_DIR), { recursive: true });
  for (const [path, text] of await renderFlowSchemas(root)) {
    writeFileSync(join(root, path), text);
    console.log(`wrote ${path}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
