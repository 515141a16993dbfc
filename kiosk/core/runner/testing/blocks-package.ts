/**
 * A small flow package that uses every data block (checklist, choices, steps and plain lists,
 * an entry pad, a QR code, an action that needs a printer) and the context guards, written to a
 * temporary folder for the runner, session and flow-test suites.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Json = Record<string, unknown>;

/** The package's files as objects, for a test to alter before writing. */
export interface BlocksFiles {
  flow: Json;
  machine: Json;
  screens: Json;
  zh: Record<string, string>;
  en: Record<string, string>;
}

/** Fresh copies of the fixture's files. */
export function blocksFiles(): BlocksFiles {
  return structuredClone({ flow: FLOW, machine: MACHINE, screens: SCREENS, zh: ZH, en: EN });
}

const roots: string[] = [];

/** Writes the files (as given, or fresh ones) to a new temporary folder; returns the package folder. */
export function writeBlocksPackage(files: BlocksFiles = blocksFiles()): string {
  const root = mkdtempSync(join(tmpdir(), 'kiosk24-blocks-'));
  roots.push(root);
  const dir = join(root, 'blocks-demo');
  mkdirSync(join(dir, 'i18n'), { recursive: true });
  const write = (file: string, json: unknown): void =>
    writeFileSync(join(dir, file), JSON.stringify(json, null, 2));
  write('flow.json', files.flow);
  write('machine.json', files.machine);
  write('screens.json', files.screens);
  write('i18n/zh-CN.json', files.zh);
  write('i18n/en.json', files.en);
  return dir;
}

