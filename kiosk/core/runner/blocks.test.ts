import { afterAll, describe, expect, it } from 'vitest';
import type { ListBlockView, QrBlockView, ScreenView } from '../../contract.ts';
import type { Requirement } from '../capabilities/catalogue.ts';
import { MAX_LIST_ROWS } from './block-specs.ts';
import { checkFlowPackage, loadFlowPackage } from './load-package.ts';
import { MAX_ROW_TEXT_LENGTH } from './render-blocks.ts';
import { renderFlowScreen } from './screen-view.ts';
import {
  blocksFiles,
  removeBlocksPackages,
  writeBlocksPackage,
  type BlocksFiles,
} from './testing/blocks-package.ts';

afterAll(removeBlocksPackages);

type Json = Record<string, unknown>;

/** The problems the loader finds after `alter` changed the fixture, as messages. */
function problemsAfter(alter: (files: BlocksFiles) => void): string[] {
  const files = blocksFiles();
  alter(files);
  return checkFlowPackage(writeBlocksPackage(files)).problems.map((p) => p.message);
}

function screen(files: BlocksFiles, name: string): Json {
  return files.screens[name] as Json;
}

function block(files: BlocksFiles, name: string, i = 0): Json {
  return (screen(files, name).blocks as Json[])[i]!;
}

const PKG = loadFlowPackage(writeBlocksPackage());

const CONTEXT = {
  items: [
    { code: 'birth', title: '出生医学证明', titleEn: 'Birth medical certificate', note: '卫健' },
    { code: 'hukou', title: '户口登记', titleEn: '', note: '公安' },
  ],
  steps: [
    { key: 's1', label: '受理', labelEn: 'Accepted', state: 'done' },
    { key: 's2', label: '审核', state: 'sideways' },
  ],
  picked: ['hukou'],
  number: '20261201',
};

function listOf(view: ScreenView, i = 0): ListBlockView {
  const b = view.blocks[i];
  if (b?.kind !== 'list') throw new Error(`block ${i} of ${view.id} is ${b?.kind} , not a list`);
  return b;
}

