/**
 * Writes the camera QR test set (test/fixtures/scanner/qr-scenes.ts) as PNG files, for people
 * to look at and for other decoders to read. Deterministic: the same files on every run.
 * Run: npx tsx scripts/qr-test-set.ts <output-folder> [scenes-per-kind]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { greyFramePng } from '../test/fixtures/scanner/qr-frames.ts';
import { sceneSet } from '../test/fixtures/scanner/qr-scenes.ts';

/** Scenes of each kind when the command line names no count: the benchmark's set. */
const DEFAULT_PER_KIND = 16;

const [folder, count] = process.argv.slice(2);
const perKind = count === undefined ? DEFAULT_PER_KIND : Number(count);
if (!folder || !Number.isInteger(perKind) || perKind < 1) {
  console.error(
    'usage: npx tsx scripts/qr-test-set.ts <output-folder> [scenes-per-kind, 1 or more]',
  );
  process.exit(2);
}
mkdirSync(folder, { recursive: true });
const index: string[] = [];
for (const scene of sceneSet(perKind)) {
  writeFileSync(join(folder, `${scene.name}.png`), greyFramePng(scene.render()));
  index.push(`${scene.name}.png\t${scene.kind}\t${scene.payload?.name ?? '-'}`);
}
writeFileSync(join(folder, 'index.tsv'), `${index.join('\n')}\n`);
console.log(`wrote ${index.length} scenes to ${folder}`);