/** Removes every folder `writeBlocksPackage` made (run it in afterAll). */
export function removeBlocksPackages(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

const FLOW: Json = {
  id: 'blocks-demo',
  version: '1.0.0',
  catalogueVersion: 1,
  title: { 'zh-CN': '积木示例', en: 'Blocks demo' },
  description: { 'zh-CN': '每种数据积木', en: 'Every data block' },
  category: 'other',
  requires: ['identity'],
  optional: ['idCardReader', 'documentPrinter'],
  strings: { 'zh-CN': 'i18n/zh-CN.json', en: 'i18n/en.json' },
};

const MACHINE: Json = {
  id: 'blocks-demo',
  initial: 'pick',
  context: {
    items: [
      { code: 'birth', title: '出生医学证明', titleEn: 'Birth medical certificate', note: '卫健' },
      { code: 'hukou', title: '户口登记', titleEn: 'Household registration', note: '公安' },
    ],
    steps: [
      { key: 's1', label: '受理', labelEn: 'Accepted', state: 'done' },
      { key: 's2', label: '审核', labelEn: 'Review', state: 'current' },
    ],
    picked: [],
  },
  states: {
    pick: {
      meta: { screen: 'pick' },
      on: {
        'item.toggle': {
          actions: { type: 'context.toggle', params: { key: 'picked', value: '$event.id' } },
        },
        next: [
          { guard: { type: 'context.empty', params: { key: 'picked' } }, target: 'needOne' },
          { target: 'number' },
        ],
        cancel: 'cancelled',
      },
    },
    needOne: { meta: { screen: 'need-one' }, on: { back: 'pick' }, after: { '10000': 'pick' } },
    number: {
      meta: { screen: 'number' },
      on: {
        'number.entered': {
          target: 'choose',
          actions: { type: 'context.set', params: { key: 'number', value: '$event.value' } },
        },
        cancel: 'cancelled',
      },
    },
    choose: {
      meta: { screen: 'choose' },
      on: {
        'item.chosen': {
          target: 'route',
          actions: { type: 'context.set', params: { key: 'chosen', value: '$event.id' } },
        },
      },
    },
    route: {
      always: [
        {
          guard: { type: 'context.equals', params: { key: 'chosen', value: 'birth' } },
          target: 'read',
        },
        {
          guard: { type: 'context.includes', params: { key: 'picked', value: 'hukou' } },
          target: 'show',
        },
        { target: 'cancelled' },
      ],
    },
    read: {
      meta: { screen: 'insert-card' },
      invoke: {
        src: 'idcard.read',
        input: { timeoutSeconds: 30 },
        onDone: { target: 'show' },
        onError: 'failed',
      },
      on: { cancel: 'cancelled' },
    },
    show: {
      meta: { screen: 'show' },
      on: { print: 'done', finish: 'done' },
    },
    done: { type: 'final', output: { outcome: 'completed' } },
    failed: { type: 'final', output: { outcome: 'failed' } },
    cancelled: { type: 'final', output: { outcome: 'cancelled' } },
  },
};

const SCREENS: Json = {
  $schema: '../schema/screens.schema.json',
  pick: {
    layout: 'task',
    title: 'pick.title',
    blocks: [
      {
        kind: 'list',
        style: 'checklist',
        items: '$context.items',
        id: 'code',
        title: '{{title}}',
        lines: ['row.note'],
        selected: '$context.picked',
        event: 'item.toggle',
        empty: 'list.empty',
      },
    ],
    actions: [
      { id: 'next', label: 'common.next', event: 'next' },
      { id: 'cancel', label: 'common.cancel', event: 'cancel', kind: 'secondary' },
    ],
  },
  'need-one': {
    layout: 'message',
    tone: 'warning',
    title: 'need.title',
    actions: [{ id: 'back', label: 'common.back', event: 'back' }],
  },
  number: {
    layout: 'task',
    title: 'number.title',
    blocks: [
      {
        kind: 'entry',
        pad: 'digits',
        label: 'number.label',
        event: 'number.entered',
        submitLabel: 'common.next',
        minLength: 4,
        maxLength: 8,
        hint: 'number.hint',
      },
    ],
    actions: [{ id: 'cancel', label: 'common.cancel', event: 'cancel', kind: 'secondary' }],
  },
  choose: {
    layout: 'task',
    title: 'choose.title',
    blocks: [
      {
        kind: 'list',
        style: 'choices',
        items: '$context.items',
        id: 'code',
        title: '{{title}}',
        event: 'item.chosen',
      },
    ],
  },
  'insert-card': {
    layout: 'task',
    title: 'card.title',
    blocks: [{ kind: 'illustration', name: 'insert-card', alt: 'card.title' }],
    actions: [{ id: 'cancel', label: 'common.cancel', event: 'cancel', kind: 'secondary' }],
  },
  show: {
    layout: 'task',
    title: 'show.title',
    blocks: [
      {
        kind: 'list',
        style: 'steps',
        items: '$context.steps',
        id: 'key',
        title: '{{label}}',
        state: 'state',
      },
      { kind: 'list', style: 'plain', items: '$context.items', id: 'code', title: '{{title}}' },
      { kind: 'qr', text: 'https://example.gov.cn/progress/{{number}}', caption: 'qr.caption' },
    ],
    actions: [
      { id: 'print', label: 'show.print', event: 'print', requires: 'documentPrinter' },
      { id: 'finish', label: 'common.finish', event: 'finish', kind: 'secondary' },
    ],
  },
};

const ZH: Record<string, string> = {
  'pick.title': '请选择事项',
  'row.note': '部门：{{note}}',
  'list.empty': '暂无事项',
  'common.next': '下一步',
  'common.cancel': '取消',
  'common.back': '返回',
  'common.finish': '完成',
  'need.title': '请至少选择一项',
  'number.title': '请输入编号',
  'number.label': '编号',
  'number.hint': '4 到 8 位数字',
  'choose.title': '请选择一项办理',
  'card.title': '请放置身份证',
  'show.title': '办理进度',
  'show.print': '打印',
  'qr.caption': '扫码查看进度',
};

const EN: Record<string, string> = {
  'pick.title': 'Choose the items',
  'row.note': 'Department: {{note}}',
  'list.empty': 'Nothing to choose',
  'common.next': 'Next',
  'common.cancel': 'Cancel',
  'common.back': 'Back',
  'common.finish': 'Finish',
  'need.title': 'Choose at least one item',
  'number.title': 'Enter the number',
  'number.label': 'Number',
  'number.hint': '4 to 8 digits',
  'choose.title': 'Choose one to do now',
  'card.title': 'Place your ID card',
  'show.title': 'Progress',
  'show.print': 'Print',
  'qr.caption': 'Scan to follow the progress',
};
