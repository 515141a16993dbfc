import type { ActionView, BlockView, IdleView, Locale, ScreenView } from '../../contract.ts';

/**
 * What a screen says when it is spoken: its title, its content and every action with its colour
 * and place, built only from the ScreenView the renderer draws. That view is already localised
 * and masked, so speech can never say more about a resident than the screen shows.
 */

/** Words speech adds around the screen's own text. */
interface SpeechWords {
  /** Colour of each button kind as the renderer draws it (renderer.css `.action--*`). */
  kind: Record<ActionView['kind'], string>;
  bottom: string;
  middle: string;
  /** `{colour} button {place}: {label}`. */
  button: (colour: string, place: string, label: string) => string;
  unavailable: string;
  /** Said for a run of mask characters: the screen shows `*`, speech says they are hidden. */
  hidden: (count: number) => string;
  ticket: string;
  entry: (label: string, min: number, max: number) => string;
  listRow: (n: number) => string;
  selected: string;
  step: Record<'done' | 'current' | 'todo', string>;
  stop: string;
  comma: string;
}

const WORDS: Record<Locale, SpeechWords> = {
  'zh-CN': {
    kind: { primary: '蓝色', secondary: '白色', danger: '红色' },
    bottom: '在底部',
    middle: '在屏幕中间',
    button: (colour, place, label) => `${colour}按钮，${place}：${label}`,
    unavailable: '暂不可用',
    hidden: (count) => `，隐去${count}位，`,
    ticket: '您的号码是',
    entry: (label, min, max) =>
      min === max ? `${label}，请输入${max}位` : `${label}，请输入${min}到${max}位`,
    listRow: (n) => `第${n}项`,
    selected: '已选',
    step: { done: '已完成', current: '进行中', todo: '未开始' },
    stop: '。',
    comma: '，',
  },
  en: {
    kind: { primary: 'blue', secondary: 'white', danger: 'red' },
    bottom: 'at the bottom',
    middle: 'in the middle of the screen',
    button: (colour, place, label) => `${colour} button ${place}: ${label}`,
    unavailable: 'unavailable',
    hidden: (count) => `, ${count} hidden, `,
    ticket: 'Your number is',
    entry: (label, min, max) =>
      min === max ? `${label}, ${max} characters` : `${label}, ${min} to ${max} characters`,
    listRow: (n) => `Item ${n}`,
    selected: 'selected',
    step: { done: 'done', current: 'in progress', todo: 'to come' },
    stop: '. ',
    comma: ', ',
  },
};

/**
 * Digits in a row from which a number is read digit by digit: an ID, phone or certificate
 * number read as one quantity ("three hundred twenty thousand…") cannot be checked against a
 * card; counts and amounts are shorter.
 */
const DIGIT_BY_DIGIT_FROM = 5;

/** A piece of screen text made fit to speak: masked runs named as hidden, long numbers spelled. */
export function speakable(text: string, locale: Locale): string {
  const words = WORDS[locale];
  return text
    .replace(/[*＊•]+/g, (run) => words.hidden(run.length))
    .replace(new RegExp(`\\d{${DIGIT_BY_DIGIT_FROM},}`, 'g'), (digits) =>
      digits.split('').join(' '),
    )
    .replace(/\s+/g, ' ')
    .replace(/^[\s,，]+|[\s,，]+$/g, '');
}

/** The sentences of one screen, in the order a sighted person reads it. */
export function screenSentences(screen: ScreenView, locale: Locale): string[] {
  const words = WORDS[locale];
  const out: string[] = [screen.title];
  if (screen.subtitle) out.push(screen.subtitle);
  for (const block of screen.blocks) out.push(...blockSentences(block, words));
  const place = screen.layout === 'attract' ? words.middle : words.bottom;
  for (const action of screen.actions) out.push(actionSentence(action, place, words));
  return out.map((s) => speakable(s, locale)).filter((s) => s.length > 0);
}

/** The whole speech text of a screen in the session's language. */
export function screenSpeech(screen: ScreenView, locale: Locale): string {
  return joinSentences(screenSentences(screen, locale), locale);
}

/** The idle warning, spoken when it appears. */
export function idleSpeech(idle: IdleView, locale: Locale): string {
  const words = WORDS[locale];
  return joinSentences(
    [
      idle.title,
      idle.message,
      words.button(words.kind.primary, words.middle, idle.extendLabel),
      words.button(words.kind.secondary, words.middle, idle.endLabel),
    ].map((s) => speakable(s, locale)),
    locale,
  );
}

function joinSentences(sentences: string[], locale: Locale): string {
  const stop = WORDS[locale].stop;
  return sentences
    .map((s) => (/[。．.!?！？：:]$/.test(s) ? s : s + stop.trim()))
    .join(locale === 'en' ? ' ' : '');
}

function actionSentence(action: ActionView, place: string, words: SpeechWords): string {
  const said = words.button(words.kind[action.kind], place, action.label);
  if (!action.disabled) return said;
  const why = action.disabledReason ? `${words.comma}${action.disabledReason}` : '';
  return `${said}${words.comma}${words.unavailable}${why}`;
}

function blockSentences(block: BlockView, words: SpeechWords): string[] {
  switch (block.kind) {
    case 'text':
    case 'progress':
      return [block.text];
    case 'fields':
      return block.rows.map((r) => `${r.label}${words.comma}${r.value}`);
    case 'ticket':
      return [`${words.ticket} ${block.number}`, block.text];
    case 'choices':
      return block.choices.map((c) => actionSentence(c, words.middle, words));
    case 'rating':
      return block.options.map((o) => actionSentence(o, words.middle, words));
    case 'entry':
      return [words.entry(block.label, block.minLength, block.maxLength), block.hint ?? ''];
    case 'qr':
      return [block.caption];
    case 'illustration':
      // The picture repeats what the text says; its alt text is for screen readers browsing.
      return [];
    case 'list': {
      if (block.items.length === 0) return block.empty ? [block.empty] : [];
      return block.items.map((item, i) => {
        const parts = [`${words.listRow(i + 1)}${words.comma}${item.title}`, ...item.lines];
        if (item.state) parts.push(words.step[item.state]);
        if (item.selected) parts.push(words.selected);
        return parts.join(words.comma);
      });
    }
  }
}
