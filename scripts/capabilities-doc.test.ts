import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACTION_CAPABILITIES,
  ACTOR_CAPABILITIES,
  ERROR_FLAGS,
  GUARD_CAPABILITIES,
  PLATFORM_OPERATIONS,
  isActorCapability,
} from '../kiosk/core/capabilities/catalogue.ts';
import { ACTOR_OUTPUTS, PLATFORM_OUTPUTS } from '../kiosk/core/capabilities/outputs.ts';
import { CAPABILITIES_DOC, renderCapabilitiesDoc } from './capabilities-doc.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** The `### name` (or `#### name`) section of the reference, up to the next heading of its level or above. */
function section(doc: string, heading: string): string {
  const start = doc.indexOf(`${heading}\n`);
  expect(start, `no section "${heading}"`).toBeGreaterThanOrEqual(0);
  const level = (heading.split(' ')[0] ?? '').length;
  const rest = doc.slice(start + heading.length);
  const next = new RegExp(`\\n#{1,${level}} `).exec(rest);
  return doc.slice(start, next ? start + heading.length + next.index : undefined);
}

/** The JSON code blocks of a piece of Markdown, parsed. */
function jsonBlocks(text: string): unknown[] {
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)].map(
    (m) => JSON.parse(m[1] ?? '') as unknown,
  );
}

describe('flows/CAPABILITIES.md', () => {
  it('holds exactly what npm run capabilities-doc writes', async () => {
    const rendered = await renderCapabilitiesDoc(ROOT);
    const path = join(ROOT, CAPABILITIES_DOC);
    const committed = existsSync(path) ? readFileSync(path, 'utf8') : '';
    expect(committed, `${CAPABILITIES_DOC} is out of date: run npm run capabilities-doc`).toBe(
      rendered,
    );
  });
});

describe('the generated capability reference', async () => {
  const doc = await renderCapabilitiesDoc(ROOT);

  it.each(Object.keys(ACTOR_CAPABILITIES))(
    'documents %s: its needs, every input field, every error flag and an example',
    (name) => {
      if (!isActorCapability(name)) throw new Error(`${name} is not in the catalogue`);
      const capability = ACTOR_CAPABILITIES[name];
      const text = section(doc, `### ${name}`);
      expect(text).toContain(capability.summary);
      for (const need of capability.needs) expect(text).toContain(`\`${need}\``);
      for (const field of Object.keys(capability.input.shape))
        expect(text).toContain(`| \`${field}\``);
      for (const flag of capability.errors)
        expect(text).toMatch(new RegExp(`^\\| \`${flag}\` +\\|`, 'm'));
      const examples = jsonBlocks(text);
      expect(examples.length, `${name} has no example`).toBeGreaterThan(0);
    },
  );

  it.each(Object.entries(ACTOR_OUTPUTS))(
    'lists every field %s hands the flow, marking handles and masked fields as sealed',
    (name, view) => {
      const text = section(doc, `### ${name}`);
      for (const field of Object.keys(view.shape)) expect(text).toContain(`| \`${field}\``);
    },
  );

  it.each(PLATFORM_OPERATIONS)(
    'documents platform.call %s with its output and an example',
    (op) => {
      const text = section(doc, `#### platform.call ${op}`);
      for (const field of Object.keys(PLATFORM_OUTPUTS[op].shape))
        expect(text).toContain(`| \`${field}\``);
      expect(jsonBlocks(text)).toHaveLength(1);
    },
  );

  it('marks the resident handle and the masked name as sealed', () => {
    const text = section(doc, '### idcard.read');
    expect(text).toMatch(/^\| `holder` +\| text +\| handle +\|/m);
    expect(text).toMatch(/^\| `nameMasked` +\| text +\| masked +\|/m);
    expect(text).toMatch(/^\| `cardType` +\| one of `resident`, [^|]+\| +\|/m);
  });

  it('gives limits and defaults from the schemas', () => {
    expect(section(doc, '### idcard.read')).toMatch(
      /^\| `timeoutSeconds` \| whole number from 5 to 300 \| no +\| `60` +\|/m,
    );
  });

  it('has every example invoke take an input the catalogue accepts and branch only on flags it raises', () => {
    let invokes = 0;
    for (const block of jsonBlocks(doc)) {
      for (const state of Object.values(block as Record<string, { invoke?: unknown }>)) {
        const invoke = state.invoke as
          | { src: string; input: unknown; onError: { guard?: { params: { flag: string } } }[] }
          | undefined;
        if (!invoke) continue;
        invokes += 1;
        if (!isActorCapability(invoke.src)) throw new Error(`unknown capability ${invoke.src}`);
        const capability = ACTOR_CAPABILITIES[invoke.src];
        expect(capability.input.safeParse(invoke.input).success, invoke.src).toBe(true);
        for (const branch of invoke.onError) {
          if (branch.guard)
            expect(capability.errors as readonly string[]).toContain(branch.guard.params.flag);
        }
        expect(invoke.onError.at(-1)?.guard, `${invoke.src} example has no fallback`).toBe(
          undefined,
        );
      }
    }
    // One per capability other than platform.call, one per platform operation.
    expect(invokes).toBe(Object.keys(ACTOR_CAPABILITIES).length - 1 + PLATFORM_OPERATIONS.length);
  });

  it('documents every action, guard and error flag', () => {
    for (const name of [...Object.keys(ACTION_CAPABILITIES), ...Object.keys(GUARD_CAPABILITIES)])
      expect(doc).toContain(`### ${name}\n`);
    const flags = section(doc, '## Error flags');
    for (const flag of ERROR_FLAGS) expect(flags).toMatch(new RegExp(`^\\| \`${flag}\` +\\|`, 'm'));
  });
});
