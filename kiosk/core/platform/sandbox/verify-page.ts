import type { CertificateCheck } from '../schemas.ts';

/**
 * The page a phone shows after scanning a certificate's QR code. Plain HTML with no script
 * and a locked-down CSP, since anyone on the internet can open it.
 */

/** Headers sent with the verification page. */
export const VERIFY_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

const STATUS_TEXT: Record<CertificateCheck['status'], { title: string; colour: string }> = {
  valid: { title: '证明有效', colour: '#1a7f37' },
  revoked: { title: '证明已作废', colour: '#b35900' },
  unknown: { title: '未找到该证明', colour: '#b42318' },
};

const KIND_TEXT: Record<NonNullable<CertificateCheck['kind']>, string> = {
  'si-payment': '社会保险参保缴费证明',
  'hpf-deposit': '住房公积金缴存证明',
  'real-estate': '不动产登记信息查询结果',
  'licence-copy': '电子证照打印件',
  'credit-record': '企业公共信用信息报告',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders the verification result as a small zh-CN page. */
export function renderVerifyPage(check: CertificateCheck): string {
  const status = STATUS_TEXT[check.status];
  const rows: [string, string | undefined][] = [
    ['证明类型', check.kind === undefined ? undefined : KIND_TEXT[check.kind]],
    ['证明编号', check.certificateNo],
    ['持证人', check.holder],
    ['出具时间', check.issuedAt],
    ['作废时间', check.revokedAt],
  ];
  const table = rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    .map(([label, value]) => `<tr><th>${label}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${status.title}</title>
<style>body{font-family:sans-serif;margin:2rem}h1{color:${status.colour}}th{text-align:left;padding-right:1rem}</style>
</head><body><h1>${status.title}</h1><table>${table}</table>
<p>本页面由自助终端沙箱政务平台提供，仅用于测试。</p></body></html>
`;
}
