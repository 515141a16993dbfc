import { describe, expect, it } from 'vitest';
import { cornerGesture } from './corner-gesture.ts';

function setup() {
  let clock = 0;
  let fired = 0;
  const tap = cornerGesture(() => (fired += 1), { now: () => clock });
  return {
    tap,
    advance: (ms: number) => (clock += ms),
    fired: () => fired,
  };
}

describe('the maintenance corner gesture', () => {
  it('fires after five taps in the top-left corner within three seconds', () => {
    const g = setup();
    for (let i = 0; i < 5; i++) {
      g.tap(10, 20);
      g.advance(500);
    }
    expect(g.fired()).toBe(1);
  });

  it('does not fire on four taps', () => {
    const g = setup();
    for (let i = 0; i < 4; i++) g.tap(5, 5);
    expect(g.fired()).toBe(0);
  });

  it('does not fire when the taps are spread over more than three seconds', () => {
    const g = setup();
    for (let i = 0; i < 5; i++) {
      g.tap(5, 5);
      g.advance(800);
    }
    expect(g.fired()).toBe(0);
  });

  it('starts counting again after a tap elsewhere on the screen', () => {
    const g = setup();
    for (let i = 0; i < 3; i++) g.tap(5, 5);
    g.tap(500, 500);
    for (let i = 0; i < 2; i++) g.tap(5, 5);
    expect(g.fired()).toBe(0);
    for (let i = 0; i < 3; i++) g.tap(5, 5);
    expect(g.fired()).toBe(1);
  });

  it('fires once per five taps, not on every tap after the fifth', () => {
    const g = setup();
    for (let i = 0; i < 6; i++) g.tap(5, 5);
    expect(g.fired()).toBe(1);
  });
});
