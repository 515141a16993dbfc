import { describe, expect, it } from 'vitest';
import type { ScreenView } from '../../contract.ts';
import { maskIdNumber, maskName } from '../privacy/mask.ts';
import { idleView, ratingScreen } from '../session/shell-screens.ts';
import { idleSpeech, screenSpeech, speakable } from './screen-speech.ts';

/** A review screen as a certificate flow draws it: masked holder, a record, print and back. */
function reviewScreen(locale: 'zh-CN' | 'en'): ScreenView {
  const zh = locale === 'zh-CN';
  return {
    id: 'review',
    layout: 'task',
    tone: 'neutral',
    title: zh ? '社会保险缴费证明' : 'Social insurance payment certificate',
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: zh ? '姓名' : 'Name', value: maskName(zh ? '张小明' : 'ALICE MARY') },
          { label: zh ? '证件号码' : 'ID number', value: maskIdNumber('11010519491231002X') },
        ],
      },
    ],
    actions: [
      { id: 'print', label: zh ? '打印证明' : 'Print', event: 'print', kind: 'primary' },
      { id: 'back', label: zh ? '返回' : 'Back', event: 'back', kind: 'secondary' },
    ],
  };
}

describe('screen speech', () => {
  it('says the title, the fields and each action with its colour and place, in Chinese', () => {
    const text = screenSpeech(reviewScreen('zh-CN'), 'zh-CN');
    expect(text).toMatch(/^社会保险缴费证明。/);
    expect(text).toContain('姓名，张，隐去1位，明');
    expect(text).toContain('蓝色按钮，在底部：打印证明。');
    expect(text).toContain('白色按钮，在底部：返回。');
  });

  it('says the same screen in English', () => {
    const text = screenSpeech(reviewScreen('en'), 'en');
    expect(text).toMatch(/^Social insurance payment certificate\. /);
    expect(text).toContain('blue button at the bottom: Print.');
    expect(text).toContain('white button at the bottom: Back.');
  });

  it('speaks a masked name and ID number only in their masked form', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = screenSpeech(reviewScreen(locale), locale);
      for (const raw of ['小明', 'ALICE', 'MARY', '11010519491231002X', '19491231']) {
        expect(text).not.toContain(raw);
      }
      // The visible digits are read one by one, the hidden ones are counted, never guessed.
      expect(text).toContain('1 1 0 1 0 5');
      expect(text).toMatch(/8 hidden|隐去8位/);
    }
  });

  it('reads rating faces as buttons in the middle and the skip button at the bottom', () => {
    const text = screenSpeech(ratingScreen('zh-CN'), 'zh-CN');
    expect(text).toContain('按钮，在屏幕中间：非常满意');
    expect(text).toMatch(/按钮，在底部：跳过/);
    const en = screenSpeech(ratingScreen('en'), 'en');
    expect(en).toContain('button in the middle of the screen: Very good');
  });

  it('says why a disabled button cannot be used', () => {
    const screen = reviewScreen('en');
    screen.actions[0] = {
      ...screen.actions[0]!,
      disabled: true,
      disabledReason: 'The printer is out of paper',
    };
    expect(screenSpeech(screen, 'en')).toContain(
      'blue button at the bottom: Print, unavailable, The printer is out of paper.',
    );
  });

  it('reads list rows by number, with step states, and an entry field with its length', () => {
    const screen: ScreenView = {
      id: 'progress',
      layout: 'task',
      tone: 'neutral',
      title: '办件进度',
      blocks: [
        {
          kind: 'list',
          style: 'steps',
          items: [
            { id: 'a', title: '受理', lines: [], state: 'done' },
            { id: 'b', title: '审核', lines: ['预计 3 天'], state: 'current' },
          ],
        },
        {
          kind: 'entry',
          pad: 'digits',
          label: '申请编号',
          event: 'x',
          submitLabel: '查询',
          minLength: 12,
          maxLength: 12,
        },
      ],
      actions: [],
    };
    const text = screenSpeech(screen, 'zh-CN');
    expect(text).toContain('第1项，受理，已完成。第2项，审核，预计 3 天，进行中。');
    expect(text).toContain('申请编号，请输入12位。');
  });

  it('speaks the idle warning with its seconds and both buttons', () => {
    const text = idleSpeech(idleView('zh-CN', 20), 'zh-CN');
    expect(text).toContain('您还在吗');
    expect(text).toContain('20 秒后');
    expect(text).toContain('按钮，在屏幕中间：继续办理');
    expect(idleSpeech(idleView('en', 20), 'en')).toContain('In 20 seconds');
  });

  it('turns runs of mask characters into a count and spells long numbers', () => {
    expect(speakable('A**** M***', 'en')).toBe('A, 4 hidden, M, 3 hidden');
    expect(speakable('证书号 2026120100017', 'zh-CN')).toBe('证书号 2 0 2 6 1 2 0 1 0 0 0 1 7');
    expect(speakable('共 3 项', 'zh-CN')).toBe('共 3 项');
  });
});
