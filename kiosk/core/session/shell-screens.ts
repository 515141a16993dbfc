import type { ActionView, IdleView, Locale, ScreenView } from '../../contract.ts';
import type { FlowPackage } from '../runner/flow-package.ts';

/** The kiosk's own strings (flows bring theirs). */
const STRINGS = {
  'zh-CN': {
    attractTitle: '7×24 小时政务自助服务',
    attractText: '轻触屏幕开始办理',
    attractStart: '开始办理',
    attractServices: '本机可办',
    attractHours: '开放时间',
    attractAllDay: '全天 24 小时开放',
    attractHall: '所在网点',
    menuTitle: '请选择要办理的事项',
    menuSubtitle: '“高效办成一件事”，一次办好',
    menuEnd: '结束办理',
    unavailable: '暂停服务：',
    ratingTitle: '请为本次服务评价',
    ratingText: '您的评价将帮助我们改进服务（好差评）',
    ratingSkip: '跳过',
    ratings: ['非常不满意', '不满意', '基本满意', '满意', '非常满意'],
    thanksTitle: '感谢使用',
    thanksText: '请带好您的证件和打印材料。您的信息已从本机清除。',
    ratingQueued: '您的评价已保存在本机，网络恢复后将自动提交。',
    ratingFailed: '您的评价未能保存，请拨打 12345 政务服务便民热线反映。',
    thanksDone: '完成',
    idleTitle: '您还在吗？',
    idleMessage: '{s} 秒后将结束本次办理并清除您的信息。',
    idleExtend: '继续办理',
    idleEnd: '结束办理',
    busyTitle: '请稍候',
    outOfServiceNotice: '{name}暂停服务',
    stoppedTitle: '此项服务暂停使用',
    stoppedText: '“{name}”出现故障，已暂停服务，工作人员已收到通知。您的信息已从本机清除。',
    stoppedReason: '服务故障，暂停使用',
  },
  en: {
    attractTitle: '24-hour government self-service',
    attractText: 'Touch the screen to start',
    attractStart: 'Start',
    attractServices: 'Services here',
    attractHours: 'Opening hours',
    attractAllDay: 'Open 24 hours a day',
    attractHall: 'Service point',
    menuTitle: 'What would you like to do?',
    menuSubtitle: 'Get one thing done, in one visit',
    menuEnd: 'Finish',
    unavailable: 'Out of service: ',
    ratingTitle: 'How was this service?',
    ratingText: 'Your rating helps us improve the service',
    ratingSkip: 'Skip',
    ratings: ['Very poor', 'Poor', 'Fair', 'Good', 'Very good'],
    thanksTitle: 'Thank you',
    thanksText:
      'Please take your card and your documents. Your details have been cleared from this terminal.',
    ratingQueued: 'Your rating is saved and will be sent when the network is back.',
    ratingFailed: 'Your rating could not be saved. Please tell us on the 12345 hotline.',
    thanksDone: 'Done',
    idleTitle: 'Are you still there?',
    idleMessage: 'In {s} seconds this session ends and your details are cleared.',
    idleExtend: 'Continue',
    idleEnd: 'Finish now',
    busyTitle: 'Please wait',
    outOfServiceNotice: '{name} is out of service',
    stoppedTitle: 'This service is out of service',
    stoppedText:
      '"{name}" ran into a fault and has been stopped; staff have been told. Your details have been cleared from this terminal.',
    stoppedReason: 'Out of service after a fault',
  },
} as const;

/** Names of devices for notices, per locale. */
const DEVICE_NAMES: Record<string, Record<Locale, string>> = {
  idCardReader: { 'zh-CN': '身份证读卡器', en: 'The ID card reader' },
  scanner: { 'zh-CN': '扫码器', en: 'The QR scanner' },
  receiptPrinter: { 'zh-CN': '凭条打印机', en: 'The receipt printer' },
  documentPrinter: { 'zh-CN': '证明打印机', en: 'The certificate printer' },
  platform: { 'zh-CN': '政务服务平台连接', en: 'The service platform connection' },
  identity: {
    'zh-CN': '身份核验（读卡器和扫码器）',
    en: 'Identity check (card reader and QR scanner)',
  },
};

/**
 * Services the attract screen names at most: enough to show what the terminal offers, few enough
 * to read while walking past.
 */
export const MAX_ATTRACT_SERVICES = 6;

/** What the attract screen tells a passer-by about this terminal. */
export interface AttractInfo {
  hallName: string;
  /** `HH:MM-HH:MM`; absent means all day. */
  hours?: string | undefined;
  /** Installed services, most used first. */
  services: readonly string[];
}

/**
 * The attract screen shown between sessions. Its list's rows (services, hours, the hall) are the
 * panels the renderer rotates; a touch anywhere sends the start button's event.
 */
export function attractScreen(locale: Locale, info: AttractInfo): ScreenView {
  const s = STRINGS[locale];
  const allDay = info.hours === undefined || info.hours === '00:00-24:00';
  const panels = [
    {
      id: 'services',
      title: s.attractServices,
      lines: info.services.slice(0, MAX_ATTRACT_SERVICES),
    },
    {
      id: 'hours',
      title: s.attractHours,
      lines: [allDay ? s.attractAllDay : (info.hours ?? '').replace('-', '–')],
    },
    { id: 'hall', title: s.attractHall, lines: [info.hallName] },
  ].filter((panel) => panel.lines.length > 0);
  return {
    id: 'attract',
    layout: 'attract',
    tone: 'neutral',
    title: s.attractTitle,
    blocks: [
      { kind: 'text', text: s.attractText, emphasis: 'strong' },
      { kind: 'list', style: 'plain', items: panels },
    ],
    actions: [{ id: 'start', label: s.attractStart, event: 'session.start', kind: 'primary' }],
  };
}

