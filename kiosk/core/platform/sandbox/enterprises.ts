import { makeCreditCode } from '../credit-code.ts';
import { maskName } from '../../privacy/mask.ts';
import type { CreditRecord } from '../schemas-services.ts';

/**
 * The sandbox's fictional enterprises and their public credit records (一企来办). Codes are made
 * by the GB 32100 functions, so both check characters are right by construction. A legal
 * representative's name is personal data even on a public record: it leaves masked.
 */

interface EnterpriseSeed extends Omit<
  CreditRecord,
  'creditCode' | 'legalRepresentativeMasked' | 'asOf'
> {
  division: string;
  orgBody: string;
  legalRepresentative: string;
}

// prettier-ignore
const SEEDS: readonly EnterpriseSeed[] = [
  { division: '320105', orgBody: 'MA1XK7Q2', name: '南京示例信息技术有限公司', nameEn: 'Nanjing Example Information Technology Co., Ltd.', legalRepresentative: '周建国', registeredCapital: '5000000.00', status: 'active', statusLabel: '存续', statusLabelEn: 'Active', establishedOn: '2016-04-18', entries: [
    { kind: 'licence', title: '增值电信业务经营许可', titleEn: 'Value-added telecom licence', authority: '江苏省通信管理局', date: '2019-08-01' },
    { kind: 'award', title: '守合同重信用企业', titleEn: 'Contract-honouring enterprise', authority: '南京市市场监督管理局', date: '2023-05-20' },
  ] },
  { division: '320505', orgBody: 'MA1Y3N8D', name: '苏州演示精密制造有限公司', nameEn: 'Suzhou Demo Precision Manufacturing Co., Ltd.', legalRepresentative: '陈晓峰', registeredCapital: '20000000.00', status: 'active', statusLabel: '存续', statusLabelEn: 'Active', establishedOn: '2012-09-03', entries: [
    { kind: 'penalty', title: '环境保护行政处罚（已整改）', titleEn: 'Environmental penalty (remedied)', authority: '苏州市生态环境局', date: '2021-11-12' },
  ] },
  { division: '320100', orgBody: 'MA20R5TB', name: '江苏样例物流股份有限公司', nameEn: 'Jiangsu Sample Logistics Co., Ltd.', legalRepresentative: '刘芳', registeredCapital: '100000000.00', status: 'active', statusLabel: '存续', statusLabelEn: 'Active', establishedOn: '2009-01-15', entries: [
    { kind: 'licence', title: '道路运输经营许可', titleEn: 'Road transport licence', authority: '南京市交通运输局', date: '2009-03-02' },
  ] },
  { division: '320104', orgBody: 'MA1P6W4H', name: '金陵测试餐饮管理有限公司', nameEn: 'Jinling Test Catering Management Co., Ltd.', legalRepresentative: '赵敏', registeredCapital: '500000.00', status: 'active', statusLabel: '存续（经营异常）', statusLabelEn: 'Active (irregular operation)', establishedOn: '2020-06-30', entries: [
    { kind: 'licence', title: '食品经营许可', titleEn: 'Food business licence', authority: '南京市秦淮区市场监督管理局', date: '2020-07-15' },
    { kind: 'abnormal', title: '列入经营异常名录（未按时报送年报）', titleEn: 'Listed for irregular operation (annual report late)', authority: '南京市秦淮区市场监督管理局', date: '2024-07-01' },
  ] },
  { division: '320113', orgBody: 'MA1T9C3L', name: '南京旧例贸易有限公司', nameEn: 'Nanjing Former Trading Co., Ltd.', legalRepresentative: '钱一鸣', registeredCapital: '1000000.00', status: 'cancelled', statusLabel: '注销', statusLabelEn: 'Cancelled', establishedOn: '2011-03-22', entries: [] },
];

/** Every seeded enterprise, keyed by its credit code, as the public record shows it. */
export const ENTERPRISES: ReadonlyMap<string, Omit<CreditRecord, 'asOf'>> = new Map(
  SEEDS.map(({ division, orgBody, legalRepresentative, ...rest }) => {
    const creditCode = makeCreditCode('91', division, orgBody);
    return [
      creditCode,
      { creditCode, legalRepresentativeMasked: maskName(legalRepresentative), ...rest },
    ];
  }),
);

/** The public credit record of an enterprise, or undefined when the platform has none. */
export function creditRecordOf(creditCode: string, now: Date): CreditRecord | undefined {
  const found = ENTERPRISES.get(creditCode);
  return found ? { ...found, asOf: now.toISOString() } : undefined;
}
