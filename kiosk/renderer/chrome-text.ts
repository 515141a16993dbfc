import type { Locale } from '../contract.ts';

/**
 * The few words the renderer draws on its own (everything else arrives localised in the
 * snapshot). Kept tiny on purpose: new wording belongs in the flow packages.
 */
export interface ChromeText {
  largeText: string;
  language: string;
  settings: string;
  secondsUnit: (seconds: number) => string;
  /** The pad's delete key, for screen readers (it shows ⌫). */
  deleteKey: string;
  /** What the pad's live region says while nothing is typed yet. */
  nothingTyped: string;
  /** How many characters are typed, next to the field. */
  typedCount: (typed: number, max: number) => string;
  /** Step states of a progress timeline, shown next to each step (never by colour alone). */
  stepDone: string;
  stepCurrent: string;
  stepTodo: string;
  /** The speaker controls: read the screen aloud, stop, quieter, louder. */
  speech: string;
  speak: string;
  speechStop: string;
  speechQuieter: string;
  speechLouder: string;
}

const TEXT: Record<Locale, ChromeText> = {
  'zh-CN': {
    largeText: '大字模式',
    language: '语言',
    settings: '显示设置',
    secondsUnit: (seconds) => `${seconds} 秒`,
    deleteKey: '删除',
    nothingTyped: '尚未输入',
    typedCount: (typed, max) => `已输入 ${typed}/${max} 位`,
    stepDone: '已完成',
    stepCurrent: '进行中',
    stepTodo: '未开始',
    speech: '语音播报',
    speak: '朗读',
    speechStop: '停止朗读',
    speechQuieter: '音量减小',
    speechLouder: '音量增大',
  },
  en: {
    largeText: 'Large text',
    language: 'Language',
    settings: 'Display settings',
    secondsUnit: (seconds) => (seconds === 1 ? '1 second' : `${seconds} seconds`),
    deleteKey: 'Delete',
    nothingTyped: 'Nothing typed yet',
    typedCount: (typed, max) => `${typed} of ${max} characters`,
    stepDone: 'Done',
    stepCurrent: 'In progress',
    stepTodo: 'To come',
    speech: 'Speech',
    speak: 'Read aloud',
    speechStop: 'Stop reading',
    speechQuieter: 'Quieter',
    speechLouder: 'Louder',
  },
};

/** The renderer's own labels for a locale. */
export function chromeText(locale: Locale): ChromeText {
  return TEXT[locale];
}
