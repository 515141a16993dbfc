import { describe, expect, it } from 'vitest';
import type { KioskSnapshot, ScreenView } from '../contract.ts';
import { throttleActivity } from './activity.ts';
import { SAMPLE_SCREENS, sampleSnapshot } from './samples.ts';
import { initialViewState, reduceView, type ViewState } from './view-state.ts';

const snap = (seq: number, screen: ScreenView = SAMPLE_SCREENS.menu): KioskSnapshot => ({
  ...sampleSnapshot(screen),
  seq,
});

function receive(state: ViewState, snapshot: KioskSnapshot): ViewState {
  return reduceView(state, { type: 'core', message: { type: 'snapshot', snapshot } });
}

const connected = reduceView(initialViewState, { type: 'connection', connected: true });

describe('the renderer view state', () => {
  it('draws the first snapshot and counts it as a new screen', () => {
    const state = receive(connected, snap(1));
    expect(state.snapshot?.seq).toBe(1);
    expect(state.screenKey).toBe(1);
  });

  it('drops a snapshot older than the one shown', () => {
    const state = receive(receive(connected, snap(5)), snap(4, SAMPLE_SCREENS.attract));
    expect(state.snapshot?.screen.id).toBe('menu');
  });

  it('keeps the screen key when only details of the same screen change', () => {
    const first = receive(connected, snap(1));
    const second = receive(first, { ...snap(2), largeText: true });
    expect(second.screenKey).toBe(first.screenKey);
    expect(second.syncKey).toBe(first.syncKey + 1);
  });

  it('forgets the snapshot when the bridge drops and accepts a restarted core’s low seq', () => {
    const shown = receive(connected, snap(40));
    const dropped = reduceView(shown, { type: 'connection', connected: false });
    expect(dropped.snapshot).toBeNull();
    const back = reduceView(dropped, { type: 'connection', connected: true });
    expect(receive(back, snap(1)).snapshot?.seq).toBe(1);
  });

  it('ignores a refusal from the host', () => {
    const shown = receive(connected, snap(1));
    expect(reduceView(shown, { type: 'core', message: { type: 'refused', reason: 'x' } })).toBe(
      shown,
    );
  });
});

describe('the activity report', () => {
  it('sends at most one report per interval however many touches there are', () => {
    let now = 0;
    let reports = 0;
    const touch = throttleActivity(() => (reports += 1), { intervalMs: 1000, now: () => now });
    touch();
    now = 400;
    touch();
    now = 999;
    touch();
    expect(reports).toBe(1);
    now = 1000;
    touch();
    expect(reports).toBe(2);
  });
});
