/**
 * Sample data for the built-in templates. The person is fictional (the same 李明华 the
 * ID-card simulator and the sandbox platform use) and the ID number is already masked.
 */

/** Consecutive months ending at `last` (YYYY-MM), oldest first. */
function monthsUpTo(last: string, count: number): string[] {
  const [year = 2025, month = 1] = last.split('-').map(Number);
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = year * 12 + (month - 1) - i;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

const person = { name: '李明华', idNumber: '320106********123X' };

/** Sample data for `si-payment-certificate`, with `months` payment rows. */
export function siPaymentSample(months = 12): Record<string, unknown> {
  const payments = monthsUpTo('2025-05', months).map((yearMonth) => ({
    yearMonth,
    base: 8600,
    employer: 2296.2,
    personal: 920.2,
  }));
  return {
    ...person,
    insuredCity: '江苏省南京市鼓楼区',
    employer: '南京示例信息技术有限公司',
    insuredSince: '2009-07',
    periodFrom: payments[0]?.yearMonth ?? '2025-05',
    periodTo: '2025-05',
    insurances: [
      { insurance: '企业职工基本养老保险', status: '正常参保', since: '2009-07' },
      { insurance: '职工基本医疗保险', status: '正常参保', since: '2009-07' },
      { insurance: '失业保险', status: '正常参保', since: '2009-07' },
      { insurance: '工伤保险', status: '正常参保', since: '2009-07' },
    ],
    payments,
    authority: '南京市社会保险管理中心',
    issueDate: '2025-06-03',
    verificationCode: 'SB3201-8K4Q-7MZD-2P9X',
    verificationUrl: 'https://sandbox.kiosk24.invalid/verify?code=SB3201-8K4Q-7MZD-2P9X',
  };
}

/** Sample data for `hpf-deposit-certificate`, newest deposit first. */
export function hpfDepositSample(): Record<string, unknown> {
  return {
    ...person,
    idLabel: '公民身份号码',
    depositRegion: '南京市',
    employer: '南京示例信息技术有限公司',
    accountStatus: '正常',
    depositRatio: '单位 12%，个人 12%',
    balance: 86412.37,
    paidUpTo: '2025-05',
    employerTotal: 6192,
    personalTotal: 6192,
    deposits: monthsUpTo('2025-05', 6)
      .reverse()
      .map((yearMonth) => ({ yearMonth, employer: 1032, personal: 1032, total: 2064 })),
    authority: '南京市住房公积金管理中心',
    certificateNo: 'GJJ-20250603-000117',
    asOf: '2025-06-03',
    issueDate: '2025-06-03',
    verificationCode: 'GJJ-6T2R-9WQA',
    verificationUrl: 'https://sandbox.kiosk24.invalid/verify/GJJ-6T2R-9WQA',
  };
}

/** Sample data for `real-estate-certificate`: two properties. */
export function realEstateSample(): Record<string, unknown> {
  return {
    ...person,
    idLabel: '公民身份号码',
    propertyCount: 2,
    properties: [
      {
        location: '南京市鼓楼区演示街88号3幢1201室',
        area: '89.36',
        use: '住宅',
        registeredOn: '2012-04-18',
        certificateNo: '苏(2012)宁不动产权第******1号',
      },
      {
        location: '南京市建邺区示例路16号1幢105室',
        area: '56.10',
        use: '商业服务',
        registeredOn: '2019-09-02',
        certificateNo: '苏(2019)宁不动产权第******7号',
      },
    ],
    asOf: '2025-06-03',
    authority: '南京市不动产登记中心',
    certificateNo: 'BDC-20250603-000042',
    issueDate: '2025-06-03',
    verificationCode: 'BDC-3H8K-2QWE',
    verificationUrl: 'https://sandbox.kiosk24.invalid/verify/BDC-3H8K-2QWE',
  };
}

/** Sample data for `licence-copy-certificate`: a driving licence. */
export function licenceCopySample(): Record<string, unknown> {
  return {
    ...person,
    idLabel: '公民身份号码',
    licenceName: '机动车驾驶证',
    licenceNumber: '3201************07',
    issuer: '南京市公安局交通管理局',
    issuedOn: '1978-05-20',
    validUntil: '长期',
    authority: '政务服务电子证照库',
    certificateNo: 'DZZZ-20250603-000008',
    issueDate: '2025-06-03',
    verificationCode: 'DZZZ-7M4N-5RTY',
    verificationUrl: 'https://sandbox.kiosk24.invalid/verify/DZZZ-7M4N-5RTY',
  };
}