describe('the data blocks of a screen spec', () => {
  it('load cleanly when a flow uses every one of them', () => {
    const report = checkFlowPackage(writeBlocksPackage());
    expect(report.problems.map((p) => p.message)).toEqual([]);
    expect(report.warnings.map((p) => p.message)).toEqual([]);
  });

  it.each([
    [
      'a choices list without an event',
      (f: BlocksFiles) => delete block(f, 'choose').event,
      '/choose/blocks/0/event',
      'needs "event"',
    ],
    [
      'a plain list with an event',
      (f: BlocksFiles) => (block(f, 'show', 1).event = 'x'),
      '/show/blocks/1/event',
      'display only',
    ],
    [
      'a checklist without selected ids',
      (f: BlocksFiles) => delete block(f, 'pick').selected,
      '/pick/blocks/0/selected',
      'needs "selected"',
    ],
    [
      'a state field on a plain list',
      (f: BlocksFiles) => (block(f, 'show', 1).state = 'state'),
      '/show/blocks/1/state',
      'for style "steps" only',
    ],
    [
      'items read from an event',
      (f: BlocksFiles) => (block(f, 'pick').items = '$event.items'),
      '/pick/blocks/0/items',
      'context reference',
    ],
    [
      'a row title that is neither key nor template',
      (f: BlocksFiles) => (block(f, 'pick').title = 'no placeholder here'),
      '/pick/blocks/0/title',
      'template',
    ],
    [
      'five lines under a row',
      (f: BlocksFiles) => (block(f, 'pick').lines = Array.from({ length: 5 }, () => 'row.note')),
      '/pick/blocks/0/lines',
      '4',
    ],
    [
      'an entry whose minimum exceeds its maximum',
      (f: BlocksFiles) => (block(f, 'number').minLength = 9),
      '/number/blocks/0/maxLength',
      'at least "minLength"',
    ],
    [
      'an entry longer than the pad allows',
      (f: BlocksFiles) => (block(f, 'number').maxLength = 65),
      '/number/blocks/0/maxLength',
      '64',
    ],
    [
      'an entry on an unknown pad',
      (f: BlocksFiles) => (block(f, 'number').pad = 'qwerty'),
      '/number/blocks/0/pad',
      'digits',
    ],
    [
      'a QR of the masked name',
      (f: BlocksFiles) => (block(f, 'show', 2).text = 'https://x/{{resident.nameMasked}}'),
      '/show/blocks/2/text',
      '"nameMasked"',
    ],
    [
      'a QR of the resident handle',
      (f: BlocksFiles) => (block(f, 'show', 2).text = '$context.resident.holder'),
      '/show/blocks/2/text',
      '"holder"',
    ],
    [
      'a QR of an address',
      (f: BlocksFiles) => (block(f, 'show', 2).text = '{{hall.address}}'),
      '/show/blocks/2/text',
      '"address"',
    ],
    [
      'a QR with a malformed reference',
      (f: BlocksFiles) => (block(f, 'show', 2).text = '$ctx.url'),
      '/show/blocks/2/text',
      'must be a reference',
    ],
    [
      'an action needing an unknown device',
      (f: BlocksFiles) => ((screen(f, 'show').actions as Json[])[0]!.requires = 'fax'),
      '/show/actions/0/requires',
      'documentPrinter',
    ],
  ])('refuse %s, naming screens.json and the place', (_what, alter, pointer, words) => {
    const problems = problemsAfter(alter);
    expect(problems.find((m) => m.startsWith(`screens.json at ${pointer}`))).toContain(words);
  });

  it('refuse a list whose items come from a key the flow never sets', () => {
    const problems = problemsAfter((f) => (block(f, 'show', 1).items = '$context.halls'));
    expect(problems.join('\n')).toMatch(
      /screens\.json at \/show\/blocks\/1\/items: \$context\.halls reads "halls", which is never set/,
    );
  });

  it('refuse an action needing a device flow.json does not declare', () => {
    const problems = problemsAfter((f) => (f.flow.optional = ['idCardReader']));
    expect(problems.join('\n')).toContain(
      'the machine uses "documentPrinter" but flow.json does not declare it',
    );
  });

  it('refuse a flow needing identity on a kiosk with neither a reader nor a scanner, and take it with either', () => {
    const dir = writeBlocksPackage();
    const on = (installed: Requirement[]) =>
      checkFlowPackage(dir, { installed: new Set(installed) }).problems.map((p) => p.message);
    expect(on(['platform', 'documentPrinter'])).toContain(
      'flow.json at /requires: this kiosk has no "identity". Fix: install the package only on kiosks with that device, or configure the device',
    );
    expect(on(['platform', 'scanner'])).toEqual([]);
    expect(on(['platform', 'idCardReader'])).toEqual([]);
  });

  it('refuse a row showing a field no item of the list has, in an inline template or a string', () => {
    const problems = problemsAfter((f) => {
      block(f, 'choose').title = '{{titel}}';
      f.en['row.note'] = 'Department: {{department}}';
    });
    expect(problems).toContain(
      'screens.json at /choose/blocks/0/title: {{titel}}: the items of $context.items have no field "titel" (a row of the list on screen "choose"). Fix: use one of: code, note, title, titleEn',
    );
    expect(problems.join('\n')).toContain(
      'i18n/en.json at /row.note: {{department}}: the items of $context.items have no field "department"',
    );
  });

  it('refuse a placeholder that steps into a list, pointing to a list block', () => {
    const problems = problemsAfter((f) => {
      f.zh['show.title'] = '进度 {{steps.label}}';
    });
    expect(problems.join('\n')).toContain('"steps" is a list, so it has no field "label"');
  });

  it('refuse missing strings of lists, entries and QR captions in either language', () => {
    const problems = problemsAfter((f) => {
      delete f.en['row.note'];
      delete f.zh['number.hint'];
      delete f.en['qr.caption'];
      delete f.zh['list.empty'];
    });
    const text = problems.join('\n');
    for (const key of ['row.note', 'number.hint', 'qr.caption', 'list.empty'])
      expect(text).toContain(`missing string "${key}"`);
  });
});

