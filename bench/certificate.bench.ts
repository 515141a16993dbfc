/**
 * Warm certificate generation: time and size per document for our renderer (font parsed once,
 * embedded as a subset) beside the naive peer — pdf-lib embedding the same font whole, parsed
 * again for every document as `embedFont(bytes)` does by default — as ratios in one run.
 * Goal: <= 40 ms and <= 60 KB per one-page certificate. Run with `npx tsx bench/certificate.bench.ts`.
 */
import { performance } from 'node:perf_hooks';
import fontkit from '@pdf-lib/fontkit';
import {
  certificateFont,
  parseCertificateFont,
} from '../printer-templates/fonts/certificate-font.ts';
import { renderCertificate } from '../printer-templates/certificate/render.ts';
import { siPaymentSample } from '../printer-templates/certificate/samples.ts';
import { templateSample } from '../printer-templates/certificate/templates.ts';

const WARMUP = 5;
const ROUNDS = 40;
const GOAL_MS = 40;
const GOAL_KB = 60;

interface Result {
  msPerDocument: number;
  kbPerDocument: number;
}

/** Median time per document (the machine is shared, so the mean is at the mercy of neighbours). */
async function measure(render: () => Promise<Uint8Array>, rounds: number): Promise<Result> {
  let bytes = 0;
  for (let i = 0; i < WARMUP; i++) bytes = (await render()).byteLength;
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await render();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    msPerDocument: times[Math.floor(times.length / 2)] ?? Number.NaN,
    kbPerDocument: bytes / 1024,
  };
}

const cases: { name: string; template: string; data: Record<string, unknown> }[] = [
  {
    name: 'si-payment (6 months, 1 page)',
    template: 'si-payment-certificate',
    data: templateSample('si-payment-certificate'),
  },
  {
    name: 'hpf-deposit (1 page)',
    template: 'hpf-deposit-certificate',
    data: templateSample('hpf-deposit-certificate'),
  },
  {
    name: 'si-payment (60 months, 3 pages)',
    template: 'si-payment-certificate',
    data: siPaymentSample(60),
  },
];

const naiveFont = { ...parseCertificateFont(certificateFont().bytes), fontkit };
const fmt = (n: number, digits = 1): string => n.toFixed(digits).padStart(8);

console.log(
  `certificate bench: median of ${ROUNDS} warm documents (naive peer: 5) after ${WARMUP} warm-up; goal <= ${GOAL_MS} ms, <= ${GOAL_KB} KB`,
);
console.log(
  `${'case'.padEnd(34)}${'ours ms'.padStart(8)}${'ours KB'.padStart(8)}${'naive ms'.padStart(9)}${'naive KB'.padStart(9)}  time x   size x  goal`,
);
// Warm the JIT on every case before timing any, so the first row is not the cold one.
for (let i = 0; i < 10; i++) {
  for (const item of cases) await renderCertificate(item.template, item.data);
}
for (const item of cases) {
  const ours = await measure(() => renderCertificate(item.template, item.data), ROUNDS);
  // The peer is pdf-lib's plain path: the stock fontkit parses and shapes the font for every
  // document and the whole font is embedded. Layout (line breaks) is shared, so only the
  // embedding differs.
  const naive = await measure(
    () => renderCertificate(item.template, item.data, { font: naiveFont, fullFont: true }),
    5,
  );
  const withinGoal = ours.msPerDocument <= GOAL_MS && ours.kbPerDocument <= GOAL_KB;
  console.log(
    `${item.name.padEnd(34)}${fmt(ours.msPerDocument)}${fmt(ours.kbPerDocument)} ${fmt(naive.msPerDocument)} ${fmt(naive.kbPerDocument)}` +
      `  ${fmt(ours.msPerDocument / naive.msPerDocument, 3)
        .trim()
        .padStart(6)}  ${fmt(ours.kbPerDocument / naive.kbPerDocument, 4)
        .trim()
        .padStart(7)}  ${withinGoal ? 'met' : 'MISSED'}`,
  );
}
console.log(
  'ratios are ours / naive: below 1 means the renderer is faster or smaller than the peer.',
);
console.log(
  'the goal is for one document; the 3-page case shows how time and size grow with pages.',
);
