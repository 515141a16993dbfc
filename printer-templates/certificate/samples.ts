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

/** Sample data for `hpf-deposit-certificate`. */
export function hpfDepositSample(): Record<string, unknown> {
  return {
    ...person,
    employer: '南京示例信息技术有限公司',
    accountNumber: '3201****0571',
    accountStatus: '正常缴存',
    openedOn: '2009-08',
    depositBase: 8600,
    depositRate: 12,
    monthlyDeposit: 2064,
    balance: 86412.37,
    paidUpTo: '2025-05',
    deposits: monthsUpTo('2025-05', 6).map((yearMonth) => ({
      yearMonth,
      employer: 1032,
      personal: 1032,
      total: 2064,
    })),
    authority: '南京住房公积金管理中心',
    issueDate: '2025-06-03',
    verificationCode: 'GJJ-6T2R-9WQA',
    verificationUrl: 'https://sandbox.kiosk24.invalid/hpf/verify?code=GJJ-6T2R-9WQA',
  };
}