describe('rendering the data blocks', () => {
  it('fills a checklist from the context, ticking the selected ids, with the kiosk strings per row', () => {
    const list = listOf(renderFlowScreen(PKG, 'pick', CONTEXT, 'zh-CN'));
    expect(list).toEqual({
      kind: 'list',
      style: 'checklist',
      empty: '暂无事项',
      items: [
        {
          id: 'birth',
          title: '出生医学证明',
          lines: ['部门：卫健'],
          selected: false,
          action: {
            id: 'row-birth',
            label: '出生医学证明',
            event: 'item.toggle',
            data: { id: 'birth' },
            kind: 'secondary',
          },
        },
        {
          id: 'hukou',
          title: '户口登记',
          lines: ['部门：公安'],
          selected: true,
          action: {
            id: 'row-hukou',
            label: '户口登记',
            event: 'item.toggle',
            data: { id: 'hukou' },
            kind: 'secondary',
          },
        },
      ],
    });
  });

  it('shows the English gloss of a value in English, and the value itself when the gloss is blank', () => {
    const list = listOf(renderFlowScreen(PKG, 'pick', CONTEXT, 'en'));
    expect(list.items.map((i) => i.title)).toEqual(['Birth medical certificate', '户口登记']);
    expect(list.items[0]?.lines).toEqual(['Department: 卫健']);
    const fields = renderFlowScreen(PKG, 'pick', CONTEXT, 'zh-CN');
    expect(listOf(fields).items[0]?.title).toBe('出生医学证明');
  });

  it('masks personal fields of list items like every other value', () => {
    const items = [{ code: 'a', title: '{{x}}', name: '王秀英', idNumber: '110101199003072046' }];
    const files = blocksFiles();
    (files.machine.context as Json).items = items;
    block(files, 'pick').title = '{{name}}';
    block(files, 'pick').lines = ['{{idNumber}}'];
    const pkg = loadFlowPackage(writeBlocksPackage(files));
    const view = renderFlowScreen(pkg, 'pick', { ...CONTEXT, items }, 'zh-CN');
    const text = JSON.stringify(view);
    expect(text).not.toContain('王秀英');
    expect(text).not.toContain('110101199003072046');
    expect(listOf(view).items[0]?.title).toBe('王*英');
  });

  it(`shows at most ${MAX_LIST_ROWS} rows and skips items without a usable id`, () => {
    const items = [
      { title: 'no id' },
      { code: 'x'.repeat(65), title: 'id too long' },
      { code: { nested: true }, title: 'id not text' },
      ...Array.from({ length: 50 }, (_, i) => ({ code: i, title: `t${i}` })),
    ];
    const list = listOf(renderFlowScreen(PKG, 'choose', { ...CONTEXT, items }, 'zh-CN'));
    expect(list.items).toHaveLength(MAX_LIST_ROWS);
    expect(list.items[0]?.id).toBe('0');
  });

  it(`cuts a row text longer than ${MAX_ROW_TEXT_LENGTH} characters`, () => {
    const items = [{ code: 'a', title: '长'.repeat(500) }];
    const title = listOf(renderFlowScreen(PKG, 'choose', { ...CONTEXT, items }, 'zh-CN')).items[0]
      ?.title;
    expect(title).toHaveLength(MAX_ROW_TEXT_LENGTH);
    expect(title?.endsWith('…')).toBe(true);
  });

  it('shows no rows, and the empty text, when the reference finds no list', () => {
    const list = listOf(renderFlowScreen(PKG, 'pick', { ...CONTEXT, items: 'not a list' }, 'en'));
    expect(list.items).toEqual([]);
    expect(list.empty).toBe('Nothing to choose');
  });

  it('marks steps done, current or todo, and leaves out a state it does not know', () => {
    const steps = listOf(renderFlowScreen(PKG, 'show', CONTEXT, 'en'));
    expect(steps.items.map((i) => [i.title, i.state])).toEqual([
      ['Accepted', 'done'],
      ['审核', undefined],
    ]);
    expect(steps.items.every((i) => i.action === undefined)).toBe(true);
  });

  it('draws an entry with its pad, bounds and localised labels', () => {
    const view = renderFlowScreen(PKG, 'number', CONTEXT, 'en');
    expect(view.blocks[0]).toEqual({
      kind: 'entry',
      pad: 'digits',
      label: 'Number',
      event: 'number.entered',
      submitLabel: 'Next',
      minLength: 4,
      maxLength: 8,
      hint: '4 to 8 digits',
    });
  });

  it('fills a QR from the context, and leaves the block out when the text is empty or too long', () => {
    const qr = renderFlowScreen(PKG, 'show', CONTEXT, 'zh-CN').blocks[2] as QrBlockView;
    expect(qr).toEqual({
      kind: 'qr',
      text: 'https://example.gov.cn/progress/20261201',
      caption: '扫码查看进度',
    });
    const files = blocksFiles();
    block(files, 'show', 2).text = '$context.number';
    const pkg = loadFlowPackage(writeBlocksPackage(files));
    expect(
      renderFlowScreen(pkg, 'show', { ...CONTEXT, number: 'x'.repeat(257) }, 'zh-CN').blocks,
    ).toHaveLength(2);
    expect(
      renderFlowScreen(pkg, 'show', { ...CONTEXT, number: { a: 1 } }, 'zh-CN').blocks,
    ).toHaveLength(2);
    expect(renderFlowScreen(pkg, 'show', CONTEXT, 'zh-CN').blocks[2]).toMatchObject({
      text: '20261201',
    });
  });

  it('disables an action while the device it requires is down, with the kiosk reason in each language', () => {
    const up = renderFlowScreen(PKG, 'show', CONTEXT, 'zh-CN', { down: ['receiptPrinter'] });
    expect(up.actions[0]).toEqual({ id: 'print', label: '打印', event: 'print', kind: 'primary' });
    const zh = renderFlowScreen(PKG, 'show', CONTEXT, 'zh-CN', { down: ['documentPrinter'] });
    expect(zh.actions[0]).toMatchObject({ disabled: true, disabledReason: '证明打印机暂停服务' });
    const en = renderFlowScreen(PKG, 'show', CONTEXT, 'en', { down: ['documentPrinter'] });
    expect(en.actions[0]?.disabledReason).toBe('The certificate printer is out of service');
    expect(en.actions[1]?.disabled).toBeUndefined();
  });

  it('disables an action needing identity only when both the reader and the scanner are down', () => {
    const files = blocksFiles();
    (screen(files, 'show').actions as Json[])[0]!.requires = 'identity';
    const pkg = loadFlowPackage(writeBlocksPackage(files));
    const draw = (down: string[]) =>
      renderFlowScreen(pkg, 'show', CONTEXT, 'en', { down }).actions[0];
    expect(draw(['idCardReader'])?.disabled).toBeUndefined();
    expect(draw(['scanner'])?.disabled).toBeUndefined();
    const both = draw(['idCardReader', 'scanner']);
    expect(both?.disabled).toBe(true);
    expect(both?.disabledReason).toContain('identity cannot be checked');
  });
});
