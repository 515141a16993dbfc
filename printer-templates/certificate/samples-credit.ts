/** Sample data for `credit-record-certificate`: a fictional enterprise with two entries. */
export function creditRecordSample(): Record<string, unknown> {
  return {
    enterpriseName: '南京示例信息技术有限公司',
    creditCode: '91320105MA1XK7Q2XX',
    legalRepresentative: '周*国',
    registeredCapital: '500.00万元',
    status: '存续',
    establishedOn: '2016-04-18',
    entryCount: 2,
    entries: [
      {
        entryKind: '行政许可',
        entryTitle: '增值电信业务经营许可',
        entryAuthority: '江苏省通信管理局',
        entryDate: '2019-08-01',
      },
      {
        entryKind: '守信激励',
        entryTitle: '守合同重信用企业',
        entryAuthority: '南京市市场监督管理局',
        entryDate: '2023-05-20',
      },
    ],
    asOf: '2025-06-03',
    authority: '公共信用信息服务平台',
    certificateNo: 'XY-20250603-000031',
    issueDate: '2025-06-03',
    verificationCode: 'XY-4K7P-8MWC',
    verificationUrl: 'https://sandbox.kiosk24.invalid/verify/XY-4K7P-8MWC',
  };
}
