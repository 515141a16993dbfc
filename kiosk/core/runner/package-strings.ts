import { FlowPackageError } from './errors.ts';
import { walkJson } from './json-walk.ts';
import type { FlowManifest, ScreenSpecs } from './package-schema.ts';

/** Every string key a screen uses must exist in every locale. */
export function checkStrings(
  manifest: FlowManifest,
  screens: ScreenSpecs,
  strings: Record<'zh-CN' | 'en', Record<string, string>>,
  problems: FlowPackageError[],
): void {
  for (const [name, screen] of Object.entries(screens)) {
    const keys: [string, string][] = [[`/${name}/title`, screen.title]];
    if (screen.subtitle) keys.push([`/${name}/subtitle`, screen.subtitle]);
    screen.actions.forEach((a, i) => keys.push([`/${name}/actions/${i}/label`, a.label]));
    screen.blocks.forEach((b, i) => {
      const at = `/${name}/blocks/${i}`;
      if (b.kind === 'text') keys.push([`${at}/text`, b.text]);
      if (b.kind === 'progress') keys.push([`${at}/text`, b.text]);
      if (b.kind === 'ticket') keys.push([`${at}/text`, b.text]);
      if (b.kind === 'illustration') keys.push([`${at}/alt`, b.alt]);
      if (b.kind === 'fields')
        b.rows.forEach((r, j) => keys.push([`${at}/rows/${j}/label`, r.label]));
      if (b.kind === 'choices')
        b.choices.forEach((c, j) => keys.push([`${at}/choices/${j}/label`, c.label]));
      if (b.kind === 'list') {
        if (b.empty) keys.push([`${at}/empty`, b.empty]);
        // A row text with {{ is an inline template; any other is a strings key.
        if (!b.title.includes('{{')) keys.push([`${at}/title`, b.title]);
        (b.lines ?? []).forEach((line, j) => {
          if (!line.includes('{{')) keys.push([`${at}/lines/${j}`, line]);
        });
      }
      if (b.kind === 'entry') {
        keys.push([`${at}/label`, b.label], [`${at}/submitLabel`, b.submitLabel]);
        if (b.hint) keys.push([`${at}/hint`, b.hint]);
      }
      if (b.kind === 'qr') keys.push([`${at}/caption`, b.caption]);
    });
    for (const [pointer, key] of keys) {
      for (const locale of ['zh-CN', 'en'] as const) {
        if (!Object.hasOwn(strings[locale], key)) {
          problems.push(
            new FlowPackageError(
              manifest.strings[locale],
              '',
              `missing string "${key}" used by ${manifest.screens}${pointer}`,
              `add "${key}" to ${manifest.strings[locale]}`,
            ),
          );
        }
      }
    }
  }
}

/** Every line a `speech.say` action speaks must exist in every locale. */
export function checkSpokenStrings(
  manifest: FlowManifest,
  machine: unknown,
  strings: Record<'zh-CN' | 'en', Record<string, string>>,
  problems: FlowPackageError[],
): void {
  walkJson(machine, '', {
    object: (value, pointer) => {
      if (value.type !== 'speech.say') return;
      const params = value.params as { text?: unknown } | undefined;
      if (typeof params?.text !== 'string') return;
      for (const locale of ['zh-CN', 'en'] as const) {
        if (Object.hasOwn(strings[locale], params.text)) continue;
        problems.push(
          new FlowPackageError(
            manifest.strings[locale],
            '',
            `missing string "${params.text}" spoken by ${manifest.machine}${pointer}/params/text`,
            `add "${params.text}" to ${manifest.strings[locale]}`,
          ),
        );
      }
    },
  });
}
