/**
 * Camera QR decoding: frames per second on one core for clean 640x480 frames (goal >= 300),
 * and on the hard set the share our decoder reads beside zbarimg's share on the same PNGs
 * (goal: at least zbarimg's). Printed as measured figure next to goal, ratios in one run.
 * Run with `npx tsx bench/qr-decode.bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { toLuminance, type LuminanceFrame } from '../drivers/scanner/camera-frame.ts';
import { QrFrameDecoder } from '../drivers/scanner/qr-decoder.ts';
import {
  CLEAN_SET,
  HARD_SET,
  greyFramePng,
  renderQrFrame,
  type FrameRecipe,
} from '../test/fixtures/scanner/qr-frames.ts';

const SECONDS = Number(process.env.KIOSK24_BENCH_SECONDS ?? 3);
const FPS_GOAL = 300;

const decoder = new QrFrameDecoder();
const clean = CLEAN_SET.map((recipe) => ({ recipe, frame: toLuminance(renderQrFrame(recipe)) }));

function decodes(recipe: FrameRecipe, frame: LuminanceFrame): boolean {
  return decoder.decode(frame)?.text === recipe.payload;
}

// Warm up the JIT, then decode the clean frames round-robin for a fixed time.
for (let i = 0; i < 60; i++) {
  const item = clean[i % clean.length];
  if (item) decodes(item.recipe, item.frame);
}
let frames = 0;
let failures = 0;
const started = performance.now();
while (performance.now() - started < SECONDS * 1000) {
  const item = clean[frames % clean.length];
  if (item && !decodes(item.recipe, item.frame)) failures++;
  frames++;
}
const fps = frames / ((performance.now() - started) / 1000);

const zbarimg = spawnSync('sh', ['-c', 'command -v zbarimg'], { encoding: 'utf8' }).stdout.trim();
const dir = mkdtempSync(join(tmpdir(), 'kiosk24-qr-bench-'));
const hardRows: { name: string; ours: boolean; zbar: boolean | undefined; ms: number }[] = [];
try {
  for (const recipe of HARD_SET) {
    const grey = renderQrFrame(recipe);
    const frame = toLuminance(grey);
    const t0 = performance.now();
    const ours = decodes(recipe, frame);
    const ms = performance.now() - t0;
    let zbar: boolean | undefined;
    if (zbarimg) {
      const file = join(dir, `${recipe.name}.png`);
      writeFileSync(file, greyFramePng(grey));
      const run = spawnSync(zbarimg, ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', file], {
        encoding: 'utf8',
      });
      zbar = run.status === 0 && run.stdout.replace(/\n$/, '') === recipe.payload;
    }
    hardRows.push({ name: recipe.name, ours, zbar, ms });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const ours = hardRows.filter((r) => r.ours).length;
const zbar = hardRows.filter((r) => r.zbar).length;
const pct = (n: number): string =>
  `${((100 * n) / HARD_SET.length).toFixed(0)}% (${n}/${HARD_SET.length})`;
console.log(
  `qr-decode: ${clean.length} clean 640x480 frames for ${SECONDS} s on one core, ${HARD_SET.length} hard frames`,
);
console.log(
  'measure'.padEnd(34) + 'measured'.padStart(18) + 'goal'.padStart(18) + 'ratio'.padStart(10),
);
console.log(
  'clean frames per second'.padEnd(34) +
    fps.toFixed(0).padStart(18) +
    `>= ${FPS_GOAL}`.padStart(18) +
    `${(fps / FPS_GOAL).toFixed(2)}x`.padStart(10),
);
console.log(
  'clean frames not decoded'.padEnd(34) + String(failures).padStart(18) + '0'.padStart(18),
);
console.log(
  'hard set decoded, ours'.padEnd(34) +
    pct(ours).padStart(18) +
    (zbarimg ? `>= ${pct(zbar)}` : 'zbarimg missing').padStart(18) +
    (zbarimg && zbar > 0 ? `${(ours / zbar).toFixed(2)}x` : 'n/a').padStart(10),
);
console.log(
  '\nhard frame'.padEnd(26) + 'ours'.padStart(8) + 'zbarimg'.padStart(10) + 'ours ms'.padStart(10),
);
for (const row of hardRows) {
  const mark = (v: boolean | undefined): string => (v === undefined ? '?' : v ? 'yes' : 'no');
  console.log(
    row.name.padEnd(25) +
      mark(row.ours).padStart(8) +
      mark(row.zbar).padStart(10) +
      row.ms.toFixed(1).padStart(10),
  );
}
