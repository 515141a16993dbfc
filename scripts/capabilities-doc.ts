/**
 * Writes flows/CAPABILITIES.md, the vendor's reference of what a flow may call, from the
 * capability catalogue itself: each capability's summary, the devices it needs, its input schema
 * (types, limits, defaults), the views it hands back (outputs.ts), the error flags it can fail
 * with, and an example invoke. Words the catalogue cannot hold (what a field means) come from
 * capabilities-notes.ts. Run `npm run capabilities-doc` after changing either;
 * capabilities-doc.test.ts fails while the committed file differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { z } from 'zod';
import {
  ACTION_CAPABILITIES,
  ACTOR_CAPABILITIES,
  CATALOGUE_VERSION,
  ERROR_FLAGS,
  GUARD_CAPABILITIES,
  PLATFORM_OPERATIONS,
  type ActorCapabilityName,
  type ErrorFlag,
} from '../kiosk/core/capabilities/catalogue.ts';
import {
  ACTOR_OUTPUTS,
  PLATFORM_OUTPUTS,
  SCAN_OUTPUTS,
} from '../kiosk/core/capabilities/outputs.ts';
import {
  EXAMPLES,
  FLAG_NOTES,
  FLAG_NOTES_BY_CAPABILITY,
  INPUT_NOTES,
  OPERATION_NOTES,
  OUTPUT_NOTES,
  type InvokeExample,
} from './capabilities-notes.ts';

/** The generated reference, relative to the repository root. */
export const CAPABILITIES_DOC = 'flows/CAPABILITIES.md';

type Json = Record<string, unknown>;

/** The start of the pattern every `$context`/`$event` reference matches (catalogue.ts `ref`). */
const REF_PATTERN_START = '^\\$(context|event)';

/** Renders the reference as Prettier-formatted Markdown. */
export async function renderCapabilitiesDoc(root: string): Promise<string> {
  const lines = [
    ...intro(),
    ...actorSection(),
    ...actionSection(),
    ...guardSection(),
    ...flagSection(),
  ];
  const path = join(root, CAPABILITIES_DOC);
  const options = await resolveConfig(path);
  return format(lines.join('\n'), { ...options, filepath: path });
}

function intro(): string[] {
  const names = Object.keys(ACTOR_CAPABILITIES) as ActorCapabilityName[];
  return [
    '# Capability reference',
    '',
    '<!-- Generated from kiosk/core/capabilities by `npm run capabilities-doc`: do not edit. -->',
    '',
    `Everything a flow package may name, in catalogue version ${CATALOGUE_VERSION} (put \`"catalogueVersion": ${CATALOGUE_VERSION}\` in \`flow.json\`). A machine can invoke only these capabilities, run only these actions and test only these guards; \`kiosk24 flow check\` refuses anything else. How packages are made and checked: [README.md](README.md).`,
    '',
    '**Personal data is sealed.** A capability hands the flow a _view_: personal text comes masked (`nameMasked`: `李*华`), and whatever a capability needs in full (the card holder, a record, a scanned code) is an opaque _handle_. Pass the whole view on (`"resident": "$context.resident"`): only the capabilities that need the raw values (`platform.call`, and `print.certificate` for the name on an official certificate) look them up by the handle. No reference, screen or receipt of a flow can reach a raw value, whatever key it is copied to. Below, the **sealed** column marks handles and masked fields.',
    '',
    '**Every invoke needs an `onError`.** Each capability lists the error flags it can fail with; branch on them with the `error.is` guard and end every failure on a screen with a way forward. `kiosk24 flow test` tries every flag of every invoke.',
    '',
    '| capability | what it does | needs |',
    '| --- | --- | --- |',
    ...names.map((name) => {
      const c = ACTOR_CAPABILITIES[name];
      return row([`[\`${name}\`](#${anchor(name)})`, c.summary, codeList(c.needs)]);
    }),
    '',
  ];
}

function actorSection(): string[] {
  const lines = ['## Invokable capabilities (`invoke.src`)', ''];
  for (const name of Object.keys(ACTOR_CAPABILITIES) as ActorCapabilityName[]) {
    const c = ACTOR_CAPABILITIES[name];
    lines.push(
      `### ${name}`,
      '',
      c.summary,
      '',
      `**Needs:** ${codeList(c.needs)}: name ${c.needs.length === 1 ? 'it' : 'them'} in \`flow.json\` \`requires\`, or \`optional\` when the flow has another way.`,
      '',
      '**Input** (`invoke.input`; a static input is checked at install):',
      '',
      ...inputTable(name, c.input),
      '',
    );
    if (name === 'platform.call') lines.push(...operationsSection());
    else {
      lines.push(
        '**Output** (`$event.output` in `onDone`):',
        '',
        ...viewTable(ACTOR_OUTPUTS[name]),
        '',
        ...(name === 'scanner.read' ? scanOutputs() : []),
        ...exampleBlock(name, EXAMPLES[name]),
      );
    }
    lines.push('**Error flags** (`error.is`):', '', ...flagTable(name), '');
  }
  return lines;
}

