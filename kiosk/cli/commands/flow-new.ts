/**
 * `kiosk24 flow new ID [--out DIR]`: a vendor's starting point. Copies the template package
 * (kiosk/cli/flow-template, found through assets.ts) under the new id: a small but complete
 * service that reads the ID card, asks the platform, shows the answer and has a screen with a
 * way forward for every failure, so it passes `flow check` and `flow test` before it is edited.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { assetPath } from '../../../assets.ts';
import { installedFlowIds } from '../../core/runner/load-flows.ts';
import { manifestSchema } from '../../core/runner/package-schema.ts';

const USAGE = `usage: kiosk24 flow new ID [--out DIR]

  Creates a flow package to start from: read the ID card (idcard.read), look up the resident's
  housing fund deposits (platform.call hpf.depositRecord), show them, and a screen with a way
  forward for every failure. It passes kiosk24 flow check and kiosk24 flow test as it is; edit
  it into your service. Exit code 0 when created, 1 when it could not be written, 2 for a
  usage error.

  ID          the flow id: lower-case letters, digits and dashes, 3-64 long, starting with a
              letter (e.g. hpf-deposit-lookup)
  --out DIR   the package folder to create (default ./ID); it must not exist or be empty`;

/**
 * The rule a flow id must follow: the manifest schema's own, so `flow new` can never make an id
 * that `flow check` refuses.
 */
const flowIdSchema = manifestSchema.shape.id;

/** The id the template package carries; the copy takes the new id wherever it appears. */
const TEMPLATE_ID = 'flow-template';

/** How the template's files name the JSON Schemas (relative to the template folder). */
const TEMPLATE_SCHEMA_DIR = '../../../flows/schema';

/** What each file of the new package is for, printed once it is made. */
const FILE_NOTES: Record<string, string> = {
  'flow.json': 'id, version, titles, category, the devices and services it needs',
  'machine.json': 'the journey: read the ID card, ask the platform, show the result, end',
  'screens.json': 'what each state shows, and its buttons',
  'i18n/zh-CN.json': 'every string in Chinese',
  'i18n/en.json': 'every string in English',
};

/** `kiosk24 flow new`: resolves to the exit code; never throws on any input. */
export function flowNewCommand(args: string[], out: (line: string) => void): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    out(`kiosk24 flow new: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0) {
    out(`kiosk24 flow new: give exactly one flow id\n\n${USAGE}`);
    return 2;
  }
  const refusal = idRefusal(id);
  if (refusal) {
    out(`kiosk24 flow new: ${refusal}`);
    return 2;
  }
  const shown = values.out ?? id;
  const target = resolve(shown);
  if (!isEmptyOrMissing(target)) {
    out(
      `kiosk24 flow new: ${shown} already exists and is not an empty folder; choose another with --out DIR`,
    );
    return 2;
  }
  let files: string[];
  try {
    files = writePackage(id, target);
  } catch (error) {
    out(
      `kiosk24 flow new: could not write ${shown} (${error instanceof Error ? error.message : String(error)})`,
    );
    return 1;
  }
  for (const line of createdText(id, shown, target, files)) out(line);
  return 0;
}

/** Why `id` cannot name a new flow, or undefined when it can. */
function idRefusal(id: string): string | undefined {
  const checked = flowIdSchema.safeParse(id);
  if (!checked.success) {
    const rule = checked.error.issues[0]?.message ?? 'not a flow id';
    return `"${id}" is not a flow id: use ${rule}, starting with a letter (e.g. hpf-deposit-lookup)`;
  }
  const builtIn = installedFlowIds([assetPath('builtInFlows')]);
  if (builtIn.has(id))
    return `"${id}" is the id of a built-in flow; a package must have an id of its own`;
  return undefined;
}

/** True when nothing is at `path`, or an empty folder is. */
function isEmptyOrMissing(path: string): boolean {
  if (!existsSync(path)) return true;
  return statSync(path).isDirectory() && readdirSync(path).length === 0;
}

/**
 * Writes the package into a staging folder beside `target`, then renames it into place, so a
 * failure half-way leaves no half-made package. Returns the files written, `/`-separated.
 */
function writePackage(id: string, target: string): string[] {
  const template = assetPath('flowTemplate');
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  // Not mkdtemp: its folder is private (0700), and the package folder should get the usual mode.
  const stage = join(parent, `.${basename(target)}.new-${randomBytes(6).toString('hex')}`);
  mkdirSync(stage);
  try {
    // The files sit at the package root, so one relative path serves every $schema key.
    const schemaDir = relative(target, assetPath('builtInFlows', 'schema')).split(sep).join('/');
    const files = templateFiles(template).sort(byNoteOrder);
    for (const file of files) {
      const text = fromTemplate(readFileSync(join(template, file), 'utf8'), id, schemaDir);
      mkdirSync(dirname(join(stage, file)), { recursive: true });
      writeFileSync(join(stage, file), text);
    }
    // rename(2) replaces an empty folder but not a non-empty one; remove the empty one first.
    if (existsSync(target)) rmdirSync(target);
    renameSync(stage, target);
    return files;
  } catch (error) {
    rmSync(stage, { recursive: true, force: true });
    throw error;
  }
}

/** Orders files as FILE_NOTES lists them (the manifest first), any other file after, by name. */
function byNoteOrder(a: string, b: string): number {
  const order = Object.keys(FILE_NOTES);
  const rank = (file: string) => (order.includes(file) ? order.indexOf(file) : order.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Every file of the template package, relative and `/`-separated. */
function templateFiles(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...templateFiles(dir, path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/**
 * One template file under the new id: the id itself, the `#id.state` targets that name it, and
 * `$schema` paths that reach the kiosk's JSON Schemas from the new folder. The id and the path
 * are JSON-escaped, so the result is JSON whatever folder it lands in.
 */
function fromTemplate(text: string, id: string, schemaDir: string): string {
  const schema = JSON.stringify(schemaDir).slice(1, -1);
  const result = text
    .replaceAll(`"${TEMPLATE_ID}"`, `"${id}"`)
    .replaceAll(`"#${TEMPLATE_ID}.`, `"#${id}.`)
    .replaceAll(`"${TEMPLATE_SCHEMA_DIR}/`, `"${schema}/`);
  JSON.parse(result);
  return result;
}

/** What `flow new` prints: what was made, what each file is for, and what to run next. */
function createdText(id: string, shown: string, target: string, files: string[]): string[] {
  const screens = Object.keys(
    JSON.parse(readFileSync(join(target, 'screens.json'), 'utf8')) as object,
  ).filter((key) => key !== '$schema').length;
  const width = Math.max(...files.map((file) => file.length));
  const arg = /^[\w./-]+$/.test(shown) ? shown : `'${shown.replaceAll("'", `'\\''`)}'`;
  return [
    `created flow package ${id} in ${shown}`,
    ...files.map((file) => {
      const note = file === 'screens.json' ? `${screens} screens: ` : '';
      return `  ${file.padEnd(width)}  ${note}${FILE_NOTES[file] ?? ''}`.trimEnd();
    }),
    'next: edit it into your service (flows/CAPABILITIES.md lists what a flow can call), then',
    `  kiosk24 flow check ${arg}`,
    `  kiosk24 flow test ${arg}`,
  ];
}
