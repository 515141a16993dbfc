import type { Locale } from '../../contract.ts';
import type { DeviceClass, DeviceStatus, SupplyState } from '../../../drivers/device/model.ts';

/** The technician's strings, in both kiosk languages. */
export const MAINTENANCE_STRINGS = {
  'zh-CN': {
    title: '维护模式',
    pinPrompt: '请输入维护密码',
    pinEmpty: '（尚未输入）',
    pinClear: '清除',
    pinOk: '确定',
    pinCancel: '取消',
    pinChecking: '正在核对密码…',
    pinWrong: '密码错误，还可尝试 {n} 次。',
    pinLocked: '错误次数过多，键盘已锁定，请 {s} 秒后再试。',
    pinTooShort: '密码为 4 至 12 位数字。',
    overviewTitle: '设备状态',
    overviewSubtitle: '仅供维护人员使用',
    status: '状态',
    kind: '类型',
    simulated: '模拟设备',
    real: '真实设备',
    detail: '说明',
    notOpen: '未打开',
    selfTest: '自检：{device}',
    refilled: '已补纸：{device}',
    testPrint: '打印凭条测试页',
    resume: '重新打印中断的凭条（作业 {job}）',
    abandon: '放弃中断的凭条（作业 {job}）',
    pendingNotice: '凭条打印机有一张中断的凭条（作业 {job}），请选择重新打印或放弃。',
    info: '终端信息',
    exit: '退出维护',
    back: '返回',
    working: '正在执行：{what}',
    lastOk: '完成：{what}',
    lastFailed: '失败：{what}：{why}',
    infoTitle: '终端信息',
    kioskId: '终端编号',
    platformUrl: '政务服务平台地址',
    flows: '已安装事项',
    version: '软件版本',
    none: '无',
    outbox: '待发送提交',
    outboxValue: '{pending} 条待发送，{dead} 条已过期未送达',
    prints: '未确认的打印',
    audit: '审计日志',
    auditOk: '完整（{algorithm}，{entries} 条）',
    auditBroken: '第 {seq} 条起被改动或缺失：{reason}',
    printCameOut: '已完整打出：{job}',
    printAbandon: '作废：{job}',
    unknown: '未知',
    flowVersion: '版本',
    flowPending: '{version}（退出维护后启用，当前仍为 {served}）',
    flowSource: '来源',
    builtIn: '内置',
    installed: '已安装',
    flowSigner: '签名方',
    flowInstalledAt: '安装时间',
    flowPrevious: '上一版本',
    rollBack: '回退 {id} 到 {version}',
    rollBackDone: '回退 {id}：{from} → {to}，退出维护后启用',
    rollBackFailed: '回退 {id} 失败：{why}',
  },
  en: {
    title: 'Maintenance',
    pinPrompt: 'Enter the maintenance PIN',
    pinEmpty: '(nothing entered)',
    pinClear: 'Clear',
    pinOk: 'OK',
    pinCancel: 'Cancel',
    pinChecking: 'Checking the PIN…',
    pinWrong: 'Wrong PIN. {n} attempts left.',
    pinLocked: 'Too many wrong PINs. The keypad is locked; try again in {s} seconds.',
    pinTooShort: 'The PIN is 4 to 12 digits.',
    overviewTitle: 'Devices',
    overviewSubtitle: 'For maintenance staff only',
    status: 'Status',
    kind: 'Kind',
    simulated: 'Simulated',
    real: 'Real hardware',
    detail: 'Detail',
    notOpen: 'Not open',
    selfTest: 'Self-test: {device}',
    refilled: 'Paper refilled: {device}',
    testPrint: 'Print a receipt test page',
    resume: 'Reprint the interrupted receipt (job {job})',
    abandon: 'Abandon the interrupted receipt (job {job})',
    pendingNotice:
      'The receipt printer holds an interrupted receipt (job {job}); choose to reprint or abandon it.',
    info: 'Terminal information',
    exit: 'Leave maintenance',
    back: 'Back',
    working: 'Working: {what}',
    lastOk: 'Done: {what}',
    lastFailed: 'Failed: {what}: {why}',
    infoTitle: 'Terminal information',
    kioskId: 'Kiosk id',
    platformUrl: 'Service platform URL',
    flows: 'Services installed',
    version: 'Software version',
    none: 'None',
    outbox: 'Submissions to send',
    outboxValue: '{pending} waiting, {dead} dead (too old, never delivered)',
    prints: 'Unconfirmed prints',
    audit: 'Audit trail',
    auditOk: 'intact ({algorithm}, {entries} entries)',
    auditBroken: 'broken from entry {seq}: {reason}',
    printCameOut: 'Came out whole: {job}',
    printAbandon: 'Abandon: {job}',
    unknown: 'Unknown',
    flowVersion: 'Version',
    flowPending: '{version} (served when maintenance ends; {served} until then)',
    flowSource: 'Source',
    builtIn: 'Built-in',
    installed: 'Installed',
    flowSigner: 'Signed by',
    flowInstalledAt: 'Installed at',
    flowPrevious: 'Previous version',
    rollBack: 'Roll {id} back to {version}',
    rollBackDone: 'Rolled {id} back: {from} → {to}; served when maintenance ends',
    rollBackFailed: 'Rolling {id} back failed: {why}',
  },
} as const;

/** The strings of one locale. */
export type MaintenanceStrings = (typeof MAINTENANCE_STRINGS)[Locale];

/** Device names as a technician knows them. */
export const DEVICE_LABELS: Record<DeviceClass, Record<Locale, string>> = {
  idCardReader: { 'zh-CN': '身份证读卡器', en: 'ID card reader' },
  scanner: { 'zh-CN': '扫码器', en: 'QR scanner' },
  receiptPrinter: { 'zh-CN': '凭条打印机', en: 'Receipt printer' },
  documentPrinter: { 'zh-CN': 'A4 打印机', en: 'A4 printer' },
};

const STATUS_LABELS: Record<DeviceStatus, Record<Locale, string>> = {
  starting: { 'zh-CN': '启动中', en: 'Starting' },
  online: { 'zh-CN': '在线', en: 'Online' },
  busy: { 'zh-CN': '忙', en: 'Busy' },
  offline: { 'zh-CN': '离线', en: 'Offline' },
  hardwareError: { 'zh-CN': '硬件故障', en: 'Hardware error' },
  noDevice: { 'zh-CN': '未连接', en: 'No device' },
};

const SUPPLY_LABELS: Record<SupplyState, Record<Locale, string>> = {
  full: { 'zh-CN': '正常', en: 'OK' },
  low: { 'zh-CN': '将尽', en: 'Low' },
  out: { 'zh-CN': '缺纸', en: 'Out' },
  jammed: { 'zh-CN': '卡纸', en: 'Jammed' },
  unknown: { 'zh-CN': '未知', en: 'Unknown' },
  notSupported: { 'zh-CN': '不支持检测', en: 'Not reported' },
};

const SUPPLY_NAMES: Record<string, Record<Locale, string>> = {
  paper: { 'zh-CN': '纸张', en: 'Paper' },
};

/** A device status in words. */
export function statusLabel(status: DeviceStatus, locale: Locale): string {
  return STATUS_LABELS[status][locale];
}

/** A supply's name and state in words, e.g. `Paper` / `Out`. */
export function supplyLabel(
  name: string,
  state: SupplyState,
  locale: Locale,
): { name: string; state: string } {
  return { name: SUPPLY_NAMES[name]?.[locale] ?? name, state: SUPPLY_LABELS[state][locale] };
}

/** Fills `{key}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
