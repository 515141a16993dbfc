import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { ACTION_CAPABILITIES } from '../capabilities/catalogue.ts';
import { buildFlowMachine, provideSession } from '../runner/build-machine.ts';
import type { FlowPackageError } from '../runner/errors.ts';
import type { FlowManifest } from '../runner/package-schema.ts';
import { checkSpokenStrings } from '../runner/package-strings.ts';

const MACHINE = {
  id: 'hint',
  initial: 'waiting',
  states: {
    waiting: { entry: [{ type: 'speech.say', params: { text: 'insertHint' } }] },
  },
};

const noRuntime = { run: () => Promise.reject(new Error('no capabilities here')) };

describe('the speech.say action', () => {
  it('hands the session the strings key the flow names', () => {
    const keys: string[] = [];
    const machine = provideSession(buildFlowMachine(MACHINE), 'hint', noRuntime, (key) =>
      keys.push(key),
    );
    createActor(machine).start().stop();
    expect(keys).toEqual(['insertHint']);
  });

  it('says nothing outside a session (no speaker provided)', () => {
    expect(() => createActor(buildFlowMachine(MACHINE)).start().stop()).not.toThrow();
  });

  it('takes only a strings key, never free text', () => {
    const params = ACTION_CAPABILITIES['speech.say'].params;
    expect(params.safeParse({ text: 'insertHint' }).success).toBe(true);
    expect(params.safeParse({ text: '王秀英 320102195808084526' }).success).toBe(false);
    expect(params.safeParse({ text: '$context.resident.name' }).success).toBe(false);
  });

  it('is refused at install when a locale lacks the spoken line, naming file and fix', () => {
    const manifest = {
      machine: 'machine.json',
      strings: { 'zh-CN': 'i18n/zh-CN.json', en: 'i18n/en.json' },
    } as FlowManifest;
    const problems: FlowPackageError[] = [];
    checkSpokenStrings(
      manifest,
      MACHINE,
      { 'zh-CN': { insertHint: '请插入身份证' }, en: {} },
      problems,
    );
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining(
        'missing string "insertHint" spoken by machine.json/states/waiting/entry/0/params/text',
      ),
    ]);
    expect(problems[0]?.message).toContain('add "insertHint" to i18n/en.json');
  });
});
