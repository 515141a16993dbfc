/**
 * One-off maintenance script: writes the committed certificate font from the Debian
 * fonts-wqy-microhei collection. The kiosk embeds the committed file, never the system one.
 *
 *   npx tsx printer-templates/fonts/extract-face.ts [collection.ttc] [faceIndex]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractTtcFace } from './ttc.ts';

const DEFAULT_COLLECTION = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const target = fileURLToPath(new URL('./wqy-microhei.ttf', import.meta.url));

const source = process.argv[2] ?? DEFAULT_COLLECTION;
const faceIndex = Number(process.argv[3] ?? '0');
if (!Number.isInteger(faceIndex) || faceIndex < 0) {
  throw new Error(`face index must be a whole number >= 0, got "${process.argv[3]}"`);
}
const face = extractTtcFace(readFileSync(source), faceIndex);
writeFileSync(target, face);
console.log(`wrote face ${faceIndex} of ${source} to ${target} (${face.byteLength} bytes)`);
