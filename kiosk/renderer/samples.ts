import type { IdleView, KioskSnapshot, Locale, ScreenView } from '../contract.ts';

/**
 * Sample snapshots covering every layout and block kind, with fictional residents only.
 * End-to-end tests script a fake core with them, and designers can look at each screen.
 */

const LOCALES: KioskSnapshot['locales'] = [
  { locale: 'zh-CN', label: '中文' },
  { locale: 'en', label: 'English' },
];

const QUIET_IDLE: Record<Locale, IdleView> = {
  'zh-CN': {
    warning: false,
    secondsLeft: null,
    title: '您还在吗？',
    message: '为保护您的个人信息，长时间无操作将自动退出。',
    extendLabel: '继续办理',
    endLabel: '退出',
  },
  en: {
    warning: false,
    secondsLeft: null,
    title: 'Are you still there?',
    message: 'To protect your personal information, the session will end soon.',
    extendLabel: 'Continue',
    endLabel: 'End session',
  },
};

/** A snapshot around `screen`, with the defaults every sample shares. */
export function sampleSnapshot(
  screen: ScreenView,
  options: Partial<Omit<KioskSnapshot, 'screen'>> = {},
): Omit<KioskSnapshot, 'seq'> {
  const locale = options.locale ?? 'zh-CN';
  return {
    inSession: screen.layout !== 'attract',
    locale,
    screen,
    idle: QUIET_IDLE[locale],
    locales: LOCALES,
    largeText: false,
    notices: [],
    ...options,
  };
}

/** The same idle view with its warning up and `seconds` left. */
export function idleWarning(locale: Locale, seconds: number): IdleView {
  return { ...QUIET_IDLE[locale], warning: true, secondsLeft: seconds };
}

