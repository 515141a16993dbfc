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
}

const TEXT: Record<Locale, ChromeText> = {
  'zh-CN': {
    largeText: '大字模式',
    language: '语言',
    settings: '显示设置',
    secondsUnit: (seconds) => `${seconds} 秒`,
  },
  en: {
    largeText: 'Large text',
    language: 'Language',
    settings: 'Display settings',
    secondsUnit: (seconds) => (seconds === 1 ? '1 second' : `${seconds} seconds`),
  },
};

/** The renderer's own labels for a locale. */
export function chromeText(locale: Locale): ChromeText {
  return TEXT[locale];
}