/** The plain-text outputs of `scanner.read` for each public code it may expect. */
function scanOutputs(): string[] {
  return Object.entries(SCAN_OUTPUTS)
    .filter(([expect]) => expect !== 'resident-code')
    .flatMap(([expect, view]) => [
      `With \`"expect": "${expect}"\` the output is public text instead:`,
      '',
      ...viewTable(view),
      '',
    ]);
}

function operationsSection(): string[] {
  const lines: string[] = [];
  for (const op of PLATFORM_OPERATIONS) {
    const note = OPERATION_NOTES[op];
    lines.push(
      `#### platform.call ${op}`,
      '',
      `${note.does} ${note.resident ? 'Needs `resident`.' : 'Takes no `resident`.'}`,
      '',
      ...(Object.keys(note.args).length === 0
        ? []
        : ['| `args` field | what to pass |', '| --- | --- |'].concat(
            Object.entries(note.args).map(([arg, text]) => row([`\`${arg}\``, text])),
          )),
      '',
      'Output:',
      '',
      ...viewTable(PLATFORM_OUTPUTS[op]),
      '',
      ...exampleBlock('platform.call', EXAMPLES[op]),
    );
  }
  return lines;
}

function inputTable(name: ActorCapabilityName, schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-07' }) as Json;
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  const notes = INPUT_NOTES[name];
  return [
    '| field | type | required | default | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(properties).map(([field, s]) =>
      row([
        `\`${field}\``,
        typeText(s),
        required.has(field) ? 'yes' : 'no',
        s.default === undefined ? '' : `\`${JSON.stringify(s.default)}\``,
        need(notes[field], `input field ${field} of ${name}`, 'INPUT_NOTES'),
      ]),
    ),
  ];
}

function viewTable(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-07' }) as Json;
  const properties = (json.properties ?? {}) as Record<string, Json>;
  return [
    '| field | type | sealed | meaning |',
    '| --- | --- | --- | --- |',
    ...Object.entries(properties).map(([field, s]) => {
      const note = OUTPUT_NOTES[field];
      const text = need(note?.note, `output field ${field}`, 'OUTPUT_NOTES');
      const sealed = note?.sealed === 'plain' ? '' : (note?.sealed ?? '');
      return row([`\`${field}\``, typeText(s), sealed, text]);
    }),
  ];
}

function flagTable(name: ActorCapabilityName): string[] {
  const specific = FLAG_NOTES_BY_CAPABILITY[name] ?? {};
  return [
    '| flag | meaning |',
    '| --- | --- |',
    ...ACTOR_CAPABILITIES[name].errors.map((flag: ErrorFlag) =>
      row([`\`${flag}\``, specific[flag] ?? FLAG_NOTES[flag]]),
    ),
  ];
}

/**
 * An example state around one invoke, in machine.json syntax. Its input must pass the
 * capability's own schema and its flags must be ones the capability raises, so no example can
 * drift from the catalogue.
 */
function exampleBlock(name: ActorCapabilityName, ex: InvokeExample): string[] {
  const c = ACTOR_CAPABILITIES[name];
  const parsed = c.input.safeParse(ex.input);
  if (!parsed.success)
    throw new Error(
      `the ${name} example input is refused by the catalogue: ${parsed.error.message}`,
    );
  for (const [flag] of ex.branches) {
    if (!(c.errors as readonly string[]).includes(flag))
      throw new Error(`the ${name} example branches on ${flag}, which ${name} never raises`);
  }
  const onDone =
    ex.keep === undefined
      ? ex.next
      : {
          target: ex.next,
          actions: {
            type: 'context.set',
            params: { key: ex.keep, value: '$event.output' },
          },
        };
  const state = {
    [ex.state]: {
      meta: { screen: ex.screen },
      invoke: {
        src: name,
        input: ex.input,
        onDone,
        onError: [
          ...ex.branches.map(([flag, target]) => ({
            guard: { type: 'error.is', params: { flag } },
            target,
          })),
          { target: ex.fallback },
        ],
      },
    },
  };
  return ['Example (a state in `machine.json`):', '', '```json', JSON.stringify(state), '```', ''];
}

