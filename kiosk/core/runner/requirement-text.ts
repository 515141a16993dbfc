import type { Locale } from '../../contract.ts';
import type { Requirement } from '../capabilities/catalogue.ts';

/**
 * The kiosk's own words for why an action is disabled while a device or service it needs is
 * out of service. They are the kiosk's, not the flow's: a vendor cannot make a disabled button
 * blame the wrong device.
 */
const REASONS: Record<Requirement, Record<Locale, string>> = {
  idCardReader: {
    'zh-CN': '身份证读卡器暂停服务',
    en: 'The ID card reader is out of service',
  },
  scanner: { 'zh-CN': '扫码器暂停服务', en: 'The QR scanner is out of service' },
  receiptPrinter: {
    'zh-CN': '凭条打印机暂停服务',
    en: 'The receipt printer is out of service',
  },
  documentPrinter: {
    'zh-CN': '证明打印机暂停服务',
    en: 'The certificate printer is out of service',
  },
  platform: {
    'zh-CN': '暂时无法连接政务服务平台',
    en: 'The service platform cannot be reached right now',
  },
  identity: {
    'zh-CN': '读卡器和扫码器均暂停服务，暂时无法核验身份',
    en: 'The card reader and the QR scanner are both out of service, so identity cannot be checked',
  },
};

/** Why an action needing `requirement` is disabled, in the session's language. */
export function disabledReason(requirement: Requirement, locale: Locale): string {
  return REASONS[requirement][locale];
}
