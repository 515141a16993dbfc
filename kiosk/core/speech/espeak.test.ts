import { beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../../../test/support/tools.ts';
import { MAX_SPEECH_CHARS, SpeechError } from './engine.ts';
import { espeakEngine } from './espeak.ts';
import { wavStats } from './wav.ts';

/**
 * Quietest speech counted as speech: espeak-ng at the lowest volume step measured an RMS of
 * 0.034-0.040 of full scale on these texts, digital silence is 0 and a pipe of header-only
 * output is 0; half the quietest measured keeps the test clear of both.
 */
const MIN_SPEECH_RMS = 0.017;

/**
 * Seconds per character that a text of several characters may take. Measured at the kiosk's
 * rates: Mandarin 0.29-0.35 s a character (one syllable each, with pauses at punctuation),
 * English 0.075-0.082 s a letter. The bounds allow a faster or slower espeak-ng release by
 * about a third either way, and still fail when a voice falls back to another language
 * (English reading Chinese spells out "Chinese letter" for each character, many times longer)
 * or when the text was cut.
 */
const SECONDS_PER_CHAR = {
  cmn: { min: 0.2, max: 0.5 },
  en: { min: 0.05, max: 0.12 },
} as const;

const SAMPLES = [
  { voice: 'cmn', text: '社会保险缴费证明，绿色按钮，在底部：打印证明。灰色按钮，在底部：返回' },
  { voice: 'cmn', text: '请将身份证放在读卡区' },
  {
    voice: 'en',
    text: 'Social insurance payment certificate. Green button at the bottom: print. Grey button at the bottom: back.',
  },
  { voice: 'en', text: 'Please place your ID card on the reader.' },
] as const;

describe('the espeak-ng speech engine', () => {
  beforeAll(() => {
    requireTool('espeak-ng', 'espeak-ng');
  });
  const engine = espeakEngine();

  for (const { voice, text } of SAMPLES) {
    it(`speaks "${text.slice(0, 16)}…" in ${voice} as audible WAV whose length fits the text`, async () => {
      const stats = wavStats(await engine.synthesize(text, voice));
      expect(stats.rms).toBeGreaterThan(MIN_SPEECH_RMS);
      const perChar = stats.seconds / text.length;
      expect(perChar).toBeGreaterThan(SECONDS_PER_CHAR[voice].min);
      expect(perChar).toBeLessThan(SECONDS_PER_CHAR[voice].max);
    });
  }

  it('speaks louder at a higher volume step', async () => {
    const text = '请插入身份证';
    const quiet = wavStats(await engine.synthesize(text, 'cmn', { volumeStep: 1 }));
    const loud = wavStats(await engine.synthesize(text, 'cmn', { volumeStep: 5 }));
    expect(quiet.rms).toBeGreaterThan(MIN_SPEECH_RMS);
    expect(loud.rms).toBeGreaterThan(quiet.rms * 2);
  });

  it('refuses text over the length cap before starting espeak-ng', async () => {
    const error = await engine
      .synthesize('长'.repeat(MAX_SPEECH_CHARS + 1), 'cmn')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpeechError);
    expect((error as SpeechError).tooLong).toBe(true);
  });

  it('refuses empty text', async () => {
    await expect(engine.synthesize(' \n ', 'en')).rejects.toThrow(/no text to speak/);
  });

  it('reads shell syntax as words and runs nothing', async () => {
    const stats = wavStats(await engine.synthesize('$(touch x); `id` && rm -rf /', 'en'));
    expect(stats.rms).toBeGreaterThan(MIN_SPEECH_RMS);
  });

  it('says the engine is unavailable, with the fix, when the program is missing', async () => {
    const missing = espeakEngine({ command: 'espeak-ng-not-installed' });
    const error = await missing.synthesize('hello', 'en').catch((e: unknown) => e);
    expect((error as SpeechError).unavailable).toBe(true);
    expect((error as SpeechError).message).toMatch(/npm run setup/);
  });

  it('stops when asked', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      engine.synthesize('请插入身份证', 'cmn', { signal: controller.signal }),
    ).rejects.toThrow(/stopped/);
  });
});