/** The attract screen's facts: the hall, its hours and the flows in menu order (most used first). */
export function attractInfo(
  options: { site: string; hallName?: string | undefined; hours?: string | undefined },
  flows: readonly FlowPackage[],
  locale: Locale,
): AttractInfo {
  const ordered = [...flows].sort((a, b) => a.manifest.order - b.manifest.order);
  return {
    hallName: options.hallName ?? options.site,
    hours: options.hours,
    services: ordered.map((f) => f.manifest.title[locale]),
  };
}

/** One service on the menu with its availability. */
export interface MenuEntry {
  flow: FlowPackage;
  /** Requirements that are out of service now; empty when the service can run. */
  missing: string[];
  /** True when the kiosk stopped the flow (a budget or a fault) until restart or reinstall. */
  stopped: boolean;
}

/** The menu of services; a service whose device is down is shown disabled with the reason. */
export function menuScreen(locale: Locale, entries: MenuEntry[]): ScreenView {
  const s = STRINGS[locale];
  const choices: ActionView[] = entries.map(({ flow, missing, stopped }) => ({
    id: flow.manifest.id,
    label: flow.manifest.title[locale],
    event: 'service.chosen',
    data: { serviceId: flow.manifest.id },
    kind: 'primary',
    ...(stopped
      ? { disabled: true, disabledReason: s.stoppedReason }
      : missing.length > 0
        ? {
            disabled: true,
            disabledReason: s.unavailable + missing.map((m) => deviceName(m, locale)).join('、'),
          }
        : {}),
  }));
  return {
    id: 'menu',
    layout: 'menu',
    tone: 'neutral',
    title: s.menuTitle,
    subtitle: s.menuSubtitle,
    blocks: [{ kind: 'choices', choices }],
    actions: [{ id: 'end', label: s.menuEnd, event: 'session.end', kind: 'secondary' }],
  };
}

/** The 好差评 rating screen shown after a service. */
export function ratingScreen(locale: Locale): ScreenView {
  const s = STRINGS[locale];
  return {
    id: 'rating',
    layout: 'rating',
    tone: 'neutral',
    title: s.ratingTitle,
    subtitle: s.ratingText,
    blocks: [
      {
        kind: 'rating',
        options: s.ratings.map((label, i) => ({
          id: `rate-${i + 1}`,
          label,
          event: 'rating.chosen',
          data: { score: i + 1 },
          kind: 'secondary' as const,
        })),
      },
    ],
    actions: [{ id: 'skip', label: s.ratingSkip, event: 'rating.skip', kind: 'secondary' }],
  };
}

/** The goodbye screen; the session is already wiped when it shows. */
export function thanksScreen(
  locale: Locale,
  rating: 'sent' | 'queued' | 'failed' | null = null,
): ScreenView {
  const s = STRINGS[locale];
  return {
    id: 'thanks',
    layout: 'message',
    tone: 'success',
    title: s.thanksTitle,
    blocks: [
      { kind: 'illustration', name: 'success', alt: s.thanksTitle },
      { kind: 'text', text: s.thanksText },
      ...(rating === 'queued' || rating === 'failed'
        ? [
            {
              kind: 'text' as const,
              text: rating === 'queued' ? s.ratingQueued : s.ratingFailed,
              emphasis: 'strong' as const,
            },
          ]
        : []),
    ],
    actions: [{ id: 'done', label: s.thanksDone, event: 'next', kind: 'primary' }],
  };
}

/** The notice shown when the kiosk stopped the service the resident was using. */
export function stoppedScreen(locale: Locale, serviceTitle: string): ScreenView {
  const s = STRINGS[locale];
  return {
    id: 'service-stopped',
    layout: 'message',
    tone: 'error',
    title: s.stoppedTitle,
    blocks: [
      { kind: 'illustration', name: 'error', alt: s.stoppedTitle },
      { kind: 'text', text: s.stoppedText.replace('{name}', serviceTitle) },
    ],
    actions: [{ id: 'done', label: s.thanksDone, event: 'next', kind: 'primary' }],
  };
}

/** A neutral waiting screen for states without a screen of their own. */
export function busyScreen(locale: Locale): ScreenView {
  const s = STRINGS[locale];
  return {
    id: 'busy',
    layout: 'task',
    tone: 'neutral',
    title: s.busyTitle,
    blocks: [{ kind: 'progress', text: s.busyTitle }],
    actions: [],
  };
}

/** The idle warning overlay. */
export function idleView(locale: Locale, secondsLeft: number | null): IdleView {
  const s = STRINGS[locale];
  return {
    warning: secondsLeft !== null,
    secondsLeft,
    title: s.idleTitle,
    message: s.idleMessage.replace('{s}', String(secondsLeft ?? 0)),
    extendLabel: s.idleExtend,
    endLabel: s.idleEnd,
  };
}

/** Notices such as "the receipt printer is out of service". */
export function outOfServiceNotices(locale: Locale, down: string[]): string[] {
  return down.map((d) =>
    STRINGS[locale].outOfServiceNotice.replace('{name}', deviceName(d, locale)),
  );
}

function deviceName(requirement: string, locale: Locale): string {
  return DEVICE_NAMES[requirement]?.[locale] ?? requirement;
}
