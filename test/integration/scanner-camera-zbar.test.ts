import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLuminance } from '../../drivers/scanner/camera-frame.ts';
import { QrFrameDecoder } from '../../drivers/scanner/qr-decoder.ts';
import {
  CLEAN_SET,
  HARD_SET,
  greyFramePng,
  renderQrFrame,
  type FrameRecipe,
} from '../fixtures/scanner/qr-frames.ts';
import { requireTool } from '../support/tools.ts';

/**
 * Hard frames zbar reads and our zxing-based decoder does not. Strong perspective (50° tilt)
 * defeats zxing's finder-pattern cross-check; kept visible here rather than dropped from the set.
 */
const KNOWN_GAPS = ['tilt-50-rotate-10'];

interface Outcome {
  name: string;
  ours: boolean;
  zbar: boolean;
}

describe('our QR decoder beside zbarimg on the same frames', () => {
  let dir: string;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    const zbarimg = requireTool('zbarimg', 'zbar-tools');
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-qr-'));
    const decoder = new QrFrameDecoder();
    // The camera reads with zxing-cpp once its wasm is loaded; before that only the fallback runs.
    await decoder.load();
    for (const recipe of [...CLEAN_SET, ...HARD_SET] as FrameRecipe[]) {
      const frame = renderQrFrame(recipe);
      const file = join(dir, `${recipe.name}.png`);
      writeFileSync(file, greyFramePng(frame));
      const zbar = spawnSync(zbarimg, ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', file], {
        encoding: 'utf8',
      });
      const ours = decoder.decode(toLuminance(frame));
      outcomes.push({
        name: recipe.name,
        ours: ours?.text === recipe.payload,
        zbar: zbar.status === 0 && zbar.stdout.replace(/\n$/, '') === recipe.payload,
      });
    }
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('both decode every clean frame', () => {
    const clean = outcomes.filter((o) => o.name.startsWith('clean-'));
    expect(clean).toHaveLength(CLEAN_SET.length);
    expect(clean.filter((o) => !o.ours || !o.zbar)).toEqual([]);
  });

  it('decodes every hard frame zbarimg decodes, apart from the known gaps', () => {
    const zbarOnly = outcomes.filter((o) => o.zbar && !o.ours).map((o) => o.name);
    expect(zbarOnly.filter((name) => !KNOWN_GAPS.includes(name))).toEqual([]);
  });

  it('decodes at least as many hard frames as zbarimg', () => {
    const hard = outcomes.filter((o) => !o.name.startsWith('clean-'));
    const ours = hard.filter((o) => o.ours).length;
    const zbar = hard.filter((o) => o.zbar).length;
    expect(ours).toBeGreaterThanOrEqual(zbar);
  });
});