function actionSection(): string[] {
  const lines = ['## Actions (`actions: { "type", "params" }`)', ''];
  for (const [name, a] of Object.entries(ACTION_CAPABILITIES)) {
    lines.push(`### ${name}`, '', a.summary, '', ...paramsTable(a.params), '');
  }
  lines.push(
    'Example, in an `onDone`:',
    '',
    '```json',
    JSON.stringify({
      actions: [
        { type: 'context.set', params: { key: 'resident', value: '$event.output' } },
        { type: 'context.clear', params: { key: 'scan' } },
      ],
    }),
    '```',
    '',
  );
  return lines;
}

function guardSection(): string[] {
  const lines = ['## Guards (`guard: { "type", "params" }`)', ''];
  for (const [name, g] of Object.entries(GUARD_CAPABILITIES)) {
    lines.push(`### ${name}`, '', g.summary, '', ...paramsTable(g.params), '');
  }
  lines.push(
    'Example, the first of an `onError` list:',
    '',
    '```json',
    JSON.stringify({
      guard: { type: 'error.is', params: { flag: 'timeout' } },
      target: 'failed.cardTimeout',
    }),
    '```',
    '',
  );
  return lines;
}

function paramsTable(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-07' }) as Json;
  const required = new Set((json.required ?? []) as string[]);
  return [
    '| param | type | required |',
    '| --- | --- | --- |',
    ...Object.entries((json.properties ?? {}) as Record<string, Json>).map(([p, s]) =>
      row([`\`${p}\``, typeText(s), required.has(p) ? 'yes' : 'no']),
    ),
  ];
}

function flagSection(): string[] {
  const names = Object.keys(ACTOR_CAPABILITIES) as ActorCapabilityName[];
  return [
    '## Error flags',
    '',
    'Every flag `error.is` can test, and the capabilities that raise it.',
    '',
    '| flag | meaning | raised by |',
    '| --- | --- | --- |',
    ...ERROR_FLAGS.map((flag) => {
      const by = names.filter((n) =>
        (ACTOR_CAPABILITIES[n].errors as readonly string[]).includes(flag),
      );
      return row([`\`${flag}\``, FLAG_NOTES[flag], codeList(by)]);
    }),
    '',
  ];
}

/** A JSON Schema's type in a vendor's words: `whole number from 5 to 300`, `one of a, b`. */
function typeText(s: Json): string {
  if (Array.isArray(s.anyOf)) return [...new Set((s.anyOf as Json[]).map(typeText))].join(' or ');
  if (Array.isArray(s.enum)) return `one of ${codeList(s.enum.map(String))}`;
  // zod's int() alone gives the safe-integer bounds, which are no limit worth printing.
  const range = (): string =>
    typeof s.minimum === 'number' &&
    typeof s.maximum === 'number' &&
    s.maximum < Number.MAX_SAFE_INTEGER
      ? ` from ${s.minimum} to ${s.maximum}`
      : '';
  switch (s.type) {
    case 'string':
      if (typeof s.pattern === 'string' && s.pattern.startsWith(REF_PATTERN_START))
        return 'reference (`$context.…`, `$event.…`)';
      if (typeof s.pattern === 'string') return `text matching \`${s.pattern}\``;
      return typeof s.minLength === 'number' && s.minLength > 0 ? 'text, not empty' : 'text';
    case 'integer':
      return `whole number${range()}`;
    case 'number':
      return `number${range()}`;
    case 'boolean':
      return '`true` or `false`';
    case 'null':
      return 'null';
    case 'array': {
      const most = typeof s.maxItems === 'number' ? ` (at most ${s.maxItems})` : '';
      const items = s.items as Json | undefined;
      return `list of ${items?.type === 'object' ? 'rows' : typeText(items ?? {})}${most}`;
    }
    case 'object': {
      const values = s.additionalProperties as Json | undefined;
      if (values && Object.keys(values).length > 0) return `object of ${typeText(values)} values`;
      return 'object';
    }
    default:
      return 'any value';
  }
}

/** A Markdown table row; `|` inside a cell is escaped. */
function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
}

function codeList(items: readonly string[]): string {
  return items.map((i) => `\`${i}\``).join(', ');
}

/** GitHub's heading anchor for a `### name` heading made of a capability name. */
function anchor(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}

function need(text: string | undefined, what: string, table: string): string {
  if (text === undefined)
    throw new Error(`no note for ${what}: add one to ${table} in scripts/capabilities-notes.ts`);
  return text;
}

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  writeFileSync(join(root, CAPABILITIES_DOC), await renderCapabilitiesDoc(root));
  console.log(`wrote ${CAPABILITIES_DOC}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