/** The sample screens by name. */
export const SAMPLE_SCREENS = {
  attract: {
    id: 'attract',
    layout: 'attract',
    tone: 'neutral',
    title: '政务服务 7×24 小时自助终端',
    subtitle: '社保证明 · 公积金证明 · 办件查询 · 排队取号',
    blocks: [
      { kind: 'illustration', name: 'scan-qr', alt: '出示手机上的苏服码，或刷身份证' },
      { kind: 'text', text: '刷身份证或出示苏服码，即可开始办理', emphasis: 'strong' },
    ],
    actions: [{ id: 'start', label: '开始办理', event: 'session.start', kind: 'primary' }],
  },
  menu: {
    id: 'menu',
    layout: 'menu',
    tone: 'neutral',
    title: '请选择要办理的事项',
    subtitle: '您好，张*丰',
    blocks: [
      {
        kind: 'choices',
        choices: [
          {
            id: 'si-certificate',
            label: '社会保险参保证明打印',
            event: 'service.choose',
            data: { serviceId: 'si-certificate' },
            kind: 'primary',
          },
          {
            id: 'hf-certificate',
            label: '住房公积金缴存证明打印',
            event: 'service.choose',
            data: { serviceId: 'hf-certificate' },
            kind: 'primary',
          },
          {
            id: 'progress',
            label: '办件进度查询',
            event: 'service.choose',
            data: { serviceId: 'progress' },
            kind: 'primary',
          },
          {
            id: 'queue',
            label: '排队取号',
            event: 'service.choose',
            data: { serviceId: 'queue' },
            kind: 'primary',
          },
          {
            id: 'estate',
            label: '不动产登记信息查询',
            event: 'service.choose',
            data: { serviceId: 'estate' },
            kind: 'primary',
            disabled: true,
            disabledReason: 'A4 打印机缺纸，暂停服务，请到窗口办理',
          },
        ],
      },
    ],
    actions: [{ id: 'exit', label: '退出', event: 'session.end', kind: 'secondary' }],
  },
  insertCard: {
    id: 'insert-card',
    layout: 'task',
    tone: 'neutral',
    title: '请放置身份证',
    blocks: [
      { kind: 'illustration', name: 'insert-card', alt: '将身份证放到下方读卡区' },
      { kind: 'text', text: '请将身份证放在下方读卡区，读取完成前请勿移开。' },
      { kind: 'text', text: '没有身份证？可返回上一步改用苏服码。', emphasis: 'hint' },
    ],
    actions: [{ id: 'back', label: '返回', event: 'nav.back', kind: 'secondary' }],
  },
  review: {
    id: 'review',
    layout: 'task',
    tone: 'neutral',
    title: '请核对打印信息',
    subtitle: '确认无误后再打印，打印后不可撤回',
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: '姓名', value: '张*丰' },
          { label: '证件号码', value: '320102********1234' },
          { label: '证明类型', value: '社会保险参保缴费证明' },
          { label: '缴费期间', value: '2024年1月至2024年12月' },
          { label: '打印份数', value: '1 份' },
        ],
      },
    ],
    actions: [
      { id: 'back', label: '返回修改', event: 'nav.back', kind: 'secondary' },
      { id: 'confirm', label: '确认打印', event: 'print.confirm', kind: 'primary' },
    ],
  },
  printing: {
    id: 'printing',
    layout: 'task',
    tone: 'neutral',
    title: '正在打印',
    blocks: [
      { kind: 'illustration', name: 'printing', alt: '打印机正在打印' },
      { kind: 'progress', text: '正在打印证明，请稍候…' },
    ],
    actions: [],
  },
  printFailed: {
    id: 'print-failed',
    layout: 'message',
    tone: 'error',
    title: '打印未完成',
    blocks: [
      { kind: 'illustration', name: 'error', alt: '出错' },
      { kind: 'text', text: 'A4 打印机卡纸，证明没有打印出来。', emphasis: 'strong' },
      { kind: 'text', text: '您可以重试，或到窗口请工作人员协助。', emphasis: 'hint' },
    ],
    actions: [
      { id: 'finish', label: '结束办理', event: 'session.end', kind: 'secondary' },
      { id: 'retry', label: '重试', event: 'print.retry', kind: 'primary' },
    ],
  },
  ticket: {
    id: 'ticket',
    layout: 'message',
    tone: 'success',
    title: '取号成功',
    blocks: [
      { kind: 'ticket', number: 'A023', text: '前面还有 4 人，请留意叫号' },
      { kind: 'illustration', name: 'take-receipt', alt: '请取走小票' },
    ],
    actions: [{ id: 'done', label: '完成', event: 'session.end', kind: 'primary' }],
  },
  rating: {
    id: 'rating',
    layout: 'rating',
    tone: 'neutral',
    title: '请为本次服务评价',
    subtitle: '您的评价将帮助我们改进服务',
    blocks: [
      {
        kind: 'rating',
        options: [
          {
            id: 'r5',
            label: '非常满意',
            event: 'rating.give',
            data: { score: 5 },
            kind: 'primary',
          },
          { id: 'r4', label: '满意', event: 'rating.give', data: { score: 4 }, kind: 'primary' },
          {
            id: 'r3',
            label: '基本满意',
            event: 'rating.give',
            data: { score: 3 },
            kind: 'primary',
          },
          { id: 'r2', label: '不满意', event: 'rating.give', data: { score: 2 }, kind: 'primary' },
          {
            id: 'r1',
            label: '非常不满意',
            event: 'rating.give',
            data: { score: 1 },
            kind: 'primary',
          },
        ],
      },
    ],
    actions: [{ id: 'skip', label: '跳过', event: 'rating.skip', kind: 'secondary' }],
  },
  maintenance: {
    id: 'maintenance',
    layout: 'maintenance',
    tone: 'warning',
    title: '维护模式',
    subtitle: '终端已暂停对外服务',
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: '身份证阅读器', value: '在线' },
          { label: '小票打印机', value: '在线 · 纸将尽' },
          { label: 'A4 打印机', value: '缺纸' },
        ],
      },
      {
        kind: 'choices',
        choices: [
          { id: 'self-test', label: '设备自检', event: 'maint.selftest', kind: 'primary' },
          { id: 'paper', label: '已补充纸张', event: 'maint.paper', kind: 'primary' },
        ],
      },
    ],
    actions: [{ id: 'leave', label: '退出维护', event: 'maint.leave', kind: 'danger' }],
  },
  menuEnglish: {
    id: 'menu',
    layout: 'menu',
    tone: 'neutral',
    title: 'Choose a service',
    subtitle: 'Hello, J*** S****',
    blocks: [
      {
        kind: 'choices',
        choices: [
          {
            id: 'si-certificate',
            label: 'Social insurance certificate',
            event: 'service.choose',
            data: { serviceId: 'si-certificate' },
            kind: 'primary',
          },
          {
            id: 'queue',
            label: 'Take a queue number',
            event: 'service.choose',
            data: { serviceId: 'queue' },
            kind: 'primary',
          },
          {
            id: 'estate',
            label: 'Real estate records',
            event: 'service.choose',
            data: { serviceId: 'estate' },
            kind: 'primary',
            disabled: true,
            disabledReason: 'Out of A4 paper. Please ask at the counter.',
          },
        ],
      },
    ],
    actions: [{ id: 'exit', label: 'End session', event: 'session.end', kind: 'secondary' }],
  },
} satisfies Record<string, ScreenView>;
