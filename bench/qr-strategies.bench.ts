/**
 * Which QR decode strategies earn their time: each strategy alone on the scene set, its reads,
 * what it reads that zxing-cpp's default pass does not, and its median cost on images with and
 * without a code. The default order in drivers/scanner/qr-decoder.ts is chosen from this table.
 * Run: npx tsx bench/qr-strategies.bench.ts (KIOSK24_QR_PER_KIND sets the set's size).
 */
import { toLuminance, type LuminanceFrame } from '../drivers/scanner/camera-frame.ts';
import { ALL_STRATEGIES, QrFrameDecoder } from '../drivers/scanner/qr-decoder.ts';
import { sceneSet } from '../test/fixtures/scanner/qr-scenes.ts';

/** Scenes of each kind with a code. */
const PER_KIND = Number(process.env.KIOSK24_QR_PER_KIND ?? 16);

const scenes = sceneSet(PER_KIND).map((scene) => {
  const grey = scene.render();
  const frame: LuminanceFrame = toLuminance({ ...grey, luminance: grey.luminance });
  return { scene, frame };
});

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const results = new Map<string, { right: boolean[]; msCode: number[]; msNone: number[] }>();
for (const strategy of ALL_STRATEGIES) {
  const decoder = new QrFrameDecoder([strategy], false);
  await decoder.load();
  // Warm-up: the JIT and wasm tier-up, untimed.
  for (const { frame } of scenes.slice(0, 10)) decoder.decode(frame);
  const right: boolean[] = [];
  const msCode: number[] = [];
  const msNone: number[] = [];
  for (const { scene, frame } of scenes) {
    const started = performance.now();
    const found = decoder.decode(frame);
    const ms = performance.now() - started;
    const payload = scene.payload;
    if (!payload) {
      msNone.push(ms);
      right.push(false);
      continue;
    }
    msCode.push(ms);
    right.push(
      payload.binary
        ? found?.bytes?.length === payload.bytes.length &&
            found.bytes.every((v, i) => v === payload.bytes[i])
        : found?.text === payload.text,
    );
  }
  results.set(strategy, { right, msCode, msNone });
  decoder.dispose();
}

const base = results.get('zxing-cpp')?.right ?? [];
const codes = scenes.filter((s) => s.scene.payload).length;
console.log(`qr-strategies: ${codes} scenes with a code, ${scenes.length - codes} without`);
console.log(
  `${'strategy'.padEnd(20)}${'reads'.padStart(8)}${'+ over zxing-cpp'.padStart(18)}${'ms code'.padStart(10)}${'ms none'.padStart(10)}`,
);
const gained = new Set<number>();
for (const [strategy, r] of results) {
  const extra = r.right.map((ok, i) => (ok && !base[i] ? i : -1)).filter((i) => i >= 0);
  if (strategy !== 'zxing-cpp') extra.forEach((i) => gained.add(i));
  console.log(
    `${strategy.padEnd(20)}${String(r.right.filter(Boolean).length).padStart(8)}${String(extra.length).padStart(18)}${median(r.msCode).toFixed(2).padStart(10)}${median(r.msNone).toFixed(2).padStart(10)}`,
  );
  if (extra.length > 0 && strategy !== 'zxing-cpp') {
    console.log(`    ${extra.map((i) => scenes[i]?.scene.name).join(' ')}`);
  }
}
console.log(
  `all strategies together: ${base.filter(Boolean).length + gained.size} of ${codes} (zxing-cpp alone ${base.filter(Boolean).length})`,
);
