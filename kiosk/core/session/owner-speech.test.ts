import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_VERSION, parseRendererMessage, type KioskSnapshot } from '../../contract.ts';
import { createSessionRuntime } from '../capabilities/runtime.ts';
import { loadFlowPackage } from '../runner/load-package.ts';
import { DEFAULT_VOLUME_STEP, type SpeechEngine } from '../speech/engine.ts';
import { espeakEngine } from '../speech/espeak.ts';
import { RecordingPlayer } from '../speech/player.ts';
import { Speaker } from '../speech/speaker.ts';
import { wavStats } from '../speech/wav.ts';
import type { Clock } from './idle.ts';
import { SessionOwner } from './owner.ts';
import { fakeCapabilityPorts } from './testing/guard-harness.ts';
import { waitFor } from '../../../test/support/time.ts';
import { requireTool } from '../../../test/support/tools.ts';

const FLOW = loadFlowPackage(join(import.meta.dirname, '../../../flows/si-payment-certificate'));

/** A clock whose timers fire only when the test advances it. */
class StepClock implements Clock {
  private time = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  private id = 0;
  now = (): number => this.time;
  setTimeout = (fn: () => void, ms: number): unknown => {
    this.timers.set(++this.id, { at: this.time + ms, fn });
    return this.id;
  };
  clearTimeout = (h: unknown): void => void this.timers.delete(h as number);
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .sort((a, b) => a[1].at - b[1].at)
        .find(([, t]) => t.at <= end);
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
}

/** An engine that keeps each text and volume it was given and answers with espeak-ng's WAV. */
function recordingEngine(real: SpeechEngine) {
  const said: { text: string; volumeStep: number | undefined }[] = [];
  const engine: SpeechEngine = {
    name: 'recording',
    synthesize: (text, voice, options) => {
      said.push({ text, volumeStep: options?.volumeStep });
      return real.synthesize(text, voice, options);
    },
  };
  return { engine, said };
}

function harness() {
  requireTool('espeak-ng', 'espeak-ng');
  const clock = new StepClock();
  const { engine, said } = recordingEngine(espeakEngine());
  const player = new RecordingPlayer();
  const speaker = new Speaker(engine, player);
  const owner = new SessionOwner({
    flows: [FLOW],
    createRuntime: (ref, c) => createSessionRuntime(fakeCapabilityPorts({}, []), ref, c),
    outOfService: () => [],
    submitRating: () => Promise.resolve('sent'),
    idleTimeoutSeconds: 60,
    idleWarningSeconds: 10,
    maxSessionMinutes: 5,
    locale: 'zh-CN',
    largeText: false,
    site: '示例街道便民服务中心',
    clock,
    speech: speaker,
  });
  const received: KioskSnapshot[] = [];
  const link = owner.connect((m) => {
    if (m.type === 'snapshot') received.push(m.snapshot);
  });
  link.receive({ type: 'hello', contractVersion: CONTRACT_VERSION });
  const last = (): KioskSnapshot => received[received.length - 1]!;
  const act = (event: string, data?: Record<string, string>): void =>
    link.receive({ type: 'action', event, ...(data ? { data } : {}) });
  const until = (id: string) => waitFor(() => last().screen.id === id, `screen ${id}`);
  return { clock, said, player, speaker, link, last, act, until };
}

describe('speech through the session owner', () => {
  it('speaks the attract screen on request as audible WAV through the player', async () => {
    const h = harness();
    const played = h.player.next();
    h.act('speech.request');
    const stats = wavStats(await played);
    expect(stats.rms).toBeGreaterThan(0.017);
    expect(stats.seconds).toBeGreaterThan(1);
    expect(h.said[0]?.text).toContain('开始办理');
  });

  it('speaks the masked holder on the certificate preview, never the name or ID number', async () => {
    const h = harness();
    h.act('session.start');
    h.act('service.chosen', { serviceId: 'si-payment-certificate' });
    h.act('identity.card');
    await h.until('si-payment-certificate/choose-period');
    h.link.receive({ type: 'action', event: 'period.months', data: { months: 12 } });
    await h.until('si-payment-certificate/preview');
    const played = h.player.next();
    h.act('speech.request');
    await played;
    const text = h.said.at(-1)?.text ?? '';
    expect(text).toContain('王');
    expect(text).toContain('隐去');
    expect(text).not.toMatch(/秀英|195808|0808/);
    expect(text).toMatch(/按钮，在底部/);
  });

  it('repeats the last text, turns up and down within bounds and resets at session end', async () => {
    const h = harness();
    h.act('session.start');
    await h.until('menu');
    let played = h.player.next();
    h.act('speech.request');
    await played;
    played = h.player.next();
    h.act('speech.repeat');
    await played;
    expect(h.said[1]?.text).toBe(h.said[0]?.text);
    for (let i = 0; i < 10; i++) h.act('speech.louder');
    expect(h.speaker.volume).toBe(5);
    played = h.player.next();
    h.act('speech.repeat');
    await played;
    expect(h.said.at(-1)).toEqual({ text: h.said[0]?.text, volumeStep: 5 });
    h.act('speech.quieter');
    expect(h.speaker.volume).toBe(4);
    h.act('session.end');
    await h.until('attract');
    expect(h.speaker.volume).toBe(DEFAULT_VOLUME_STEP);
  });

  it('speaks the idle warning once when it appears, not at each tick', async () => {
    const h = harness();
    h.act('session.start');
    await h.until('menu');
    const played = h.player.next();
    h.clock.advance(50_000);
    expect(h.last().idle.warning).toBe(true);
    await played;
    h.clock.advance(3_000);
    const idleTexts = h.said.filter((s) => s.text.includes('您还在吗'));
    expect(idleTexts).toHaveLength(1);
    expect(idleTexts[0]?.text).toContain('继续办理');
  });

  it('stops at once: a stopped text never reaches the player', async () => {
    const h = harness();
    h.act('speech.request');
    h.act('speech.stop');
    const played = h.player.next();
    h.act('speech.louder');
    await played;
    // Only the volume words were played; the screen text was stopped before playing.
    expect(h.player.played).toHaveLength(1);
    expect(h.said.at(-1)?.text).toMatch(/音量4级/);
  });
});

describe('speech mode through the session owner', () => {
  it('speaks each new screen on arrival, once, and ends with the session', async () => {
    const h = harness();
    h.link.receive({ type: 'action', event: 'speech.mode', data: { on: true } });
    await waitFor(() => h.said.length === 1, 'the attract screen to be spoken on switching on');
    expect(h.last().speechMode).toBe(true);
    h.act('session.start');
    await h.until('menu');
    await waitFor(
      () => h.said.some((s) => s.text.startsWith('请选择要办理的事项')),
      'the menu to be spoken on arrival',
    );
    const count = h.said.length;
    h.link.receive({ type: 'activity' });
    h.link.receive({ type: 'locale', locale: 'zh-CN' });
    expect(h.said.length).toBe(count);
    h.act('session.end');
    await h.until('attract');
    expect(h.last().speechMode).toBe(false);
    expect(h.said.length).toBe(count);
  });

  it('refuses a speech.mode event without a boolean', () => {
    expect(
      parseRendererMessage({ type: 'action', event: 'speech.mode', data: { on: 'yes' } }),
    ).toEqual({ ok: false, reason: 'speech.mode needs a valid "on"' });
  });
});
