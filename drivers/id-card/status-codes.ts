import type { DeviceErrorFlags } from '../device/errors.ts';

/**
 * The SW3 module status codes (spec §5) as data: meaning in Chinese and English and what a
 * driver should do about each, so the reader's retry logic is a table lookup rather than a
 * chain of ifs, and maintenance screens can show the same words.
 */

/**
 * What a driver does on a status code:
 * - `ok`: the command succeeded (90, or 9F for find).
 * - `noContent`: success, the optional item is simply absent (91).
 * - `keepPolling`: no card yet; poll find again after the interval (80).
 * - `resend`: the SAM did not understand our frame; send the same command again (10, 11).
 * - `restartFromFind`: the card moved or the sequence broke; start again at find.
 * - `cardRejected`: this card cannot be read here; tell the person, do not loop.
 * - `hardwareFault`: the SAM cannot work; stop and report hardwareError.
 * - `notAuthorised`: the SAM is not licensed for use; stop and report hardwareError.
 */
export type Sw3Action =
  | 'ok'
  | 'noContent'
  | 'keepPolling'
  | 'resend'
  | 'restartFromFind'
  | 'cardRejected'
  | 'hardwareFault'
  | 'notAuthorised';

/** One row of the SW3 table. */
export interface Sw3Meaning {
  code: number;
  zh: string;
  en: string;
  action: Sw3Action;
  /** Flags of the DeviceError a driver raises when this code ends an operation. */
  flags: DeviceErrorFlags;
}

/** Every SW3 code the spec lists. */
export const SW3_TABLE: readonly Sw3Meaning[] = [
  { code: 0x90, zh: '操作成功', en: 'success', action: 'ok', flags: {} },
  { code: 0x9f, zh: '寻找证/卡成功', en: 'card found', action: 'ok', flags: {} },
  {
    code: 0x91,
    zh: '证/卡中此项无内容',
    en: 'this item is empty on the card',
    action: 'noContent',
    flags: {},
  },
  {
    code: 0x10,
    zh: '接收业务终端数据的校验和错',
    en: 'checksum of the received frame is wrong',
    action: 'resend',
    flags: { checksum: true },
  },
  {
    code: 0x11,
    zh: '接收业务终端数据的长度错',
    en: 'length of the received frame is wrong',
    action: 'resend',
    flags: { checksum: true },
  },
  {
    code: 0x21,
    zh: '接收业务终端的命令错误',
    en: 'command wrong or out of order',
    action: 'restartFromFind',
    flags: { readFailed: true },
  },
  {
    code: 0x23,
    zh: '越权操作',
    en: 'operation not permitted',
    action: 'restartFromFind',
    flags: { readFailed: true },
  },
  {
    code: 0x24,
    zh: '无法识别的错误',
    en: 'unrecognised error',
    action: 'restartFromFind',
    flags: { readFailed: true },
  },
  {
    code: 0x31,
    zh: '证/卡认证机具失败',
    en: 'card failed to authenticate the SAM',
    action: 'restartFromFind',
    flags: { readFailed: true },
  },
  {
    code: 0x32,
    zh: '机具认证证/卡失败',
    en: 'SAM failed to authenticate the card',
    action: 'cardRejected',
    flags: { readFailed: true },
  },
  {
    code: 0x33,
    zh: '信息验证错误',
    en: 'information verification error',
    action: 'cardRejected',
    flags: { readFailed: true },
  },
  {
    code: 0x40,
    zh: '无法识别的证/卡类型',
    en: 'unrecognised card type',
    action: 'cardRejected',
    flags: { readFailed: true, unsupported: true },
  },
  {
    code: 0x41,
    zh: '读证/卡操作失败',
    en: 'reading the card failed',
    action: 'restartFromFind',
    flags: { readFailed: true },
  },
  {
    code: 0x47,
    zh: '取随机数失败',
    en: 'getting a random number failed',
    action: 'restartFromFind',
    flags: { readFailed: true },
  },
  {
    code: 0x60,
    zh: 'SAM自检失败，不能接收命令',
    en: 'SAM self-test failed, cannot accept commands',
    action: 'hardwareFault',
    flags: { hardwareError: true },
  },
  {
    code: 0x66,
    zh: 'SAM没经过授权，无法使用',
    en: 'SAM is not authorised and cannot be used',
    action: 'notAuthorised',
    flags: { hardwareError: true },
  },
  {
    code: 0x80,
    zh: '寻找证/卡失败',
    en: 'no card found',
    action: 'keepPolling',
    flags: { noCard: true },
  },
  {
    code: 0x81,
    zh: '选取证/卡失败',
    en: 'selecting the card failed',
    action: 'restartFromFind',
    flags: { readFailed: true },
  },
  {
    code: 0xff,
    zh: '通讯失败',
    en: 'communication failure (host-side code)',
    action: 'resend',
    flags: { disconnected: true },
  },
];

const BY_CODE = new Map(SW3_TABLE.map((row) => [row.code, row]));

/**
 * Looks up a status code. Codes the spec does not list are treated as a failed read to be
 * restarted from find, which is safe on any module: the worst case is one wasted poll.
 */
export function sw3Meaning(code: number): Sw3Meaning {
  return (
    BY_CODE.get(code) ?? {
      code,
      zh: '未知状态码',
      en: `unknown status code 0x${code.toString(16).padStart(2, '0')}`,
      action: 'restartFromFind',
      flags: { readFailed: true },
    }
  );
}

/** Formats a status code for logs and error messages: `SW3 41 (reading the card failed)`. */
export function describeSw3(code: number): string {
  return `SW3 ${code.toString(16).padStart(2, '0').toUpperCase()} (${sw3Meaning(code).en})`;
}
