import { describe, expect, it } from 'vitest';
import { msToNextTick, secondsLeft } from './countdown.ts';

describe('the waiting countdown', () => {
  it('counts whole seconds down from the figure in the snapshot', () => {
    expect(secondsLeft(60, 0)).toBe(60);
    expect(secondsLeft(60, 999)).toBe(60);
    expect(secondsLeft(60, 1000)).toBe(59);
    expect(secondsLeft(60, 59_999)).toBe(1);
  });

  it('stops at zero and never goes below it', () => {
    expect(secondsLeft(60, 60_000)).toBe(0);
    expect(secondsLeft(5, 3_600_000)).toBe(0);
  });

  it('treats a nonsense start as nothing left, and a fraction as the next whole second', () => {
    expect(secondsLeft(-3, 0)).toBe(0);
    expect(secondsLeft(Number.NaN, 0)).toBe(0);
    expect(secondsLeft(4.2, 0)).toBe(5);
  });

  it('ignores a clock that went backwards', () => {
    expect(secondsLeft(30, -5000)).toBe(30);
  });

  it('wakes exactly when the shown figure changes', () => {
    expect(msToNextTick(0)).toBe(1000);
    expect(msToNextTick(250)).toBe(750);
    expect(msToNextTick(1999)).toBe(1);
  });
});
